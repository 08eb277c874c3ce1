/**
 * The service generator, end to end: in a copy of this repository (its committed files), `pnpm
 * new-service` makes a service that installs, type-checks, lints, is formatted, keeps the dependency
 * rules and passes every one of its tests: unit, integration on the local engine, end to end through
 * the local platform (which mounts it with no other edit), infrastructure (packaged for every stage)
 * and contract.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NAME = 'widgets';
jest.setTimeout(900_000);

let workspace: string;

const pnpm = (args: string[], cwd = workspace) => {
  const result = spawnSync('pnpm', args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', TURBO_TELEMETRY_DISABLED: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'emporium-generator-'));
  // The committed files only: what a fresh clone has.
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(workspace, file));
  }
  const install = pnpm(['install', '--offline', '--frozen-lockfile']);
  if (install.status !== 0) throw new Error(`pnpm install failed:\n${install.output}`);
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('pnpm new-service', () => {
  it('refuses a name that is not lowercase words, or a service that exists', () => {
    expect(pnpm(['new-service', 'Bad_Name']).status).not.toBe(0);
    expect(pnpm(['new-service', 'catalog']).status).not.toBe(0);
  });

  it(`generates ${NAME}: installed, its OpenAPI document generated and released, owned in CODEOWNERS`, () => {
    const generated = pnpm(['new-service', NAME]);
    expect({ status: generated.status, output: generated.status === 0 ? '' : generated.output }).toEqual({ status: 0, output: '' });
    expect(readFileSync(path.join(workspace, '.github', 'CODEOWNERS'), 'utf8')).toMatch(new RegExp(`^/services/${NAME}/\\s+@emporium/team-${NAME}$`, 'm'));
    expect(JSON.parse(readFileSync(path.join(workspace, 'services', NAME, 'openapi', 'v1.json'), 'utf8'))).toMatchObject({
      info: { title: 'Emporium Widgets API' },
    });
  });

  it.each(['typecheck', 'lint'])(`${NAME} and its contract pass %s`, (task) => {
    const result = pnpm(['--filter', `@emporium/${NAME}`, '--filter', `@emporium/${NAME}-contract`, 'run', task]);
    expect({ status: result.status, output: result.status === 0 ? '' : result.output }).toEqual({ status: 0, output: '' });
  });

  it(`${NAME} is formatted and keeps the dependency rules (pnpm format:check, pnpm boundaries)`, () => {
    for (const args of [
      ['exec', 'prettier', '--check', `services/${NAME}`],
      ['exec', 'depcruise', `services/${NAME}`, '--config', '.dependency-cruiser.cjs'],
    ]) {
      const result = pnpm(args);
      expect({ args, status: result.status, output: result.status === 0 ? '' : result.output }).toEqual({ args, status: 0, output: '' });
    }
  });

  it(`${NAME} passes its tests: unit, integration, end to end on the platform, infrastructure, contract`, () => {
    const result = pnpm(['--filter', `@emporium/${NAME}`, '--filter', `@emporium/${NAME}-contract`, 'run', 'test']);
    expect({ status: result.status, output: result.status === 0 ? '' : result.output.slice(-4000) }).toEqual({ status: 0, output: '' });
    const service = JSON.parse(readFileSync(path.join(workspace, 'services', NAME, '.jest-results.json'), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { name: string }[];
    };
    expect(service.numFailedTests).toBe(0);
    expect(service.testResults.map((suite) => path.relative(path.join(workspace, 'services', NAME), suite.name)).sort()).toEqual([
      'src/use-cases/items.test.ts',
      'test/contract.test.ts',
      `test/e2e/${NAME}.e2e.test.ts`,
      'test/infrastructure.test.ts',
      'test/integration/handlers.test.ts',
    ]);
    expect(service.numPassedTests).toBeGreaterThan(100);
  });
});
