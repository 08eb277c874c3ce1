import type { APIGatewayProxyEvent } from 'aws-lambda';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleService, clearBundleCache, stopBundler } from './bundler';
import { FunctionTimeoutError, loadFunction } from './lambda-runtime';
import type { ServiceDefinition } from '../config/service-config';

const event = { requestContext: { requestId: 'r1' } } as unknown as APIGatewayProxyEvent;

describe('functions in one process', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emporium-runtime-'));
  writeFileSync(
    path.join(dir, 'env.ts'),
    `let calls = 0;
     export const handler = async () => {
       calls += 1;
       process.env.LAST = String(calls);
       return { statusCode: 200, body: JSON.stringify({ table: process.env.TABLE_NAME, last: process.env.LAST, keys: Object.keys(process.env) }) };
     };`,
  );
  writeFileSync(path.join(dir, 'slow.ts'), 'export const handler = () => new Promise(() => undefined);');
  const service: ServiceDefinition = {
    name: `runtime-test-${process.pid}`,
    dir,
    configFile: 'serverless.yml',
    config: {
      service: 'runtime-test',
      provider: { stage: 'local' },
      functions: { users: { handler: 'env.handler' }, orders: { handler: 'env.handler' }, slow: { handler: 'slow.handler' } },
    },
  };

  afterAll(async () => {
    await stopBundler();
    await clearBundleCache(service.name);
  });

  it('gives each function its own process.env, kept across invocations, invisible to the platform', async () => {
    const { bundles } = await bundleService(service);
    const load = (name: string, env: Record<string, string>) =>
      loadFunction({ bundle: bundles.find((b) => b.name === name)!, env, timeoutSeconds: 3, memorySize: 128, region: 'eu-west-1' });
    const users = load('users', { TABLE_NAME: 'users-local' });
    const orders = load('orders', { TABLE_NAME: 'orders-local' });
    const body = async (fn: ReturnType<typeof load>) => JSON.parse(((await fn.invoke(event)) as { body: string }).body);

    expect(await body(users)).toEqual({ table: 'users-local', last: '1', keys: ['TABLE_NAME', 'LAST'] });
    expect(await body(orders)).toEqual({ table: 'orders-local', last: '1', keys: ['TABLE_NAME', 'LAST'] });
    expect((await body(users)).last).toBe('2');
    expect(process.env.LAST).toBeUndefined();
  });

  it('stops waiting for a function at its timeout', async () => {
    const { bundles } = await bundleService(service);
    const slow = loadFunction({ bundle: bundles.find((b) => b.name === 'slow')!, env: {}, timeoutSeconds: 0.2, memorySize: 128, region: 'eu-west-1' });
    await expect(slow.invoke(event)).rejects.toBeInstanceOf(FunctionTimeoutError);
  });

  it('reuses the bundles of an earlier build until a file they were built from changes', async () => {
    const first = await bundleService(service);
    const again = await bundleService(service);
    expect(again.cached).toBe(true);
    expect(again.bundles.map((b) => b.file)).toEqual(first.bundles.map((b) => b.file));
    writeFileSync(path.join(dir, 'slow.ts'), 'export const handler = async () => ({ statusCode: 204 });');
    utimesSync(path.join(dir, 'slow.ts'), new Date(), new Date(Date.now() + 5_000)); // a later mtime, whatever the clock's resolution
    const rebuilt = await bundleService(service);
    expect(rebuilt.cached).toBe(false);
    expect(rebuilt.bundles[0]!.file).not.toBe(first.bundles[0]!.file);
    const slow = loadFunction({ bundle: rebuilt.bundles.find((b) => b.name === 'slow')!, env: {}, timeoutSeconds: 1, memorySize: 128, region: 'eu-west-1' });
    expect(await slow.invoke(event)).toEqual({ statusCode: 204 });
  });

  it('never removes an old build that a running platform still loads handlers from', async () => {
    const touch = (when: number) => {
      writeFileSync(path.join(dir, 'slow.ts'), `export const handler = async () => ({ statusCode: ${200 + (when % 50)} });`);
      utimesSync(path.join(dir, 'slow.ts'), new Date(), new Date(Date.now() + when));
    };
    touch(10_000);
    const running = path.dirname((await bundleService(service)).bundles[0]!.file);
    // Another platform (our parent process: alive) runs this build, which is two hours old by now.
    writeFileSync(path.join(running, `in-use.${process.ppid}`), '');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(running, twoHoursAgo, twoHoursAgo);
    touch(20_000);
    await bundleService(service);
    expect(existsSync(running)).toBe(true);
    // Once no running platform uses it, the next build removes it.
    rmSync(path.join(running, `in-use.${process.ppid}`));
    rmSync(path.join(running, `in-use.${process.pid}`));
    utimesSync(running, twoHoursAgo, twoHoursAgo);
    touch(30_000);
    await bundleService(service);
    expect(existsSync(running)).toBe(false);
  });
});
