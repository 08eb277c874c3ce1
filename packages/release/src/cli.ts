/**
 * emporium-release: build once, promote the same zips (docs/adr/0016).
 *
 *   emporium-release --dry-run [--services a,b]     package, verify and print what would be deployed where
 *   emporium-release affected --base <ref> | --services a,b [--github-output]   services a change since <ref> affects
 *   emporium-release package [--services a,b] [--release <dir>] [--commit <sha>]
 *   emporium-release verify --stage <stage> [--release <dir>] [--services a,b]
 *   emporium-release deploy --stage <stage> [--release <dir>] [--services a,b] [--dry-run]
 *   emporium-release smoke --url <base url> [--services a,b]
 *
 * Without --services: every service and the platform stack. The release folder (default .release)
 * holds manifest.json and one package per stage and stack.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { affectedServices } from './affected';
import { readManifest, verifyRelease } from './manifest';
import { packageRelease, PROMOTION } from './package';
import { deployPlan, describePlan } from './plan';
import { smokeCheck } from './smoke';
import { deployables, PLATFORM, selectDeployables } from './stacks';

const USAGE = `Usage: pnpm release [--dry-run] | <affected|package|verify|deploy|smoke> [options]
  --dry-run            package every stage, verify, print the plan; deploy nothing
  --services a,b       only these services (folders under services/, or "platform")
  --release <dir>      the release folder (default .release)
  --stage <stage>      dev, test or prod (verify, deploy)
  --base <ref>         affected: the commit to compare with (e.g. origin/main)
  --github-output      affected: also write services=<json> and platform=<bool> to $GITHUB_OUTPUT
  --url <url>          smoke: the stage's base URL (https://api.dev.example.com)
  --commit <sha>       package: the commit recorded in the manifest (default: git HEAD)`;

class UsageError extends Error {}

const root = (): string => {
  let dir = process.cwd();
  for (;;) {
    try {
      return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return process.cwd();
      dir = parent;
    }
  }
};

const headCommit = (workspace: string): string => {
  const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: workspace, encoding: 'utf8' }).trim() !== '';
  return dirty ? `${sha}-dirty` : sha;
};

const main = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      services: { type: 'string' },
      release: { type: 'string', default: '.release' },
      stage: { type: 'string' },
      base: { type: 'string' },
      'github-output': { type: 'boolean', default: false },
      url: { type: 'string' },
      commit: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const workspace = root();
  const releaseDir = path.resolve(workspace, values.release);
  const names = values.services
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chosen = () => (names ? selectDeployables(workspace, names) : deployables(workspace));
  const stageOf = () => {
    if (!values.stage || !(PROMOTION as readonly string[]).includes(values.stage)) throw new UsageError(`--stage must be one of ${PROMOTION.join(', ')}`);
    return values.stage;
  };
  const [command] = positionals;

  if (command === 'affected') {
    // Asked for by name (a manual release) or affected since --base; the platform stack apart,
    // since it deploys after the services.
    if (!names && !values.base) throw new UsageError('affected needs --base <ref> (or --services a,b)');
    const selected = names ? chosen().map((d) => d.service) : affectedServices(workspace, values.base!);
    console.log(JSON.stringify(selected));
    if (values['github-output'] && process.env.GITHUB_OUTPUT) {
      const services = selected.filter((service) => service !== PLATFORM);
      appendFileSync(process.env.GITHUB_OUTPUT, `services=${JSON.stringify(services)}\nplatform=${String(selected.includes(PLATFORM))}\n`);
    }
    return 0;
  }
  if (command === 'package' || (command === undefined && values['dry-run'])) {
    const manifest = await packageRelease({
      root: workspace,
      deployables: chosen(),
      releaseDir,
      commit: values.commit ?? headCommit(workspace),
      log: (line) => console.log(line),
    });
    console.log(`manifest: ${path.relative(workspace, path.join(releaseDir, 'manifest.json'))} (${manifest.stacks.length} stacks, commit ${manifest.commit})`);
    if (command === 'package') return 0;
    // --dry-run: check every stage's packages against the manifest and say what would happen.
    const problems = manifest.stages.flatMap((stage) => verifyRelease(manifest, releaseDir, stage));
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      return 1;
    }
    console.log(`\nDry run: nothing deployed. Promotion ${manifest.stages.join(' -> ')}, the same zips on every stage:\n`);
    console.log(
      describePlan(
        manifest,
        manifest.stages.flatMap((stage) => deployPlan(manifest, releaseDir, stage)),
      ),
    );
    return 0;
  }
  if (command === 'verify' || command === 'deploy') {
    const stage = stageOf();
    const manifest = readManifest(releaseDir);
    const problems = verifyRelease(manifest, releaseDir, stage, names);
    if (problems.length > 0) {
      console.error(`Refusing: the packages in ${values.release} are not the manifest's (commit ${manifest.commit}):\n- ${problems.join('\n- ')}`);
      return 1;
    }
    const steps = deployPlan(manifest, releaseDir, stage, names);
    console.log(`verified: ${steps.length} stacks of commit ${manifest.commit} for ${stage}`);
    if (command === 'verify') return 0;
    console.log(describePlan(manifest, steps));
    if (values['dry-run']) return 0;
    for (const step of steps) {
      const [bin = 'serverless', ...args] = step.command;
      const result = spawnSync(path.join(workspace, step.dir, 'node_modules', '.bin', bin), args, { cwd: path.join(workspace, step.dir), stdio: 'inherit' });
      if (result.status !== 0) {
        console.error(`deploy of ${step.stack}-${stage} failed; stacks after it were not deployed`);
        return result.status ?? 1;
      }
    }
    return 0;
  }
  if (command === 'smoke') {
    if (!values.url) throw new UsageError('smoke needs --url <base url>');
    const result = await smokeCheck({ baseUrl: values.url, root: workspace, deployables: chosen() });
    console.log(`${result.checks} checks against ${values.url}, ${result.failures.length} failed`);
    for (const failure of result.failures) console.error(`- ${failure}`);
    return result.failures.length === 0 ? 0 : 1;
  }
  throw new UsageError(command === undefined ? 'say what to do' : `unknown command ${command}`);
};

main(process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--'))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
