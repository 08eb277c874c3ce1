import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { localSecretFile } from '../src/config/local-secrets';
import { startPlatform } from '../src/launcher';

jest.setTimeout(120_000);

const BIN = path.resolve(__dirname, '..', 'bin', 'emporium-local.mjs');

/** Pids whose parent is `pid` (Linux /proc). */
const childrenOf = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);

const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return String(pid);
  }
};

/** Running (not a zombie waiting to be reaped). */
const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
};

describe('pnpm start', () => {
  it('says in one line that the port is taken', async () => {
    const blocker = net.createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as net.AddressInfo;
    const result = spawnSync(process.execPath, [BIN, '--port', String(port), '--db-port', '0', '--no-seed'], { encoding: 'utf8' });
    blocker.close();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`emporium: Port ${port} is already in use: stop what uses it or pass --port <n>.`);
  });

  it('rejects an unknown flag in one line', () => {
    const result = spawnSync(process.execPath, [BIN, '--bogus'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toBe('emporium: unknown option --bogus. Run pnpm start --help for the options.');
  });

  it('names a service --only does not know, and the ones there are', () => {
    const result = spawnSync(process.execPath, [BIN, '--only', 'catalog,shipping', '--port', '0', '--db-port', '0'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('emporium: --only: no service named "shipping" under services/ (there are: catalog, developers, orders, users).');
  });

  it('refuses a --workers that is not a whole number, in one line', () => {
    const result = spawnSync(process.execPath, [BIN, '--workers', 'two'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('emporium: --workers must be a whole number (0: none), got "two".');
  });

  it('refuses a console path that would hide the services, in one line', () => {
    const result = spawnSync(process.execPath, [BIN, '--console-path', '/v1/console'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('emporium: --console-path /v1/console would hide the services or the docs portal: pick another (default /_emporium).');
  });

  // One platform for both (each start costs seconds): the console where --console-path puts it, then Ctrl-C.
  it('serves the console at --console-path and prints where; makes the local admin without sample data; stops every child process on Ctrl-C', async () => {
    // As a developer runs it: `pnpm start` in its own process group, which Ctrl-C signals as a whole.
    const child = spawn('pnpm', ['start', '--port', '0', '--db-port', '0', '--no-seed', '--console-path', '/ops/console', '--workers', '1'], {
      cwd: path.resolve(__dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!output.includes('Emporium is running')) {
      if (child.exitCode !== null) throw new Error(output);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = /Emporium is running: (http:\/\/\S+)/.exec(output)![1]!;
    expect(output).toContain(`  console    ${url}/ops/console  (`);
    const metrics = await fetch(`${url}/ops/console/api/metrics`);
    expect(metrics.status).toBe(200);
    expect(((await metrics.json()) as { stage: string }).stage).toBe('local');
    const moved = await fetch(`${url}/_emporium/api/metrics`);
    expect(moved.status).toBe(404);
    expect(((await moved.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    // --no-seed leaves the sample data out, not the local admin.
    const session = await fetch(`${url}/v1/users/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': readFileSync(localSecretFile('/emporium/local/api-keys/web'), 'utf8').trim() },
      body: JSON.stringify({ email: 'admin@emporium.local', password: 'emporium-admin-local' }),
    });
    expect(session.status).toBe(200);

    const descendants = (pid: number): number[] => childrenOf(pid).flatMap((child) => [child, ...descendants(child)]);
    const engines = descendants(child.pid ?? -1);
    expect(engines.length).toBeGreaterThan(0);
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    process.kill(-(child.pid ?? 0), 'SIGINT'); // the whole group, as a terminal's Ctrl-C does
    const [code] = await once(child, 'exit');
    expect(`${output}${errors}`).not.toContain('ELIFECYCLE'); // pnpm saw a clean exit, not a failed command
    expect(code).toBe(0);
    // The engine is stopped before the platform exits; esbuild's helper exits when its pipe closes.
    for (let i = 0; i < 20 && engines.some(alive); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(engines.filter(alive).map(commandOf)).toEqual([]);
  });

  it('--only catalog starts what catalog calls too (users: its authorizer needs the signing keys): seeded, and an admin can write', async () => {
    const platform = await startPlatform(['--only', 'catalog']);
    try {
      expect(platform.output()).toContain('also started, as they are called: users');
      expect(platform.output()).not.toMatch(/^\s+orders\s/m);
      const json = { 'content-type': 'application/json', 'x-api-key': platform.apiKey };
      // The local admin the users service seeds (README: `pnpm start` prints it).
      const session = await fetch(`${platform.url}/v1/users/sessions`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'admin@emporium.local', password: 'emporium-admin-local' }),
      });
      const { accessToken } = (await session.json()) as { accessToken: string };
      const created = await fetch(`${platform.url}/v2/catalog/products`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ sku: `ONLY-${Date.now()}`, name: 'Alone', price: { amount: 100, currency: 'EUR' }, category: 'only', stock: 1 }),
      });
      expect(created.status).toBe(201);
    } finally {
      await platform.stop();
    }
  });

  it('keeps data and API keys on disk with --persist and finds them again after a restart', async () => {
    const dir = path.join(__dirname, '..', '.esbuild', `persist-${Date.now()}`);
    const first = await startPlatform(['--persist', dir]);
    const asWebApp = { headers: { 'x-api-key': first.apiKey } };
    const products = (await (await fetch(`${first.url}/v1/catalog/products?limit=100`, asWebApp)).json()) as { items: unknown[] };
    // A key created at run time through the management API (as the developers service does).
    const management = /API keys\s+(http:\/\/\S+)/.exec(first.output())![1]!;
    const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const key = (await (await post(`${management}/apikeys`, { name: 'persisted-app', enabled: true })).json()) as { id: string; value: string };
    const plans = (await (await fetch(`${management}/usageplans`)).json()) as { item: { id: string; name: string }[] };
    const free = plans.item.find((plan) => plan.name === 'emporium-local-free')!;
    expect((await post(`${management}/usageplans/${free.id}/keys`, { keyId: key.id, keyType: 'API_KEY' })).status).toBe(201);
    expect((await fetch(`${first.url}/v1/catalog/products`, { headers: { 'x-api-key': key.value } })).status).toBe(200);
    await first.stop();
    const second = await startPlatform(['--persist', dir]);
    expect(second.output()).toMatch(/0 created, \d+ already there/);
    const again = (await (await fetch(`${second.url}/v1/catalog/products?limit=100`, { headers: { 'x-api-key': second.apiKey } })).json()) as {
      items: unknown[];
    };
    const keyAgain = await fetch(`${second.url}/v1/catalog/products`, { headers: { 'x-api-key': key.value } });
    await second.stop();
    expect(again.items).toEqual(products.items);
    expect(keyAgain.status).toBe(200);
  });
});
