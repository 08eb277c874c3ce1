import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
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
    expect(result.stderr).toMatch(/^emporium: .*--bogus/);
  });

  it('stops every child process on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--db-port', '0', '--no-seed'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!output.includes('Emporium is running')) {
      if (child.exitCode !== null) throw new Error(output);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const engines = childrenOf(child.pid ?? -1);
    expect(engines.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    // The engine is stopped before the platform exits; esbuild's helper exits when its pipe closes.
    for (let i = 0; i < 20 && engines.some(alive); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(engines.filter(alive).map(commandOf)).toEqual([]);
  });

  it('keeps data on disk with --persist and finds it again after a restart', async () => {
    const dir = path.join(__dirname, '..', '.esbuild', `persist-${Date.now()}`);
    const first = await startPlatform(['--persist', dir]);
    const products = await (await fetch(`${first.url}/v1/catalog/products?limit=100`)).json() as { items: unknown[] };
    await first.stop();
    const second = await startPlatform(['--persist', dir]);
    expect(second.output()).toMatch(/0 created, \d+ already there/);
    const again = await (await fetch(`${second.url}/v1/catalog/products?limit=100`)).json() as { items: unknown[] };
    await second.stop();
    expect(again.items).toEqual(products.items);
  });
});
