/**
 * What a release deploys where: for a stage, every stack of the manifest (or of the chosen
 * services) in deploy order, from its verified package, with the command that deploys it.
 */
import path from 'node:path';
import type { Manifest } from './manifest';
import { packageDirOf } from './manifest';

export interface DeployStep {
  service: string;
  stack: string;
  stage: string;
  /** The folder the command runs in, relative to the workspace root. */
  dir: string;
  packageDir: string;
  /** `serverless deploy` of the built package: no packaging, no bundling at deploy time. */
  command: string[];
  artifacts: Record<string, string>;
  template: string;
}

export const deployPlan = (manifest: Manifest, releaseDir: string, stage: string, services?: readonly string[]): DeployStep[] =>
  manifest.stacks
    .filter((entry) => !services || services.includes(entry.service))
    .map((entry) => {
      const packageDir = path.resolve(packageDirOf(releaseDir, stage, entry.stack));
      return {
        service: entry.service,
        stack: entry.stack,
        stage,
        dir: entry.dir,
        packageDir,
        command: ['serverless', 'deploy', '--config', entry.configFile, '--stage', stage, '--package', packageDir],
        artifacts: entry.artifacts,
        template: entry.templates[stage] ?? '',
      };
    });

/** The plan as a reader wants it: stage by stage, stack by stack, every zip with its hash. */
export const describePlan = (manifest: Manifest, steps: readonly DeployStep[]): string => {
  const lines: string[] = [];
  for (const stage of [...new Set(steps.map((step) => step.stage))]) {
    lines.push(`${stage}: ${steps.filter((s) => s.stage === stage).length} stacks from commit ${manifest.commit}`);
    for (const step of steps.filter((s) => s.stage === stage)) {
      lines.push(`  ${step.stack}-${stage} (${step.dir}, template ${step.template.slice(0, 12)})`);
      for (const [file, hash] of Object.entries(step.artifacts)) lines.push(`    ${file.padEnd(32)} sha256 ${hash}`);
      lines.push(`    $ (cd ${step.dir} && ${step.command.join(' ')})`);
    }
  }
  return lines.join('\n');
};
