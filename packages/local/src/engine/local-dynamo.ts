import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEngine } from './engine';
import { loadServiceConfig } from '../config/service-config';
import { engineClient, ensureTables, tablesOf } from './tables';
import type { FaultControl } from './faults';

export interface LocalDynamo {
  endpoint: string;
  /** Table names by CloudFormation logical id, e.g. { Table: 'catalog-local' }. */
  tables: Record<string, string>;
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  /** Fault rules (docs/adr/0020): make the engine conflict, throttle, fail or slow down. */
  faults: FaultControl;
  stop(): Promise<void>;
}

/**
 * A real local DynamoDB engine (the platform's patched dynalite, in memory) with the tables the
 * service at `serviceDir` declares in its serverless.yml. For integration tests of adapters.
 */
export const startLocalDynamo = async (serviceDir: string): Promise<LocalDynamo> => {
  const definition = await loadServiceConfig(serviceDir, 'local');
  const engine = await startEngine({ port: 0 });
  const client = engineClient(engine.endpoint);
  const tables = tablesOf(definition);
  await ensureTables(client, tables);
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint: engine.endpoint,
    tables: Object.fromEntries(tables.map((t) => [t.logicalId, t.input.TableName ?? t.logicalId])),
    client,
    documentClient,
    faults: engine.faults,
    stop: async () => {
      client.destroy();
      await engine.stop();
    },
  };
};
