import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../src/paths';
import { baseCustomEsbuild, bundleContentPlugins, esbuildOptionsOf } from '../src/runtime/packaging-options.cjs';

// The packaging build's plugins that change what a bundle holds (serverless.esbuild-plugins.cjs,
// docs/adr/0022), run on the real AWS SDK as packaging, the local platform and the benchmark run them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugins file is plain CommonJS at the workspace root
const { makeTreeShakable, makeDeclarationsDroppable, declarationOffences, DOCS_EXPRESSION } = require(
  path.join(WORKSPACE_ROOT, 'serverless.esbuild-plugins.cjs'),
) as {
  makeTreeShakable: (source: string) => string;
  makeDeclarationsDroppable: (source: string, fileName?: string) => string;
  declarationOffences: (source: string, fileName?: string) => string[];
  DOCS_EXPRESSION: string;
};

describe('the AWS SDK schema modules, made tree-shakable', () => {
  it('writes a computed key naming a string constant of the module as that string, and leaves any other key alone', () => {
    const source = [
      'const _e = "error";',
      'const _hE = "httpError";',
      'const n0 = "com.amazonaws.apigateway";',
      'export var NotFound$ = [-3, n0, "NotFoundException", { [_e]: "client", [_hE]: 404 }, [], []];',
      'export var Other$ = [3, n0, "Other", { [unknown]: 1 }, [_e], [0]];',
    ].join('\n');
    const out = makeTreeShakable(source);
    expect(out).toContain('{ "error": "client", "httpError": 404 }');
    // Not a constant of the module: kept as it was. An array element is not a key.
    expect(out).toContain('{ [unknown]: 1 }');
    expect(out).toContain('[_e], [0]');
  });

  describe('a function calling one API Gateway operation', () => {
    let work: string;
    const bundle = async (plugins: ReturnType<typeof bundleContentPlugins>) => {
      const entry = path.join(work, 'entry.ts');
      writeFileSync(
        entry,
        [
          "import { APIGatewayClient, GetUsageCommand } from '@aws-sdk/client-api-gateway';",
          "export const handler = () => new APIGatewayClient({}).send(new GetUsageCommand({ usagePlanId: 'p', startDate: '2026-12-01', endDate: '2026-12-07' }));",
        ].join('\n'),
      );
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        mainFields: ['module', 'main'],
        write: false,
        plugins,
        // Resolve the SDK from this package, as a service resolves it from its own.
        nodePaths: [path.join(__dirname, '..', 'node_modules')],
        logLevel: 'error',
      });
      return result.outputFiles[0]!.text;
    };

    beforeAll(() => {
      work = mkdtempSync(path.join(os.tmpdir(), 'emporium-plugins-'));
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it("holds that operation's shapes and not the other operations' (without the plugin it holds every one)", async () => {
      const [plain, shaken] = [await bundle([]), await bundle(bundleContentPlugins(WORKSPACE_ROOT))];
      // GetUsage's route is in both; UpdateStage's (never called) only where the schemas are not shaken.
      for (const code of [plain, shaken]) expect(code).toContain('/usageplans/{usagePlanId}/usage');
      expect(plain).toContain('/restapis/{restApiId}/stages/{stageName}');
      expect(shaken).not.toContain('/restapis/{restApiId}/stages/{stageName}');
      expect(shaken.length).toBeLessThan(plain.length - 20_000);
    });
  });
});

