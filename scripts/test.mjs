#!/usr/bin/env node
// The README's test command: type-check, lint and test every package with turbo, and check the
// whole repository (lint of the root's own files, formatting, dependency boundaries, unused
// dependencies: root tasks in turbo.json), then print one summary line of the totals across all
// jest suites ("N passed, N failed"), which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirsIn = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name));
// The workspace's packages: packages/*, services/* and each service's contract package, platform.
const packageDirs = [
  ...dirsIn(path.join(root, 'packages')),
  ...dirsIn(path.join(root, 'services')).flatMap((service) => [service, path.join(service, 'contract')]),
  path.join(root, 'platform'),
].filter((dir) => existsSync(path.join(dir, 'package.json')));
const resultFiles = packageDirs.map((dir) => path.join(dir, '.jest-results.json'));
for (const file of resultFiles) rmSync(file, { force: true });

const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'typecheck',
    'lint',
    'test',
    'lint:root',
    'format:check',
    'boundaries',
    'knip',
    '--output-logs=new-only',
    '--continue',
    '--concurrency=2',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
);

let passed = 0;
let failed = 0;
for (const file of resultFiles.filter((f) => existsSync(f))) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  // A suite that failed to run (syntax error, setup crash) counts as one failure.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
}
const status = turbo.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // typecheck, lint or a repository check failed: the run is not green
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
