import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { FunctionBundle } from './bundler';
import { registerFunctionEnv } from './function-env';

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

const contextFor = (spec: FunctionSpec, requestId: string, deadline: number): Context => {
  const functionName = `${spec.bundle.service}-${spec.env['STAGE'] ?? 'local'}-${spec.bundle.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${spec.region}:000000000000:function:${functionName}`,
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

/**
 * A function loaded once (one warm container) from its bundle, invoked in this process under its
 * own environment, with the Lambda context and its configured timeout enforced.
 */
export const loadFunction = (spec: FunctionSpec): LocalFunction => {
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
    service: spec.bundle.service,
    name: spec.bundle.name,
    timeoutSeconds: spec.timeoutSeconds,
    invoke: async (event) => {
        handler ??= load();
        const requestId = (event as { requestContext?: { requestId?: string } }).requestContext?.requestId ?? randomUUID();
        const deadline = Date.now() + spec.timeoutSeconds * 1000;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new FunctionTimeoutError(`${spec.bundle.name} timed out after ${spec.timeoutSeconds}s`)),
            spec.timeoutSeconds * 1000,
          );
        });
        try {
          return await Promise.race([handler(event, contextFor(spec, requestId, deadline)), timeout]);
        } finally {
          clearTimeout(timer);
        }
    },
  };
};
