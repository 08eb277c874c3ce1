/**
 * Which services a change deploys, by turbo's package graph, in a scratch clone of this repository:
 * each case commits a change there and asks what is affected since the commit before.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { affectedServices } from '../src/affected';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TURBO = path.join(ROOT, 'node_modules', '.bin', 'turbo');
let clone: string;

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@emporium.test', '-c', 'user.name=CI', ...args], { cwd: clone, stdio: 'pipe' });

/** Commits a change to these files in the clone and returns what turbo says it affects. */
const afterChanging = (...files: string[]): string[] => {
  for (const file of files) appendFileSync(path.join(clone, file), '\n');
  git('commit', '-qam', `change ${files.join(', ')}`);
  try {
    return affectedServices(clone, 'HEAD~1', TURBO);
  } finally {
    git('reset', '-q', '--hard', 'HEAD~1');
  }
};

beforeAll(() => {
  clone = mkdtempSync(path.join(tmpdir(), 'emporium-affected-'));
  execFileSync('git', ['clone', '-q', ROOT, clone]);
});

afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('services a change affects (turbo ls --filter ...[base])', () => {
  it('a change in one service deploys only that service', () => {
    expect(afterChanging('services/orders/src/domain/order.ts')).toEqual(['orders']);
    expect(afterChanging('services/users/serverless.yml')).toEqual(['users']);
  });

  it('a change in catalog v2 alone is catalog (both of its stacks are one service)', () => {
    expect(afterChanging('services/catalog/serverless.v2.yml')).toEqual(['catalog']);
  });

  it("a change in catalog's contract reaches orders too, which calls catalog with it", () => {
    expect(afterChanging('services/catalog/contract/src/schemas/product.ts')).toEqual(['catalog', 'orders']);
  });

  it('a change in packages/common reaches every service (not the platform stack, which does not use it)', () => {
    expect(afterChanging('packages/common/src/errors.ts')).toEqual(['catalog', 'developers', 'orders', 'users']);
  });

  it('a change in the shared base config reaches everything (a turbo global dependency)', () => {
    expect(afterChanging('serverless.base.yml')).toEqual(['catalog', 'developers', 'orders', 'users', 'platform']);
  });

  it('a change to the platform stack deploys only the platform stack', () => {
    expect(afterChanging('platform/serverless.yml')).toEqual(['platform']);
  });

  it('a change to the docs deploys nothing', () => {
    expect(afterChanging('docs/adr/0015-api-versions-side-by-side.md')).toEqual([]);
  });
});
