/**
 * The workspace's dependency rules (.dependency-cruiser.cjs, `pnpm boundaries`, docs/adr/0025) fail
 * on violations: dependency-cruiser with the repository's configuration over a small workspace
 * written to a temporary folder, one file per rule broken, next to the imports the rules allow.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', private: true, devDependencies: { 'root-only': '1.0.0' } }),
  'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
  'node_modules/root-only/package.json': JSON.stringify({ name: 'root-only', version: '1.0.0', main: 'index.js' }),
  'node_modules/root-only/index.js': 'module.exports = {};\n',
  'node_modules/@aws-sdk/client-dynamodb/package.json': JSON.stringify({ name: '@aws-sdk/client-dynamodb', version: '3.0.0', main: 'index.js' }),
  'node_modules/@aws-sdk/client-dynamodb/index.js': 'module.exports = {};\n',

  'services/catalog/package.json': JSON.stringify({ name: '@fixture/catalog' }),
  'services/catalog/src/domain/product.ts': 'export const price = 1;\n',
  'services/catalog/contract/package.json': JSON.stringify({ name: '@fixture/catalog-contract' }),
  'services/catalog/contract/src/api.ts': "import { price } from '../../src/domain/product';\nexport const api = price;\n",
  'services/catalog/contract/src/schemas.ts': 'export const schema = 1;\n',

  'services/orders/package.json': JSON.stringify({ name: '@fixture/orders', dependencies: { '@aws-sdk/client-dynamodb': '3.0.0' } }),
  // Allowed: another service's published contract, and the service's own layers in order.
  'services/orders/src/domain/order.ts': "import { schema } from '../../../catalog/contract/src/schemas';\nexport const order = schema;\n",
  'services/orders/src/adapters/repository.ts':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { order } from '../domain/order';\nexport const repository = [DynamoDBClient, order];\n",
  'services/orders/src/container.ts': "import { repository } from './adapters/repository';\nexport const deps = { repository };\n",
  'services/orders/src/handlers/get-order.ts': "import { deps } from '../container';\nexport const handler = deps;\n",
  // Broken: a relative import into another service; AWS in the domain; adapters in a use case and a handler.
  'services/orders/src/domain/priced.ts': "import { price } from '../../../catalog/src/domain/product';\nexport const priced = price;\n",
  'services/orders/src/domain/stored.ts': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const stored = DynamoDBClient;\n",
  'services/orders/src/use-cases/place-order.ts': "import { repository } from '../adapters/repository';\nexport const place = repository;\n",
  'services/orders/src/handlers/place-order.ts': "import { repository } from '../adapters/repository';\nexport const handler = repository;\n",

  'packages/common/package.json': JSON.stringify({ name: '@fixture/common' }),
  'packages/common/src/reaches-service.ts': "import { price } from '../../../services/catalog/src/domain/product';\nexport const reached = price;\n",
  'packages/common/src/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'packages/common/src/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  // Allowed: a cycle through an `import type` only.
  'packages/common/src/types-a.ts': "import type { B } from './types-b';\nexport interface A { b?: B }\nexport const made = 1;\n",
  'packages/common/src/types-b.ts': "import { made } from './types-a';\nexport interface B { made: typeof made }\n",
  'packages/common/src/missing.ts': "import { pad } from 'left-pad';\nexport const padded = pad;\n",
  'packages/common/src/undeclared.ts': "import rootOnly from 'root-only';\nexport const used = rootOnly;\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let dir: string;
let violations: Violation[];
let status: number | null;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'emporium-boundaries-'));
  for (const [file, content] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const depcruise = (...args: string[]) =>
    spawnSync(process.execPath, [DEPCRUISE, 'packages', 'services', '--config', path.join(ROOT, '.dependency-cruiser.cjs'), ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  // As `pnpm boundaries` runs it (the exit status counts the errors), then as JSON for the details.
  status = depcruise().status;
  violations = (JSON.parse(depcruise('--output-type', 'json').stdout) as { summary: { violations: Violation[] } }).summary.violations;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const broken = () =>
  violations
    .filter((violation) => violation.rule.name !== 'no-circular')
    .map((violation) => `${violation.rule.name}: ${violation.from}`)
    .sort();

describe('pnpm boundaries', () => {
  it('fails (a non-zero exit status) when a rule is broken', () => {
    expect(status).not.toBe(0);
  });

  it('reports each other broken rule at the import that breaks it, and nothing else', () => {
    expect(broken()).toEqual(
      [
        'contract-is-standalone: services/catalog/contract/src/api.ts',
        'domain-is-pure: services/orders/src/domain/stored.ts',
        'handlers-stay-thin: services/orders/src/handlers/place-order.ts',
        'no-cross-service: services/orders/src/domain/priced.ts',
        'no-non-package-json: packages/common/src/undeclared.ts',
        'not-to-unresolvable: packages/common/src/missing.ts',
        'packages-not-to-services: packages/common/src/reaches-service.ts',
        'use-cases-through-ports: services/orders/src/use-cases/place-order.ts',
      ].sort(),
    );
  });

  it('reports a cycle of imports once, and not a cycle through an `import type` only', () => {
    const cycles = violations.filter((violation) => violation.rule.name === 'no-circular');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.from).toMatch(/^packages\/common\/src\/cycle-[ab]\.ts$/);
  });

  it('catches a relative import across services like a package import', () => {
    expect(violations.find((violation) => violation.rule.name === 'no-cross-service')?.to).toBe('services/catalog/src/domain/product.ts');
  });
});
