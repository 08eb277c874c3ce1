import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../src/paths';
import { bundleContentPlugins } from '../src/runtime/packaging-options.cjs';

// The packaging build's plugins that change what a bundle holds (serverless.esbuild-plugins.cjs,
// docs/adr/0022), run on the real AWS SDK as packaging, the local platform and the benchmark run them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugins file is plain CommonJS at the workspace root
const { makeTreeShakable } = require(path.join(WORKSPACE_ROOT, 'serverless.esbuild-plugins.cjs')) as { makeTreeShakable: (source: string) => string };

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
