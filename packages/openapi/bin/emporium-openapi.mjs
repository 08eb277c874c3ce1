#!/usr/bin/env node
// The contract's generated files: OpenAPI documents, gateway request models, gateway responses.
//   emporium-openapi generate     (in a service folder) write openapi/<version>.json and the gateway models
//                                 (openapi/gateway.json for v1, openapi/gateway.<version>.json for later versions)
//   emporium-openapi check        (in a service folder) fail when they are out of date with the contract
//   emporium-openapi release      (in a service folder) record the current documents as released
//   emporium-openapi lint         (in a service folder) Redocly CLI over openapi/v*.json with redocly.yaml (warnings fail)
//   emporium-openapi platform [--check]   (anywhere) serverless.gateway-responses.json at the repository root
// The contract is TypeScript: it is bundled with esbuild (one zod instance with zod-openapi) and run.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageRoot, '..', '..');
const require = createRequire(path.join(packageRoot, 'package.json'));
const esbuild = require('esbuild');
const [command = 'generate', ...flags] = process.argv.slice(2);
const serviceDir = process.cwd();

// A service's API contracts: contract/src/api.ts (v1) and contract/src/v<N>/api.ts (later versions).
const contractFiles = () => {
  const src = path.join(serviceDir, 'contract', 'src');
  if (!existsSync(path.join(src, 'api.ts'))) return [];
  const later = readdirSync(src, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^v\d+$/.test(entry.name) && existsSync(path.join(src, entry.name, 'api.ts')))
    .map((entry) => path.join(src, entry.name, 'api.ts'));
  return [path.join(src, 'api.ts'), ...later];
};

const load = async () => {
  const contracts = contractFiles();
  const isService = contracts.length > 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emporium-openapi-'));
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export { serviceArtifacts, platformArtifacts, releasedDocumentPath } from ${JSON.stringify(path.join(packageRoot, 'src', 'artifacts.ts'))};`,
      `export const contracts = [${contracts.map((_, i) => `contract${i}`).join(', ')}];`,
      ...contracts.map((file, i) => `import * as contract${i} from ${JSON.stringify(file)};`),
    ].join('\n'),
  );
  const outfile = path.join(dir, 'entry.cjs');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    nodePaths: [path.join(packageRoot, 'node_modules')],
  });
  const loaded = require(outfile);
  rmSync(dir, { recursive: true, force: true });
  const apis = loaded.contracts
    .flatMap((contract) => Object.values(contract))
    .filter((value) => value && typeof value === 'object' && Array.isArray(value.routes) && typeof value.basePath === 'string');
  return { ...loaded, apis, isService };
};

const compare = (files, root) =>
  Object.entries(files)
    .filter(([file, content]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== content)
    .map(([file]) => file);

const write = (files, root) => {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
    console.log(`wrote ${path.relative(process.cwd(), path.join(root, file)) || file}`);
  }
};

if (command === 'lint') {
  const { spawnSync } = await import('node:child_process');
  const documents = readdirSync(path.join(serviceDir, 'openapi'))
    .filter((file) => /^v\d+\.json$/.test(file))
    .map((file) => path.join('openapi', file));
  const redocly = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const result = spawnSync(process.execPath, [redocly, 'lint', '--config', path.join(repoRoot, 'redocly.yaml'), '--format', 'stylish', ...documents], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exit(result.status ?? 1);
}

const { serviceArtifacts, platformArtifacts, releasedDocumentPath, apis, isService } = await load();
if (command === 'platform') {
  const files = platformArtifacts();
  if (flags.includes('--check')) {
    const stale = compare(files, repoRoot);
    if (stale.length > 0) {
      console.error(`Out of date with the problem builder: ${stale.join(', ')}. Run: pnpm generate`);
      process.exit(1);
    }
  } else write(files, repoRoot);
} else {
  if (!isService) {
    console.error(`emporium-openapi: no contract at ${path.join(serviceDir, 'contract/src/api.ts')}`);
    process.exit(1);
  }
  const files = serviceArtifacts(apis);
  if (command === 'generate') write(files, serviceDir);
  else if (command === 'check') {
    const stale = compare(files, serviceDir);
    if (stale.length > 0) {
      console.error(`Out of date with the contract: ${stale.join(', ')}. Run: pnpm generate`);
      process.exit(1);
    }
    console.log('generated files are up to date');
  } else if (command === 'release') {
    for (const api of apis) {
      const target = path.join(serviceDir, releasedDocumentPath(api.version));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, files[`openapi/${api.version}.json`]);
      console.log(`released ${path.relative(serviceDir, target)}`);
    }
  } else {
    console.error(`emporium-openapi: unknown command ${command} (generate, check, release, platform)`);
    process.exit(1);
  }
}
