import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { localSecretFile } from './config/local-secrets';
import { PACKAGE_ROOT } from './paths';
import type { FaultRule, FaultState } from './engine/faults';

export interface RunningPlatform {
  url: string;
  /** The first-party web app's API key (the platform stack's WebAppApiKey), for keyed routes. */
  apiKey: string;
  output: () => string;
  /** Replaces the engine's fault rules through PUT /_emporium/faults (docs/adr/0020); throws on a refusal. */
  setFaults(rules: readonly FaultRule[]): Promise<FaultState>;
  /** The rules in force and their injection counters. */
  faults(): Promise<FaultState>;
  clearFaults(): Promise<void>;
  /** Runs a scheduled function now through POST /_emporium/schedules/{service}/{function}; resolves with its result. */
  runSchedule(service: string, functionName: string): Promise<unknown>;
  stop(): Promise<void>;
}

const BIN = path.join(PACKAGE_ROOT, 'bin', 'emporium-local.mjs');

/**
 * Starts the local platform the way a developer does (`pnpm start`), as a child process on free
 * ports by default, and resolves with its front door URL once it is serving. End-to-end tests
 * drive it over real HTTP. EMPORIUM_E2E_PORT pins the front door port (e.g. 3000).
 */
export const startPlatform = async (args: string[] = [], timeoutMs = 120_000): Promise<RunningPlatform> => {
  const port = process.env.EMPORIUM_E2E_PORT ?? '0';
  const child: ChildProcess = spawn(process.execPath, [BIN, '--port', port, '--db-port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Emporium is running: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with code ${String(code)}:\n${output}`));
    });
  });
  const faultsUrl = `${url}/_emporium/faults`;
  const faultsCall = async (method: string, body?: unknown): Promise<FaultState | undefined> => {
    const response = await fetch(faultsUrl, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${faultsUrl}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as FaultState);
  };
  return {
    url,
    setFaults: async (rules) => (await faultsCall('PUT', rules)) as FaultState,
    faults: async () => (await faultsCall('GET')) as FaultState,
    clearFaults: async () => {
      await faultsCall('DELETE');
    },
    runSchedule: async (service, functionName) => {
      const response = await fetch(`${url}/_emporium/schedules/${service}/${functionName}`, { method: 'POST' });
      const run = (await response.json()) as { ok?: boolean; result?: unknown; error?: string };
      if (!response.ok || !run.ok) throw new Error(`${service}/${functionName}: ${response.status} ${run.error ?? JSON.stringify(run)}`);
      return run.result;
    },
    apiKey: (await readFile(localSecretFile('/emporium/local/api-keys/web'), 'utf8')).trim(),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
  };
};
