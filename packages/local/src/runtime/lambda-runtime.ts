import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { FunctionBundle } from './bundler';
import { registerFunctionEnv } from './function-env';
import type { WorkerFunctionSpec, WorkerPool } from './worker-pool';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

export interface LocalFunction {
  service: string;
  name: string;
  timeoutSeconds: number;
  /** Runs the handler with any event (proxy request, authorizer request); resolves with its result. */
  invoke(event: unknown): Promise<unknown>;
}

export interface FunctionSpec {
  bundle: FunctionBundle;
  env: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
  region: string;
}

const functionNameOf = (spec: FunctionSpec) => `${spec.bundle.service}-${spec.env['STAGE'] ?? 'local'}-${spec.bundle.name}`;
const functionArnOf = (spec: FunctionSpec) => `arn:aws:lambda:${spec.region}:000000000000:function:${functionNameOf(spec)}`;

const contextFor = (spec: FunctionSpec, requestId: string, deadline: number): Context => {
  const functionName = functionNameOf(spec);
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArnOf(spec),
    memoryLimitInMB: String(spec.memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const requestIdOf = (event: unknown): string => (event as { requestContext?: { requestId?: string } } | undefined)?.requestContext?.requestId ?? randomUUID();

const timeoutError = (spec: FunctionSpec) => new FunctionTimeoutError(`${spec.bundle.name} timed out after ${spec.timeoutSeconds}s`);

/** Races `invocation` against the function's timeout: FunctionTimeoutError when it is not done in time. */
const withTimeout = async <T>(spec: FunctionSpec, invocation: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(spec)), spec.timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([invocation, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * A function as the platform runs it, with its own environment as process.env, the Lambda context
 * and its configured timeout enforced (FunctionTimeoutError: the caller stops waiting; the handler's
 * remaining work is not stopped). Its module loads on its first invocation (the init phase, a cold
 * start).
 *
 * With a `pool`, invocations run on the pool's worker threads (docs/adr/0023): the module loads
 * once in each worker that runs it (a cold start per worker, like one per Lambda container), and
 * what it throws, or a crash of its worker, rejects the invocation. Without one, in the calling
 * thread: one warm container, loaded once (docs/adr/0004).
 */
export const loadFunction = (spec: FunctionSpec, pool?: WorkerPool): LocalFunction => {
  const common = { service: spec.bundle.service, name: spec.bundle.name, timeoutSeconds: spec.timeoutSeconds };
  if (pool) {
    const id = pool.register();
    const workerSpec: WorkerFunctionSpec = {
      file: spec.bundle.file,
      exportName: spec.bundle.exportName,
      env: { ...spec.env },
      functionName: functionNameOf(spec),
      functionArn: functionArnOf(spec),
      memoryLimitInMB: String(spec.memorySize),
    };
    return {
      ...common,
      invoke: (event) => pool.invoke(id, workerSpec, event, requestIdOf(event), spec.timeoutSeconds * 1000, () => timeoutError(spec)),
    };
  }
  registerFunctionEnv(spec.bundle.file, { ...spec.env });
  let handler: Handler | undefined;
  const load = (): Handler => {
    // Loading runs the module's top level (the init phase) on first invocation, like a cold start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(spec.bundle.file) as Record<string, unknown>;
    const exported = loaded[spec.bundle.exportName];
    if (typeof exported !== 'function') {
      throw new Error(`${spec.bundle.file} does not export a function named ${spec.bundle.exportName}`);
    }
    return exported as Handler;
  };
  return {
    ...common,
    invoke: async (event) => {
      handler ??= load();
      const deadline = Date.now() + spec.timeoutSeconds * 1000;
      return withTimeout(spec, handler(event, contextFor(spec, requestIdOf(event), deadline)));
    },
  };
};