describe('the declarations of side-effect-free workspace packages, made droppable', () => {
  const OPEN = '/* @__PURE__ */ (() => (';
  const CLOSE = '))()';

  it('writes each top-level declaration that calls or reads a property as a pure call returning it, and leaves functions and plain values alone', () => {
    const out = makeDeclarationsDroppable(
      [
        "export const name = withMeta(z.string().check(z.minLength(1)), { id: 'Name' });",
        'const seen = new Set([1]), limit = 20, v2 = { ...v1, description: PROBLEMS.NOT_FOUND };',
        'export const parse = (input: unknown) => name.parse(input);',
        'export const roles = [ROLE_A, ROLE_B] as const;',
        'let later: string | undefined;',
        'class Thing { static made = make(); }',
      ].join('\n'),
    );
    expect(out.split('\n')).toEqual([
      `export const name = ${OPEN}withMeta(z.string().check(z.minLength(1)), { id: 'Name' })${CLOSE};`,
      `const seen = ${OPEN}new Set([1])${CLOSE}, limit = 20, v2 = ${OPEN}{ ...v1, description: PROBLEMS.NOT_FOUND }${CLOSE};`,
      'export const parse = (input: unknown) => name.parse(input);',
      'export const roles = [ROLE_A, ROLE_B] as const;',
      'let later: string | undefined;',
      'class Thing { static made = make(); }',
    ]);
  });

  it('writes a class whose base is computed as a constant holding such a call, and leaves other classes alone', () => {
    const out = makeDeclarationsDroppable(
      [
        'export class NotFoundError extends errorClass(PROBLEMS.NOT_FOUND) {',
        '  constructor(id: string) { super(`No ${id}`); }',
        '}',
        'export class Plain extends Error {}',
        'export default class Defaulted extends errorClass(PROBLEMS.CONFLICT) {}',
        'export abstract class Base extends mixin(Error) {}',
      ].join('\n'),
    );
    expect(out.split('\n')).toEqual([
      `export const NotFoundError = ${OPEN}class NotFoundError extends errorClass(PROBLEMS.NOT_FOUND) {`,
      '  constructor(id: string) { super(`No ${id}`); }',
      `}${CLOSE};`,
      'export class Plain extends Error {}',
      'export default class Defaulted extends errorClass(PROBLEMS.CONFLICT) {}',
      'export abstract class Base extends mixin(Error) {}',
    ]);
  });

  it('leaves a declaration that awaits as it is: an await cannot move into an arrow function', () => {
    const source = 'export const table = await load();';
    expect(makeDeclarationsDroppable(source)).toBe(source);
  });

  it('lets esbuild drop what nothing uses, and prints what is used as it was written', async () => {
    const source = [
      'const PROBLEMS = { NOT_FOUND: { code: "NOT_FOUND" }, CONFLICT: { code: "CONFLICT" } };',
      'const errorClass = (definition: { code: string }) => class extends Error { code = definition.code; };',
      'export class NotFoundError extends errorClass(PROBLEMS.NOT_FOUND) {}',
      'export class ConflictError extends errorClass(PROBLEMS.CONFLICT) {}',
      'export const unused = { ...PROBLEMS.CONFLICT, title: String(1) };',
      'export const used = { ...PROBLEMS.NOT_FOUND, title: "Not found" };',
    ].join('\n');
    const bundle = async (contents: string) =>
      (
        await build({
          stdin: { contents: `import { NotFoundError, used } from './module';\nconsole.log(new NotFoundError(), used);`, loader: 'ts', resolveDir: '/' },
          plugins: [
            {
              name: 'module',
              setup: (b) => {
                b.onResolve({ filter: /module/ }, () => ({ path: 'module.ts', namespace: 'm' }));
                b.onLoad({ filter: /.*/, namespace: 'm' }, () => ({ contents, loader: 'ts' }));
              },
            },
          ],
          bundle: true,
          minifySyntax: true,
          write: false,
          format: 'esm',
          logLevel: 'error',
        })
      ).outputFiles[0]!.text;
    const [plain, droppable] = [await bundle(source), await bundle(makeDeclarationsDroppable(source))];
    // Without the transform a computed base or a read property keeps the declaration; with it, only what is used stays.
    expect(plain).toContain('ConflictError');
    expect(plain).toContain('unused');
    expect(droppable).not.toContain('ConflictError');
    expect(droppable).not.toContain('unused');
    expect(droppable).toContain('NotFoundError = class extends errorClass(PROBLEMS.NOT_FOUND)');
    expect(droppable).toContain('used = { ...PROBLEMS.NOT_FOUND, title: "Not found" }');
    expect(droppable).not.toContain('(() =>');
  });

  it('writes each use of the imported DOCS as the expression that defines it, and nothing else named DOCS', () => {
    const out = makeDeclarationsDroppable(
      [
        "import { DOCS } from '@emporium/common/contract/meta';",
        "import { DOCS as D } from './docs';",
        "export const route = { summary: DOCS && 'Get it', body: D && schema, DOCS, other: { DOCS: 1 }.DOCS };",
        'export type Flag = typeof DOCS;',
      ].join('\n'),
    );
    const docs = `(${DOCS_EXPRESSION})`;
    expect(out).toContain(`summary: ${docs} && 'Get it', body: ${docs} && schema, DOCS: ${docs}, other: { DOCS: 1 }.DOCS }`);
    expect(out).toContain('typeof DOCS');
    expect(out).toContain("import { DOCS } from '@emporium/common/contract/meta';");
  });

  it('refuses a module where a local binding hides the imported DOCS', () => {
    expect(() => makeDeclarationsDroppable("import { DOCS } from './meta';\nexport const f = (DOCS: boolean) => DOCS;", 'hidden.ts')).toThrow(
      'hidden.ts: a local DOCS hides the imported DOCS',
    );
  });

  it('writes DOCS as @emporium/common defines it', () => {
    const docsModule = readFileSync(path.join(WORKSPACE_ROOT, 'packages', 'common', 'src', 'contract', 'docs.ts'), 'utf8');
    expect(docsModule).toContain(`export const DOCS: boolean = ${DOCS_EXPRESSION};`);
  });

  it('refuses a module that runs a statement at load time or imports for effects: its package said it does not', () => {
    expect(declarationOffences("import './polyfill';\nexport const a = f();\nregister(a);\n", 'effects.ts')).toEqual([
      "effects.ts:1: import './polyfill';",
      'effects.ts:3: register(a);',
    ]);
    expect(() => makeDeclarationsDroppable('register(a);', 'effects.ts')).toThrow('effects.ts:1: register(a);\nruns at load time');
  });

  it('is given only by packages whose modules do nothing but declare', () => {
    const packageDirs = execFileSync('git', ['ls-files', '*package.json'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && !file.startsWith('templates/'))
      .map((file) => path.dirname(file))
      .filter((dir) => JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, dir, 'package.json'), 'utf8')).sideEffects === false);
    expect(packageDirs).toEqual(expect.arrayContaining(['packages/common', 'services/orders', 'services/orders/contract']));
    const sources = execFileSync('git', ['ls-files', ...packageDirs.map((dir) => `${dir}/src/*.ts`)], { cwd: WORKSPACE_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && !/\.(test|bench|d)\.ts$/.test(file));
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.flatMap((file) => declarationOffences(readFileSync(path.join(WORKSPACE_ROOT, file), 'utf8'), file))).toEqual([]);
  });

  describe("catalog's get-product, built as packaging builds it", () => {
    const buildGetProduct = async (withDeclarationsPure: boolean) => {
      const plugins = bundleContentPlugins(WORKSPACE_ROOT).filter((plugin) => withDeclarationsPure || plugin.name !== 'emporium-workspace-declarations-pure');
      const result = await build({
        ...esbuildOptionsOf(baseCustomEsbuild(WORKSPACE_ROOT)),
        entryPoints: [path.join(WORKSPACE_ROOT, 'services', 'catalog', 'src', 'handlers', 'get-product.ts')],
        absWorkingDir: path.join(WORKSPACE_ROOT, 'services', 'catalog'),
        sourcemap: false,
        write: false,
        outfile: 'get-product.js',
        plugins,
        logLevel: 'error',
      });
      return result.outputFiles[0]!.text;
    };

    it('holds the schemas its route reads, and not the create and update bodies of the same module', async () => {
      const [plain, pure] = [await buildGetProduct(false), await buildGetProduct(true)];
      // The product id's pattern is read by this route; the update body's rule and the SKU's message are not.
      for (const code of [plain, pure]) expect(code).toContain('Expected a product id');
      expect(plain).toContain('Send at least one field to change');
      expect(pure).not.toContain('Send at least one field to change');
      expect(pure).not.toContain('Expected 2-64 letters, digits or hyphens');
      expect(pure.length).toBeLessThan(plain.length - 5_000);
    });
  });
});
