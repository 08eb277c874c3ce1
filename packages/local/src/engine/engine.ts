import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths';
import { PlatformError } from '../platform-error';
import type { FaultControl } from './faults';
import { faultControlOf } from './faults';

export interface Engine {
  endpoint: string;
  port: number;
  /** Fault rules of the engine's HTTP layer (docs/adr/0020): none until set. */
  faults: FaultControl;
  stop(): Promise<void>;
}

export interface EngineOptions {
  port: number;
  /** LevelDB folder to keep data across restarts; in memory when undefined. */
  dataDir?: string;
}

type EngineMessage = { type: 'ready'; port: number } | { type: 'error'; code?: string; message: string };

const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
};

/** Starts dynalite in a child process and resolves once it accepts connections. */
export const startEngine = async (options: EngineOptions): Promise<Engine> => {
  const child = fork(path.join(PACKAGE_ROOT, 'src', 'engine', 'engine-child.cjs'), [], {
    env: {
      ...process.env,
      EMPORIUM_ENGINE_PORT: String(options.port),
      ...(options.dataDir ? { EMPORIUM_ENGINE_PATH: options.dataDir } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = await new Promise<EngineMessage>((resolve) => {
    child.once('message', (m) => resolve(m as EngineMessage));
    child.once('exit', (code) => resolve({ type: 'error', message: `engine exited with code ${String(code)}` }));
  });
  if (message.type === 'error') {
    await stopChild(child);
    if (message.code === 'EADDRINUSE') {
      throw new PlatformError(`Port ${options.port} (DynamoDB engine) is already in use: stop what uses it or pass --db-port <n>.`);
    }
    throw new PlatformError(`The DynamoDB engine could not start: ${message.message}`);
  }
  return {
    endpoint: `http://127.0.0.1:${message.port}`,
    port: message.port,
    faults: faultControlOf(child),
    stop: () => stopChild(child),
  };
};
