import path from 'node:path';
import { startEngine } from './engine';
import { PlatformError } from '../platform-error';
import { discoverServices, discoverStacks, loadServiceConfig } from '../config/service-config';
import { engineClient, ensureTables, tablesOf } from './tables';
import type { FaultControl, FaultRule } from './faults';

export interface EngineWithTablesOptions {
  /** Only these services (folder names); default: every service. */
  services?: string[];
  stage?: string;
  /** Engine port; default 0 (any free port). */
  port?: number;
  /** LevelDB folder to keep data across restarts; in memory when undefined. */
  dataDir?: string;
  /** Fault rules (docs/adr/0020), in force once the tables exist. */
  faults?: FaultRule[];
}

export interface EngineWithTables {
  endpoint: string;
  port: number;
  /** Table names created or found, per service. */
  tables: Record<string, string[]>;
  faults: FaultControl;
  stop(): Promise<void>;
}

/**
 * Just the platform's DynamoDB engine with the services' tables (from their own serverless.yml),
 * no functions and no front door: for running a service some other way (e.g. `serverless offline`
 * in the front-door benchmark) against the same engine. Data goes in through the service's API, so
 * there is no seed option here (seed requests need the handlers).
 */
export const startEngineWithTables = async (options: EngineWithTablesOptions = {}): Promise<EngineWithTables> => {
  const stage = options.stage ?? 'local';
  const dirs = (await discoverServices()).filter((dir) => !options.services || options.services.includes(path.basename(dir)));
  if (dirs.length === 0) throw new PlatformError(`No services found under services/${options.services ? ` named ${options.services.join(', ')}` : ''}.`);
  const definitions = await Promise.all((await discoverStacks(dirs)).map(({ dir, configFile }) => loadServiceConfig(dir, stage, configFile)));
  const engine = await startEngine({ port: options.port ?? 0, dataDir: options.dataDir });
  try {
    const client = engineClient(engine.endpoint);
    const all = definitions.flatMap(tablesOf);
    try {
      await ensureTables(client, all);
    } finally {
      client.destroy();
    }
    const tables: Record<string, string[]> = {};
    for (const table of all) (tables[table.service] ??= []).push(table.input.TableName ?? table.logicalId);
    if (options.faults?.length) await engine.faults.set(options.faults);
    return { endpoint: engine.endpoint, port: engine.port, tables, faults: engine.faults, stop: () => engine.stop() };
  } catch (error) {
    await engine.stop();
    throw error;
  }
};
