/**
 * The deploy manifest: what one commit's build packaged, so every stage gets the very same code.
 * Per stack: each function zip's sha256 (one value for every stage: packaging dev, test and prod
 * must yield identical zips, or the build fails) and each stage's template hash. A deploy checks the
 * package it is about to deploy against it and refuses any difference.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
/** The template `serverless deploy --package` sends to CloudFormation. */
export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

export interface ManifestStack {
  /** The service folder's name (`catalog`) or `platform`. */
  service: string;
  /** The folder, relative to the workspace root. */
  dir: string;
  /** The stack's `service:` name. */
  stack: string;
  configFile: string;
  /** Zip file name -> sha256 (hex), the same for every stage. */
  artifacts: Record<string, string>;
  /** Stage -> sha256 of the stage's update-stack template. */
  templates: Record<string, string>;
}

export interface Manifest {
  schemaVersion: 1;
  commit: string;
  createdAt: string;
  /** In promotion order: dev, test, prod. */
  stages: string[];
  /** In deploy order. */
  stacks: ManifestStack[];
}

/** Where a stack's package for a stage lies in a release folder (next to manifest.json). */
export const packageDirOf = (releaseDir: string, stage: string, stack: string): string => path.join(releaseDir, stage, stack);

export const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The zips of a package folder by file name, with their sha256. */
export const artifactsIn = (packageDir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(packageDir)
      .filter((file) => file.endsWith('.zip'))
      .sort()
      .map((file) => [file, sha256Of(path.join(packageDir, file))]),
  );

const short = (hash: string | undefined) => (hash ? hash.slice(0, 12) : 'none');

/**
 * What differs between a stack's package for `stage` and the manifest: a zip missing, added or
 * changed, or another template. Empty when the package is the manifest's.
 */
export const verifyPackage = (entry: ManifestStack, stage: string, packageDir: string): string[] => {
  if (!existsSync(packageDir)) return [`${entry.stack} (${stage}): no package at ${packageDir}`];
  const problems: string[] = [];
  const actual = artifactsIn(packageDir);
  for (const [file, expected] of Object.entries(entry.artifacts)) {
    if (!(file in actual)) problems.push(`${entry.stack} (${stage}): ${file} is missing`);
    else if (actual[file] !== expected) {
      problems.push(
        `${entry.stack} (${stage}): ${file} has sha256 ${short(actual[file])}, the manifest says ${short(expected)}: not the artifact that was built`,
      );
    }
  }
  for (const file of Object.keys(actual)) if (!(file in entry.artifacts)) problems.push(`${entry.stack} (${stage}): ${file} is not in the manifest`);
  const expectedTemplate = entry.templates[stage];
  const template = path.join(packageDir, TEMPLATE_FILE);
  if (!expectedTemplate) problems.push(`${entry.stack}: the manifest has no template for stage ${stage}`);
  else if (!existsSync(template)) problems.push(`${entry.stack} (${stage}): ${TEMPLATE_FILE} is missing`);
  else if (sha256Of(template) !== expectedTemplate)
    problems.push(`${entry.stack} (${stage}): the template has sha256 ${short(sha256Of(template))}, the manifest says ${short(expectedTemplate)}`);
  return problems;
};

/** Every difference between a release folder's packages for `stage` and its manifest. */
export const verifyRelease = (manifest: Manifest, releaseDir: string, stage: string, services?: readonly string[]): string[] => {
  if (!manifest.stages.includes(stage)) return [`the manifest was built for ${manifest.stages.join(', ')}, not ${stage}`];
  return manifest.stacks
    .filter((entry) => !services || services.includes(entry.service))
    .flatMap((entry) => verifyPackage(entry, stage, packageDirOf(releaseDir, stage, entry.stack)));
};

export const readManifest = (releaseDir: string): Manifest => {
  const file = path.join(releaseDir, MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`No ${MANIFEST_FILE} in ${releaseDir}: build the release first (emporium-release package)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.schemaVersion !== 1) throw new Error(`${file}: unknown schemaVersion ${String(manifest.schemaVersion)}`);
  return manifest;
};
