import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceDefinition } from '../config/service-config';
import type { FrontDoor } from '../gateway/front-door';
import { startFrontDoor } from '../gateway/front-door';
import { Router } from '../gateway/router';
import { StageCache } from '../gateway/stage-cache';
import { testRoute } from '../gateway/test-routes';
import type { FunctionBundle } from './bundler';
import { bundleService, clearBundleCache, stopBundler } from './bundler';
import type { LocalFunction } from './lambda-runtime';
import { FunctionTimeoutError, loadFunction } from './lambda-runtime';
import { FunctionError, WorkerExitError, WorkerPool } from './worker-pool';

const event = (requestId: string) => ({ requestContext: { requestId } }) as unknown as APIGatewayProxyEvent;

describe('functions on the worker pool', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emporium-pool-'));
  // Reads its environment before and after waiting: with `meet`, until that many invocations (of
  // any function in the same worker) wait at once, so they are in flight together.
  writeFileSync(
    path.join(dir, 'env.ts'),
    `import { threadId } from 'node:worker_threads';
     const shared = globalThis as { rendezvous?: (() => void)[] };
     export const handler = async (event: { meet?: number }) => {
       const before = process.env.TABLE_NAME;
       process.env.SEEN = before;
       if (event.meet) {
         const waiting = (shared.rendezvous ??= []);
         await new Promise<void>((resolve) => {
           waiting.push(resolve);
           if (waiting.length === event.meet) waiting.splice(0).forEach((go) => go());
         });
       } else {
         await new Promise((resolve) => setImmediate(resolve));
       }
       return { threadId, before, after: process.env.TABLE_NAME, seen: process.env.SEEN, keys: Object.keys(process.env).sort(), workerEnv: Object.keys(globalThis.process['env']) };
     };`,
  );
  // Its module's top level runs once per worker that loads it (its cold start there).
  writeFileSync(
    path.join(dir, 'init.ts'),
    `import { threadId } from 'node:worker_threads';
     const initialisedAs = Math.random().toString(36).slice(2);
     let invocations = 0;
     export const handler = async (_event: unknown, context: { getRemainingTimeInMillis(): number; functionName: string; awsRequestId: string }) => {
       invocations += 1;
       const invocation = invocations;
       await new Promise((resolve) => setImmediate(resolve));
       return { threadId, initialisedAs, invocations: invocation, remaining: context.getRemainingTimeInMillis(), functionName: context.functionName, requestId: context.awsRequestId };
     };`,
  );
  writeFileSync(path.join(dir, 'slow.ts'), 'export const handler = () => new Promise(() => undefined);');
  writeFileSync(path.join(dir, 'fails.ts'), `export const handler = async () => { throw new Error('Unauthorized'); };`);
  // Throws outside any invocation: the worker dies, as a Lambda container does on an uncaught exception.
  writeFileSync(
    path.join(dir, 'crash.ts'),
    `export const handler = () => new Promise(() => { setImmediate(() => { process.stderr.write('last words\\n'); throw new Error('crashed on purpose'); }); });`,
  );
  writeFileSync(
    path.join(dir, 'logs.ts'),
    `export const handler = async (event: { requestContext: { requestId: string } }) => {
       console.log(JSON.stringify({ level: 'INFO', message: 'served', correlation_id: event.requestContext.requestId }));
       process.stderr.write('to stderr ' + event.requestContext.requestId + '\\n');
       return { statusCode: 200, body: 'ok' };
     };`,
  );
  const service: ServiceDefinition = {
    name: `pool-test-${process.pid}`,
    dir,
    configFile: 'serverless.yml',
    config: {
      service: 'pool-test',
      provider: { stage: 'local' },
      functions: {
        // Two functions of the same code, with an environment each.
        usersEnv: { handler: 'env.handler' },
        ordersEnv: { handler: 'env.handler' },
        ...Object.fromEntries(['init', 'slow', 'fails', 'crash', 'logs'].map((name) => [name, { handler: `${name}.handler` }])),
      },
    },
  };
  let bundles: FunctionBundle[];
  const pools: WorkerPool[] = [];
  const poolOf = (size: number, spreadAt?: number) => {
    const pool = new WorkerPool({ size, ...(spreadAt !== undefined ? { spreadAt } : {}) });
    pools.push(pool);
    return pool;
  };
  const load = (pool: WorkerPool, name: string, env: Record<string, string> = {}, timeoutSeconds = 5) =>
    loadFunction({ bundle: bundles.find((b) => b.name === name)!, env, timeoutSeconds, memorySize: 256, region: 'eu-west-1' }, pool);

  beforeAll(async () => {
    ({ bundles } = await bundleService(service));
    await stopBundler();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    await clearBundleCache(service.name);
  });

  type EnvRun = { threadId: number; before: string; after: string; seen: string; keys: string[]; workerEnv: string[] };
  const ownEnv = (table: string) => ({ before: table, after: table, seen: table, keys: ['SEEN', 'TABLE_NAME'], workerEnv: [] });

  it('gives each function its own process.env while two run at once in one worker', async () => {
    const pool = poolOf(1);
    const users = load(pool, 'usersEnv', { TABLE_NAME: 'users-local' });
    const orders = load(pool, 'ordersEnv', { TABLE_NAME: 'orders-local' });
    // Each waits for the other: both resolve only when both are in flight in the worker together.
    const [a, b] = (await Promise.all([users.invoke({ meet: 2 }), orders.invoke({ meet: 2 })])) as EnvRun[];
    expect(a!.threadId).toBe(b!.threadId);
    expect(a).toMatchObject(ownEnv('users-local'));
    expect(b).toMatchObject(ownEnv('orders-local'));
    // Neither the platform's variables nor a function's are in the worker's own process.env, nor in the platform's.
    expect(process.env['SEEN']).toBeUndefined();
  });

  it('gives each function its own process.env while both run at once across two workers', async () => {
    const pool = poolOf(2, 1);
    const users = load(pool, 'usersEnv', { TABLE_NAME: 'users-local' });
    const orders = load(pool, 'ordersEnv', { TABLE_NAME: 'orders-local' });
    const runs = (await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? users : orders).invoke({})))) as EnvRun[];
    expect(new Set(runs.map((run) => run.threadId)).size).toBe(2);
    runs.forEach((run, i) => expect(run).toMatchObject(ownEnv(i % 2 === 0 ? 'users-local' : 'orders-local')));
  });

  it('loads a function once per worker that runs it (a cold start per worker), and keeps it warm', async () => {
    const pool = poolOf(2, 1);
    const fn = load(pool, 'init');
    type Run = { threadId: number; initialisedAs: string; invocations: number };
    const runs = (await Promise.all(Array.from({ length: 12 }, (_, i) => fn.invoke(event(`r${i}`))))) as Run[];
    const threads = new Set(runs.map((run) => run.threadId));
    expect(threads.size).toBe(2);
    expect(pool.workers).toBe(2);
    for (const thread of threads) {
      const inThread = runs.filter((run) => run.threadId === thread);
      // One module instance per worker, shared by every invocation that worker ran.
      expect(new Set(inThread.map((run) => run.initialisedAs)).size).toBe(1);
      expect(inThread.map((run) => run.invocations).sort((x, y) => x - y)).toEqual(inThread.map((_, i) => i + 1));
    }
    const again = (await fn.invoke(event('later'))) as Run;
    expect(runs.some((run) => run.threadId === again.threadId && run.initialisedAs === again.initialisedAs)).toBe(true);
  });

  it('keeps a function used one request at a time in one worker', async () => {
    const pool = poolOf(2);
    const fn = load(pool, 'init');
    const seen = new Set<number>();
    for (let i = 0; i < 5; i += 1) seen.add(((await fn.invoke(event(`s${i}`))) as { threadId: number }).threadId);
    expect(seen.size).toBe(1);
    expect(pool.workers).toBe(1);
  });

  it('hands the handler a Lambda context: request id, function name, remaining time within the timeout', async () => {
    const fn = load(poolOf(1), 'init', {}, 3);
    const result = (await fn.invoke(event('req-7'))) as { remaining: number; functionName: string; requestId: string };
    expect(result.requestId).toBe('req-7');
    expect(result.functionName).toBe(`${service.name}-local-init`);
    expect(result.remaining).toBeGreaterThan(0);
    expect(result.remaining).toBeLessThanOrEqual(3000);
  });

  it('stops waiting for a function at its timeout, and no longer counts it as in flight', async () => {
    // Spreads at 1 invocation in flight: a worker still counting the timed-out one would look busy.
    const pool = poolOf(2, 1);
    const slow = load(pool, 'slow', {}, 0.2);
    await expect(slow.invoke(event('t1'))).rejects.toBeInstanceOf(FunctionTimeoutError);
    await load(pool, 'init').invoke(event('t2'));
    expect(pool.workers).toBe(1);
  });

  it('rejects with what the handler threw, by name and message', async () => {
    const fails = load(poolOf(1), 'fails');
    const error = (await fails.invoke(event('f1')).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(FunctionError);
    expect(error.message).toBe('Unauthorized');
  });

  it('fails the invocations of a worker a function crashed, and runs later ones in a new worker (cold again)', async () => {
    const pool = poolOf(1);
    const crash = load(pool, 'crash');
    const init = load(pool, 'init');
    const before = (await init.invoke(event('b'))) as { threadId: number; initialisedAs: string };
    const written: string[] = [];
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => written.push(String(chunk)) > 0);
    try {
      await expect(crash.invoke(event('c'))).rejects.toBeInstanceOf(WorkerExitError);
    } finally {
      err.mockRestore();
    }
    // What it wrote before the crash reached the platform.
    expect(written).toContain('last words\n');
    const after = (await init.invoke(event('a'))) as { threadId: number; initialisedAs: string; invocations: number };
    expect(after.threadId).not.toBe(before.threadId);
    expect(after.initialisedAs).not.toBe(before.initialisedAs);
    expect(after.invocations).toBe(1);
  });

  it("passes what a function writes to the platform's streams, before the invocation's result", async () => {
    const fn = load(poolOf(1), 'logs');
    const written: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => written.push(`out:${String(chunk)}`) > 0);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => written.push(`err:${String(chunk)}`) > 0);
    try {
      await fn.invoke(event('log-1'));
      expect(written).toEqual([`out:${JSON.stringify({ level: 'INFO', message: 'served', correlation_id: 'log-1' })}\n`, 'err:to stderr log-1\n']);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  describe('behind the front door', () => {
    let door: FrontDoor;
    beforeAll(async () => {
      const pool = poolOf(1);
      const functions = new Map<string, LocalFunction>([
        ['crash', load(pool, 'crash')],
        ['fails', load(pool, 'fails')],
        ['slow', load(pool, 'slow', {}, 0.2)],
        ['logs', load(pool, 'logs')],
      ]);
      door = await startFrontDoor({
        port: 0,
        host: '127.0.0.1',
        stage: 'local',
        services: [
          {
            name: 'things',
            region: 'eu-west-1',
            basePath: '/v1/things',
            authorizers: new Map(),
            corsHeaders: [],
            functions,
            router: new Router(
              [...functions.keys()].map((name) => testRoute('things', name, { method: 'GET', path: `/${name}`, caching: { enabled: false } })),
            ),
            clientRateRules: [],
            gatewayHeaders: {},
          },
        ],
        cache: new StageCache(),
        accessLog: false,
        throttle: false,
        apiKeys: () => undefined,
        documents: () => [],
      });
    });
    afterAll(() => door.close());

    const problem = async (name: string) => {
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const response = await fetch(`${door.url}/v1/things/${name}`);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        return { status: response.status, body: (await response.json()) as { code: string } };
      } finally {
        errors.mockRestore();
      }
    };

    it.each([
      ['a handler that throws', 'fails', 'FUNCTION_ERROR'],
      ['a handler that crashes its worker', 'crash', 'FUNCTION_ERROR'],
      ['a handler past its timeout', 'slow', 'FUNCTION_TIMEOUT'],
    ])('answers %s with 502 in the envelope', async (_, name, code) => {
      expect(await problem(name)).toMatchObject({ status: 502, body: { code } });
    });

    it('still answers through the worker after one crashed', async () => {
      await problem('crash');
      const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const response = await fetch(`${door.url}/v1/things/logs`);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('ok');
      } finally {
        out.mockRestore();
        err.mockRestore();
      }
    });
  });
});
