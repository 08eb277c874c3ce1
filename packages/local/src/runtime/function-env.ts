/**
 * Every Lambda function has its own process and so its own process.env. The local platform runs
 * many functions in one thread (a worker of its invocation pool, worker-pool.ts, or the platform's
 * own thread), so each function bundle is built with `process.env` replaced by
 * its own environment object, looked up by the bundle's file name when the bundle loads:
 *
 *   var __emporiumFunctionEnv = globalThis.__EMPORIUM_FUNCTION_ENV__[__filename];
 *
 * Reads and writes of process.env by the function and every library bundled into it (AWS SDK,
 * Powertools) go to that object; the platform's own environment is untouched and unseen.
 * (An AsyncLocalStorage view over process.env did the same at ~13% of the CPU per request on
 * Node 20, whose promise hooks fire on every promise; see docs/adr/0004.)
 */
export const FUNCTION_ENV_IDENTIFIER = '__emporiumFunctionEnv';

/** The global the banner reads environments from (in the platform's thread, and in each worker of the pool). */
export const FUNCTION_ENV_REGISTRY = '__EMPORIUM_FUNCTION_ENV__';
const REGISTRY = FUNCTION_ENV_REGISTRY;

export const functionEnvBanner =
  `var ${FUNCTION_ENV_IDENTIFIER} = (globalThis.${REGISTRY} && globalThis.${REGISTRY}[__filename]) || ` +
  `(function () { throw new Error('No environment registered for ' + __filename); })();`;

type Registry = Record<string, Record<string, string>>;

/** Registers the environment the bundle at `file` will see as process.env. */
export const registerFunctionEnv = (file: string, env: Record<string, string>): void => {
  const global = globalThis as unknown as Record<string, Registry | undefined>;
  (global[REGISTRY] ??= {})[file] = env;
};
