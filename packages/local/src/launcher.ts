import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { localSecretFile } from './config/local-secrets';
import { PACKAGE_ROOT } from './paths';

export interface RunningPlatform {
  url: string;
  /** The first-party web app's API key (the platform stack's WebAppApiKey), for keyed routes. */
  apiKey: string;
  output: () => string;
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
  return {
    url,
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
