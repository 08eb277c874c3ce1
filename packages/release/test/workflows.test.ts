/**
 * The GitHub Actions workflows (.github/workflows): valid against GitHub's workflow schema
 * (action-validator, the SchemaStore schema, offline), and shaped as the release process says:
 * affected-only PR checks, build once, verified promotion dev -> test -> prod with smoke checks
 * and an approval before prod, per-service concurrency, AWS by OIDC, and a rollback.
 */
import { validateWorkflow } from '@action-validator/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const DIR = path.resolve(__dirname, '..', '..', '..', '.github', 'workflows');
const FILES = readdirSync(DIR).filter((file) => file.endsWith('.yml'));
const text = (file: string) => readFileSync(path.join(DIR, file), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  strategy?: { matrix: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;

describe('workflows', () => {
  it('are the pull request, release, deploy-stage and rollback workflows', () => {
    expect(FILES.sort()).toEqual(['deploy-stage.yml', 'pull-request.yml', 'release.yml', 'rollback.yml']);
  });

  it.each(FILES)('%s is valid against the GitHub workflow schema', (file) => {
    expect(validateWorkflow(text(file)).errors).toEqual([]);
  });

  it.each(FILES)('%s holds no long-lived AWS keys (no access key ids or AWS secrets)', (file) => {
    expect(text(file)).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\.AWS_/i);
  });
});

describe('pull requests', () => {
  const pr = workflow('pull-request.yml');
  const steps = pr.jobs['affected']!.steps!;

  it('check out the whole history, and typecheck, lint and test only what turbo says the change affects against the base branch', () => {
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with).toEqual({ 'fetch-depth': 0 });
    const check = steps.find((step) => step.run?.includes('turbo run typecheck'))!;
    expect(check.run).toContain('turbo run typecheck lint test --affected');
    expect(check.env?.['TURBO_SCM_BASE']).toBe('origin/${{ github.base_ref }}');
  });

  it('check the whole repository whatever the change: formatting, dependency boundaries, unused dependencies, lint of the root files', () => {
    const check = steps.find((step) => step.run?.includes('format:check'))!;
    for (const task of ['lint:root', 'format:check', 'boundaries', 'knip']) expect(check.run).toContain(task);
  });

  it('read the repository only', () => {
    expect(pr.permissions).toEqual({ contents: 'read' });
  });
});

describe('release', () => {
  const release = workflow('release.yml');
  const stage = workflow('deploy-stage.yml');

  it('runs on every push to main, and by hand for chosen services', () => {
    expect(release.on).toMatchObject({ push: { branches: ['main'] }, workflow_dispatch: {} });
  });

  it('builds once: packages the affected services for every stage and keeps the release folder (manifest + zips) as an artifact', () => {
    const build = release.jobs['build']!;
    expect(build.needs).toBe('changes');
    expect(build.steps!.some((step) => step.run?.includes('pnpm release package --services'))).toBe(true);
    expect(build.steps!.find((step) => step.uses?.startsWith('actions/upload-artifact'))?.with).toMatchObject({
      name: 'release-${{ github.sha }}',
      path: '.release/',
    });
  });

  it('promotes dev -> test -> prod, each stage after the one before, each from the one build', () => {
    expect(release.jobs['dev']).toMatchObject({
      needs: ['changes', 'build'],
      uses: './.github/workflows/deploy-stage.yml',
      with: { stage: 'dev', artifact: 'release-${{ github.sha }}' },
    });
    expect(release.jobs['test']).toMatchObject({ needs: ['changes', 'dev'], with: { stage: 'test', artifact: 'release-${{ github.sha }}' } });
    expect(release.jobs['prod']).toMatchObject({ needs: ['changes', 'test'], with: { stage: 'prod', artifact: 'release-${{ github.sha }}' } });
  });

  it('deploys each service in the environment of its stage (prod: the environment whose reviewers approve), one job per service', () => {
    const deploy = stage.jobs['deploy']!;
    expect(deploy.environment).toBe('${{ inputs.stage }}');
    expect(deploy.strategy!.matrix['service']).toBe('${{ fromJSON(inputs.services) }}');
  });

  it('never runs two deploys of one service to one stage at once, and never cancels one halfway', () => {
    expect(stage.jobs['deploy']!.concurrency).toEqual({ group: 'deploy-${{ matrix.service }}-${{ inputs.stage }}', 'cancel-in-progress': false });
    expect(stage.jobs['platform']!.concurrency).toEqual({ group: 'deploy-platform-${{ inputs.stage }}', 'cancel-in-progress': false });
  });

  it('assumes the stage role by OIDC (id-token), then verifies the zips against the manifest and deploys them', () => {
    expect(stage.permissions).toMatchObject({ 'id-token': 'write' });
    for (const name of ['deploy', 'platform']) {
      const steps = stage.jobs[name]!.steps!;
      const credentials = steps.findIndex((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials'));
      const deploy = steps.findIndex((step) => step.run?.includes('pnpm release deploy --stage'));
      expect(steps[credentials]!.with).toMatchObject({ 'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}' });
      expect(credentials).toBeGreaterThan(-1);
      expect(deploy).toBeGreaterThan(credentials);
      expect(steps.some((step) => step.uses?.startsWith('actions/download-artifact'))).toBe(true);
    }
    for (const name of ['dev', 'test', 'prod']) expect(release.jobs[name]!.permissions).toMatchObject({ 'id-token': 'write' });
  });

  it('deploys the platform stack after the services, then gates the stage on smoke and contract checks against its URL', () => {
    expect(stage.jobs['platform']!.needs).toBe('deploy');
    expect(stage.jobs['smoke']!.needs).toEqual(['deploy', 'platform']);
    expect(stage.jobs['smoke']!.steps!.find((step) => step.run?.includes('pnpm release smoke'))?.env).toMatchObject({
      API_BASE_URL: '${{ vars.API_BASE_URL }}',
    });
  });
});

describe('rollback', () => {
  const rollback = workflow('rollback.yml');

  it("redeploys an earlier run's build (its manifest and zips, verified) to one stage, from that commit", () => {
    expect(rollback.on).toMatchObject({
      workflow_dispatch: { inputs: { stage: { options: ['dev', 'test', 'prod'] }, 'run-id': {}, commit: {}, services: {} } },
    });
    expect(rollback.jobs['rollback']).toMatchObject({
      uses: './.github/workflows/deploy-stage.yml',
      with: { stage: '${{ inputs.stage }}', artifact: 'release-${{ inputs.commit }}', 'run-id': '${{ inputs.run-id }}', ref: '${{ inputs.commit }}' },
    });
  });
});
