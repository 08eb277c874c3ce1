/**
 * The smoke and contract checks a release runs against a deployed stage, run here against the
 * local platform (same paths, same envelope): they pass on a platform serving this commit, and name
 * the document that differs when one does.
 */
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { smokeCheck } from '../src/smoke';
import { deployables, selectDeployables } from '../src/stacks';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');
let platform: RunningPlatform;

beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);

afterAll(() => platform?.stop());

it('passes against a platform serving this commit: every API version of every service', async () => {
  const result = await smokeCheck({ baseUrl: platform.url, root: ROOT, deployables: deployables(ROOT) });
  expect(result.failures).toEqual([]);
  // Five API versions (catalog v1 and v2, users, orders, developers): the document and an unknown
  // route each, and a keyed GET without a key where there is one (catalog v1 and v2, orders, users /me).
  expect(result.checks).toBe(14);
});

it("names the version whose served document is not this commit's", async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'emporium-smoke-'));
  try {
    cpSync(path.join(ROOT, 'services', 'catalog', 'openapi'), path.join(root, 'services', 'catalog', 'openapi'), { recursive: true });
    cpSync(path.join(ROOT, 'services', 'catalog', 'serverless.yml'), path.join(root, 'services', 'catalog', 'serverless.yml'));
    const file = path.join(root, 'services', 'catalog', 'openapi', 'v2.json');
    const document = JSON.parse(readFileSync(file, 'utf8')) as { info: { description: string } };
    document.info.description = 'a newer commit';
    writeFileSync(file, JSON.stringify(document));
    const result = await smokeCheck({ baseUrl: platform.url, root, deployables: selectDeployables(ROOT, ['catalog']) });
    expect(result.failures).toEqual(["GET /v2/catalog/openapi.json is not this commit's document (openapi/v2.json)"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
