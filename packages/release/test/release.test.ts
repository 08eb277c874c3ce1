/**
 * Build once, promote the same zips: `pnpm release --dry-run` packages a service for dev, test and
 * prod, the zips are byte-identical across the stages (hashed here, independently of the tool), the
 * manifest records them, and a deploy refuses a package whose zip is not the manifest's.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Manifest } from '../src/manifest';
import { artifactsIn, readManifest, sha256Of, verifyRelease } from '../src/manifest';
import { packageRelease } from '../src/package';
import { deployPlan } from '../src/plan';
import { selectDeployables } from '../src/stacks';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.resolve(__dirname, '..', 'bin', 'emporium-release.cjs');
const STAGES = ['dev', 'test', 'prod'];

const cli = (...args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

let releaseDir: string;
let dryRun: { status: number | null; output: string };
let manifest: Manifest;

beforeAll(() => {
  releaseDir = mkdtempSync(path.join(tmpdir(), 'emporium-release-'));
  dryRun = cli('--dry-run', '--services', 'orders', '--release', releaseDir);
  manifest = readManifest(releaseDir);
}, 240_000);

afterAll(() => rmSync(releaseDir, { recursive: true, force: true }));

describe('pnpm release --dry-run --services orders', () => {
  it('packages orders for dev, test and prod, deploys nothing, and prints each stage with every zip and its hash', () => {
    expect(dryRun.status).toBe(0);
    expect(dryRun.output).toContain('Dry run: nothing deployed. Promotion dev -> test -> prod');
    for (const stage of STAGES) {
      expect(dryRun.output).toContain(`  orders-${stage} (services/orders, template ${manifest.stacks[0]!.templates[stage]!.slice(0, 12)})`);
      expect(dryRun.output).toContain(`serverless deploy --config serverless.yml --stage ${stage} --package ${path.join(releaseDir, stage, 'orders')}`);
    }
    expect(dryRun.output).toContain(`placeOrder.zip                   sha256 ${manifest.stacks[0]!.artifacts['placeOrder.zip']}`);
  });

  it('yields byte-identical function zips for dev, test and prod (the same artifact is promoted)', () => {
    const hashes = STAGES.map((stage) => {
      const dir = path.join(releaseDir, stage, 'orders');
      return Object.fromEntries(
        readdirSync(dir)
          .filter((file) => file.endsWith('.zip'))
          .map((file) => [file, sha256Of(path.join(dir, file))]),
      );
    });
    expect(Object.keys(hashes[0]!)).toEqual(expect.arrayContaining(['placeOrder.zip', 'cancelOrder.zip', 'getOrder.zip', 'listOrders.zip', 'authorize.zip']));
    expect(hashes[1]).toEqual(hashes[0]);
    expect(hashes[2]).toEqual(hashes[0]);
  });

  it('records them in the manifest: the commit, one hash per zip, one template hash per stage (the templates differ)', () => {
    expect(manifest).toMatchObject({ schemaVersion: 1, stages: STAGES });
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    expect(manifest.stacks.map((s) => [s.service, s.stack, s.configFile])).toEqual([['orders', 'orders', 'serverless.yml']]);
    expect(manifest.stacks[0]!.artifacts).toEqual(artifactsIn(path.join(releaseDir, 'prod', 'orders')));
    expect(new Set(Object.values(manifest.stacks[0]!.templates)).size).toBe(3);
  });

  it('a deploy verifies the packages first: a zip whose hash differs from the manifest is refused, by name, before anything is deployed', () => {
    expect(cli('verify', '--stage', 'test', '--release', releaseDir).status).toBe(0);
    const tampered = path.join(releaseDir, 'test', 'orders', 'placeOrder.zip');
    const original = sha256Of(tampered);
    appendFileSync(tampered, 'x');
    try {
      const refused = cli('deploy', '--stage', 'test', '--release', releaseDir);
      expect(refused.status).toBe(1);
      expect(refused.output).toContain(
        `orders (test): placeOrder.zip has sha256 ${sha256Of(tampered).slice(0, 12)}, the manifest says ${original.slice(0, 12)}: not the artifact that was built`,
      );
      expect(refused.output).not.toContain('serverless deploy');
      // The other stages' packages are untouched: still the manifest's.
      expect(verifyRelease(manifest, releaseDir, 'prod')).toEqual([]);
    } finally {
      rmSync(tampered);
    }
    expect(verifyRelease(manifest, releaseDir, 'test')).toEqual(['orders (test): placeOrder.zip is missing']);
  });

  it('plans a stage in deploy order from the packages, with the deploy command of each stack', () => {
    expect(deployPlan(manifest, releaseDir, 'prod').map((step) => step.command.join(' '))).toEqual([
      `serverless deploy --config serverless.yml --stage prod --package ${path.join(releaseDir, 'prod', 'orders')}`,
    ]);
  });
});

describe('packaging refuses stages that would not run the same code', () => {
  it('fails the build when a zip differs between two stages', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emporium-release-differs-'));
    try {
      await expect(
        packageRelease({
          root: ROOT,
          deployables: selectDeployables(ROOT, ['users']),
          releaseDir: dir,
          commit: 'test',
          packager: async ({ stage, outDir }) => {
            mkdirSync(outDir, { recursive: true });
            writeFileSync(path.join(outDir, 'getMe.zip'), stage === 'prod' ? 'built for prod' : 'the same');
            writeFileSync(path.join(outDir, 'cloudformation-template-update-stack.json'), JSON.stringify({ stage }));
            return Promise.resolve();
          },
        }),
      ).rejects.toThrow('users: getMe.zip differ between dev and prod: the stages would not run the same code');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CLI', () => {
  it('refuses an unknown service by name, listing the known ones', () => {
    const result = cli('package', '--services', 'shipping', '--release', path.join(tmpdir(), 'never'));
    expect(result.status).toBe(1);
    expect(result.output).toContain('Unknown service shipping: the workspace has catalog, developers, orders, users, platform');
  });

  it('says what is wrong with a command and shows the usage', () => {
    const result = cli('deploy', '--stage', 'staging');
    expect(result.status).toBe(2);
    expect(result.output).toContain('--stage must be one of dev, test, prod');
    expect(result.output).toContain('Usage: pnpm release');
  });
});
