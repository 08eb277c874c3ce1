import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../paths';
import { FUNCTION_ENV_REGISTRY } from './function-env';

/** What a worker needs to load a function and build its Lambda context. */
export interface WorkerFunctionSpec {
  file: string;
  exportName: string;
  env: Record<string, string>;
  functionName: string;
  functionArn: string;
  memoryLimitInMB: string;
}

/** An error a function threw (or rejected with) in a worker, with its name, message and stack. */
export class FunctionError extends Error {
  constructor(name: string, message: string, stack: string | undefined) {
    super(message);
    this.name = name;
    if (stack) this.stack = stack;
  }
}

/** The worker running an invocation ended (the function crashed it, or the platform stopped). */
export class WorkerExitError extends Error {
  override readonly name = 'WorkerExitError';
}

/** Lines a function wrote: stream (1 stdout, 2 stderr) and text, flattened, in the order written. */
type Lines = (1 | 2 | string)[];

type WorkerMessage =
  | { t: 'logs'; logs: Lines }
  | { t: 'result'; id: number; ok: true; value: unknown; logs?: Lines }
  | { t: 'result'; id: number; ok: false; error: { name: string; message: string; stack?: string }; logs?: Lines };

/** Writes a worker's lines to the platform's own streams, where the console's log capture sees them. */
const writeLines = (lines: Lines) => {
  for (let i = 0; i < lines.length; i += 2) (lines[i] === 2 ? process.stderr : process.stdout).write(lines[i + 1] as string);
};

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Invocations sent and not answered yet. */
  inFlight: number;
  /** Functions this worker was told about (and has loaded or is loading). */
  known: Set<number>;
  pending: Map<number, Pending>;
  /** Set once the worker exited: no more invocations go to it. */
  gone: boolean;
}

export interface WorkerPoolOptions {
  /** How many worker threads at most (started as load needs them). */
  size: number;
  /**
   * A function spreads to another worker (a cold start there) only when each worker it is warm in
   * has at least this many invocations in flight; below, it stays where it is warm.
   */
  spreadAt?: number;
}

const WORKER_FILE = path.join(PACKAGE_ROOT, 'src', 'runtime', 'invocation-worker.cjs');

/** The default pool size: one worker per core, at most 2 (docs/adr/0023: each worker holds its own copy of every function it ran). */
export const defaultPoolSize = (): number => Math.min(2, Math.max(1, os.availableParallelism()));

/**
 * A small pool of worker threads that run function invocations off the front door's thread
 * (docs/adr/0023). Workers start when load needs them; a function loads in a worker on its first
 * invocation there (a cold start) and stays warm. Invocations of a function go to the least busy
 * worker where it is warm; another worker is used (started if need be) only when every such worker
 * is busy, so a function used one request at a time stays in one worker, and memory in proportion.
 * A worker that ends (a function crashed it) fails its invocations in flight and is replaced on
 * the next invocation.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextInvocation = 1;
  private nextFunction = 1;
  private closed = false;
  private readonly spreadAt: number;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!(options.size >= 1)) throw new Error(`A worker pool needs at least one worker, not ${options.size}`);
    this.spreadAt = options.spreadAt ?? 4;
  }

  /** A new id for a function the pool will run. */
  register(): number {
    return this.nextFunction++;
  }

  /** How many workers are running now. */
  get workers(): number {
    return this.slots.filter((slot) => !slot.gone).length;
  }

  /**
   * Invokes function `fn` (described by `spec`, sent to a worker once) with `event`; resolves with
   * its result. At `timeoutMs` the pool stops waiting and forgets the invocation (it no longer
   * counts as in flight; a late answer is dropped) and rejects with `timedOut()`; the handler's
   * remaining work is not stopped.
   */
  invoke(fn: number, spec: WorkerFunctionSpec, event: unknown, requestId: string, timeoutMs: number, timedOut: () => Error): Promise<unknown> {
    if (this.closed) return Promise.reject(new WorkerExitError('The platform is stopping: no more invocations.'));
    const slot = this.pick(fn);
    const id = this.nextInvocation++;
    const first = !slot.known.has(fn);
    const deadline = Date.now() + timeoutMs;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!slot.pending.delete(id)) return;
        slot.inFlight -= 1;
        reject(timedOut());
      }, timeoutMs);
      const settle = () => clearTimeout(timer);
      try {
        slot.worker.postMessage({ t: 'invoke', id, fn, event, requestId, deadline, ...(first ? { spec } : {}) });
      } catch (error) {
        // An event that cannot be sent: nothing was invoked.
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      slot.known.add(fn);
      slot.inFlight += 1;
      slot.pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
    });
  }

  private pick(fn: number): Slot {
    const live = this.slots.filter((slot) => !slot.gone);
    const leastBusy = (slots: Slot[]) => slots.reduce<Slot | undefined>((best, slot) => (!best || slot.inFlight < best.inFlight ? slot : best), undefined);
    // Where the function is warm, unless busy; then a worker not busy (a cold start there); then a new worker.
    const warm = leastBusy(live.filter((slot) => slot.known.has(fn)));
    if (warm && warm.inFlight < this.spreadAt) return warm;
    const cold = leastBusy(live.filter((slot) => !slot.known.has(fn)));
    if (cold && cold.inFlight < this.spreadAt) return cold;
    if (live.length < this.options.size) return this.start();
    // Every worker is busy: the least busy, where the function is warm on a tie.
    return warm && (!cold || warm.inFlight <= cold.inFlight) ? warm : cold!;
  }

  private start(): Slot {
    const worker = new Worker(WORKER_FILE, {
      // Functions read their own environment (function-env.ts); the worker's process.env is empty.
      env: {},
      workerData: { registry: FUNCTION_ENV_REGISTRY },
    });
    const slot: Slot = { worker, inFlight: 0, known: new Set(), pending: new Map(), gone: false };
    worker.on('message', (message: WorkerMessage) => {
      if (message.logs) writeLines(message.logs);
      if (message.t === 'logs') return;
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      slot.inFlight -= 1;
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new FunctionError(message.error.name, message.error.message, message.error.stack));
    });
    let crash: Error | undefined;
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => {
      slot.gone = true;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      const reason = this.closed
        ? 'the platform stopped'
        : crash
          ? `a function crashed its worker: ${crash.stack ?? crash.message}`
          : `its worker exited with code ${code}`;
      if (!this.closed && slot.pending.size === 0 && crash) console.error(`[runtime] ${reason}`);
      for (const pending of slot.pending.values()) pending.reject(new WorkerExitError(`The invocation failed: ${reason}`));
      slot.pending.clear();
      slot.inFlight = 0;
    });
    this.slots.push(slot);
    return slot;
  }

  /** Ends every worker; invocations in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
