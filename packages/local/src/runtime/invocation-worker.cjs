// One worker thread of the platform's invocation pool (runtime/worker-pool.ts, docs/adr/0023).
//
// Plain CommonJS, not bundled with the platform: started with `new Worker(<this file>)` from the
// platform's bundle (CLI) and from its TypeScript sources (tests) alike.
//
// A worker hosts any number of functions, each loaded on its first invocation here (its init
// phase: a cold start per worker, like a new Lambda container) and kept warm. Each function sees its
// own environment as process.env: its bundle reads `process.env` from the object registered under
// its file name (runtime/function-env.ts), so functions sharing a worker never see each other's
// variables. The worker's own process.env is empty (the pool starts it with `env: {}`): the
// platform's environment is not visible either.
//
// What a function writes to stdout/stderr is sent to the platform's thread as strings, in order
// with the invocation results (one message port), and written there to the platform's own streams,
// where the console's log capture sees every line (console/log-capture.ts).
'use strict';

const { parentPort, workerData } = require('node:worker_threads');

/** @type {Record<string, Record<string, string>>} */
const registry = (globalThis[workerData.registry] ??= {});
/** Functions this worker has been told about, by id: { spec, handler? } */
const functions = new Map();

// Lines are sent in batches: with the next result (most invocations write a line or two and then
// answer: one message for both), or on the next turn of the event loop for lines written outside
// an answer.
let logs = [];
let flushScheduled = false;
const flush = () => {
  flushScheduled = false;
  if (logs.length === 0) return;
  parentPort.postMessage({ t: 'logs', logs });
  logs = [];
};
const forward = (fd) =>
  function write(chunk, encoding, callback) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    logs.push(fd, text);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done, null);
    return true;
  };
process.stdout.write = forward(1);
process.stderr.write = forward(2);
// An exception no invocation catches ends the worker (as it ends a Lambda container): what was
// written before it still reaches the platform.
process.on('uncaughtExceptionMonitor', flush);

const load = (entry) => {
  const { spec } = entry;
  registry[spec.file] = spec.env;
  // The module's top level runs here: the function's init phase, once per worker.
  const loaded = require(spec.file);
  const exported = loaded[spec.exportName];
  if (typeof exported !== 'function') throw new Error(`${spec.file} does not export a function named ${spec.exportName}`);
  entry.handler = exported;
  return exported;
};

const contextOf = (spec, requestId, deadline) => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: spec.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: spec.functionArn,
  memoryLimitInMB: spec.memoryLimitInMB,
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${spec.functionName}`,
  logStreamName: `local/${spec.functionName}`,
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const errorOf = (error) =>
  error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error), stack: undefined };

/** Posts a result, with the lines written since the last batch (they were written first, so they go first). */
const answer = (message) => {
  const lines = logs;
  logs = [];
  try {
    parentPort.postMessage(lines.length > 0 ? { ...message, logs: lines } : message);
  } catch (error) {
    // A result that cannot be sent (a function, a symbol...) fails the invocation, as Lambda fails
    // on a result it cannot serialise.
    parentPort.postMessage({ t: 'result', id: message.id, ok: false, error: errorOf(error), ...(lines.length > 0 ? { logs: lines } : {}) });
  }
};

parentPort.on('message', (message) => {
  if (message.t !== 'invoke') return;
  let entry = functions.get(message.fn);
  if (!entry) {
    entry = { spec: message.spec, handler: undefined };
    functions.set(message.fn, entry);
  }
  let result;
  try {
    const handler = entry.handler ?? load(entry);
    result = handler(message.event, contextOf(entry.spec, message.requestId, message.deadline));
  } catch (error) {
    answer({ t: 'result', id: message.id, ok: false, error: errorOf(error) });
    return;
  }
  Promise.resolve(result).then(
    (value) => answer({ t: 'result', id: message.id, ok: true, value }),
    (error) => answer({ t: 'result', id: message.id, ok: false, error: errorOf(error) }),
  );
});
