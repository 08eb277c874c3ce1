#!/usr/bin/env node
// `pnpm test:mutation`: StrykerJS over the shared library and every service's domain, one target at a
// time (each has its stryker.config.mjs; shared settings in scripts/stryker.base.mjs), then one table
// of the scores. Not part of `pnpm test` or CI (a full run takes longer than CI's 15 minutes); runs
// are incremental, so a rerun tests only the mutants whose code or tests changed.
//
//   pnpm test:mutation                    every target
//   pnpm test:mutation common orders      these targets (directory names)
//   pnpm test:mutation --changed [ref]    the targets with files changed since ref (default HEAD, i.e.
//                                         uncommitted changes; e.g. origin/main in a branch)
//   pnpm test:mutation --static           include static mutants (module-level constants); slower
//   pnpm test:mutation --force            ignore the incremental results and test every mutant
//   pnpm test:mutation --concurrency 1    test runner processes per target (default 2)
//   pnpm test:mutation --report           print the table of the last runs without running anything
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

const usage = 'usage: pnpm test:mutation [target...] [--changed [ref]] [--static] [--force] [--concurrency N] [--report]';
const options = { names: [], changed: undefined, static: false, force: false, concurrency: undefined, report: false };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--changed') options.changed = args[i + 1] && !args[i + 1].startsWith('-') ? args[(i += 1)] : 'HEAD';
  else if (arg === '--static') options.static = true;
  else if (arg === '--force') options.force = true;
  else if (arg === '--report') options.report = true;
  else if (arg === '--concurrency') options.concurrency = args[(i += 1)];
  else if (arg === '--help' || arg === '-h') {
    console.log(usage);
    process.exit(0);
  } else if (arg.startsWith('-')) {
    console.error(`Unknown option ${arg}\n${usage}`);
    process.exit(2);
  } else options.names.push(arg);
}

// Every directory with a stryker.config.mjs: packages/common and services/*.
const targets = ['packages', 'services']
  .flatMap((group) =>
    readdirSync(path.join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(group, entry.name)),
  )
  .filter((dir) => existsSync(path.join(root, dir, 'stryker.config.mjs')))
  .map((dir) => ({ dir, name: path.basename(dir) }));

const unknown = options.names.filter((name) => !targets.some((target) => target.name === name));
if (unknown.length > 0) {
  console.error(`Unknown target ${unknown.join(', ')}; targets: ${targets.map((target) => target.name).join(', ')}`);
  process.exit(2);
}

const git = (...gitArgs) => spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
/** Files changed since `ref`, committed or not, and new files. */
const changedFiles = (ref) => [...git('diff', '--name-only', ref), ...git('ls-files', '--others', '--exclude-standard')];

let selected = options.names.length > 0 ? targets.filter((target) => options.names.includes(target.name)) : targets;
if (options.changed) {
  const changed = changedFiles(options.changed);
  // A service's domain tests run against the shared library too, but only its own files are mutated.
  selected = selected.filter((target) => changed.some((file) => file.startsWith(`${target.dir}/src/`) || file === `${target.dir}/stryker.config.mjs`));
  if (selected.length === 0) console.log(`No target has changed files since ${options.changed}.`);
}

const failed = [];
if (!options.report) {
  for (const target of selected) {
    console.log(`\n== ${target.dir}`);
    const run = spawnSync(
      process.execPath,
      [stryker, 'run', ...(options.force ? ['--force'] : []), ...(options.concurrency ? ['--concurrency', options.concurrency] : [])],
      { cwd: path.join(root, target.dir), stdio: 'inherit', env: { ...process.env, ...(options.static ? { STRYKER_STATIC: '1' } : {}) } },
    );
    if (run.status !== 0) failed.push(target.name);
  }
}

/** Counts of one target's last run, from its JSON report (mutation-testing-report-schema). */
const summaryOf = (target) => {
  const file = path.join(root, 'reports', 'mutation', target.name, 'mutation.json');
  if (!existsSync(file)) return undefined;
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  for (const { mutants } of Object.values(JSON.parse(readFileSync(file, 'utf8')).files)) {
    for (const mutant of mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, score: valid === 0 ? 100 : (detected / valid) * 100 };
};

const rows = (options.names.length > 0 || options.changed ? selected : targets)
  .map((target) => ({ target, summary: summaryOf(target) }))
  .filter(({ summary }) => summary !== undefined);
if (rows.length > 0) {
  const header = ['target', 'score', 'killed', 'timeout', 'survived', 'no coverage', 'ignored (static)'];
  const table = rows.map(({ target, summary }) =>
    [target.dir, `${summary.score.toFixed(1)}%`, summary.Killed, summary.Timeout, summary.Survived, summary.NoCoverage, summary.Ignored].map(String),
  );
  const widths = header.map((cell, column) => Math.max(cell.length, ...table.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(`\n${line(header)}\n| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |\n${table.map(line).join('\n')}`);
  console.log('\nReports: reports/mutation/<target>/index.html');
}
if (failed.length > 0) {
  console.error(`\nMutation testing failed or scored under the threshold (80%) for: ${failed.join(', ')}`);
  process.exit(1);
}
