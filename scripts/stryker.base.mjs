// The shared StrykerJS configuration of `pnpm test:mutation` (scripts/mutation.mjs). Each target has a
// stryker.config.mjs of its own (packages/common, services/*) that names what it mutates; this file
// holds everything else. See docs/adr/0026-mutation-testing.md.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Stryker's jest plugin wraps the test environment and resolves it from the sandbox, where pnpm does
// not hoist jest-environment-node: name it by its path, as jest itself resolves it.
const requireFromJest = createRequire(createRequire(import.meta.url).resolve('jest'));
const jestEnvironmentNode = requireFromJest.resolve('jest-environment-node', {
  paths: [path.dirname(requireFromJest.resolve('jest-config'))],
});

/**
 * @param {string} configUrl the target's stryker.config.mjs (`import.meta.url`)
 * @param {{ mutate: string[], tests?: string[] }} options the target's files to mutate and its unit tests
 *   that run against them (globs relative to its directory; default every test under src/)
 * @returns {Record<string, unknown>} Stryker's options (PartialStrykerOptions of @stryker-mutator/api/core)
 */
export const strykerConfig = (configUrl, { mutate, tests = ['src/**/*.test.ts'] }) => {
  const dir = path.dirname(fileURLToPath(configUrl));
  const name = path.basename(dir);
  const reports = path.join(root, 'reports', 'mutation', name);
  return {
    packageManager: 'pnpm',
    plugins: ['@stryker-mutator/jest-runner'],
    testRunner: 'jest',
    testRunner_comment: "jest with the package's own config (@swc/jest transform), unit tests (src/) only",
    jest: {
      projectType: 'custom',
      configFile: 'jest.config.cjs',
      // Unit tests only: test/ holds the integration, e2e, infrastructure and contract suites, which
      // need the local platform (or are slow) and say nothing about the pure rules mutated here.
      config: { testMatch: tests.map((glob) => `<rootDir>/${glob}`), testEnvironment: jestEnvironmentNode },
      enableFindRelatedTests: true,
    },
    // No type checker: a mutant that does not type-check still runs (swc strips types) and is
    // usually killed by a test; checking every mutant with tsc would cost more than it saves.
    checkers: [],
    coverageAnalysis: 'perTest',
    // Static mutants (module-level constants: the problem definitions, CORS headers, schemas, the
    // currency list) cannot be traced to the tests that cover them, so each one reruns every related
    // test file: on two cores that is most of a run. `--static` (scripts/mutation.mjs) includes them.
    ignoreStatic: process.env.STRYKER_STATIC !== '1',
    mutate,
    // The sandbox (a copy of the package) sits two levels below the repository root, where the
    // package itself sits, so the package's relative paths to the root (its jest.config.cjs requires
    // ../../jest.preset.cjs) still resolve. Runs are sequential: scripts/mutation.mjs runs one at a time.
    tempDirName: '../../.stryker-tmp',
    // Two test runner processes (`--concurrency 1` or STRYKER_CONCURRENCY on a busy machine): the
    // two cores this runs on are shared with other work.
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    timeoutMS: 10000,
    // Reruns test only the mutants whose code or covering tests changed since the last run.
    incremental: true,
    incrementalFile: path.join(reports, 'incremental.json'),
    reporters: ['clear-text', 'html', 'json', 'progress'],
    htmlReporter: { fileName: path.join(reports, 'index.html') },
    jsonReporter: { fileName: path.join(reports, 'mutation.json') },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
    // The goal (issue 11): at least 80% for the shared library and every service's domain.
    thresholds: { high: 90, low: 80, break: 80 },
  };
};
