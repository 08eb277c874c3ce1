/**
 * Build once: package every stack of the chosen services for every stage of the promotion, each
 * into `<release>/<stage>/<stack>/`, and write `<release>/manifest.json`. A stack whose zips differ
 * between stages fails the build: promotion must deploy the same code everywhere (only the
 * templates, which hold the stage's settings, differ).
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageService } from '@emporium/testing/cloudformation/package';
import type { Manifest, ManifestStack } from './manifest';
import { artifactsIn, MANIFEST_FILE, packageDirOf, sha256Of, TEMPLATE_FILE } from './manifest';
import type { Deployable } from './stacks';

export const PROMOTION = ['dev', 'test', 'prod'] as const;

/** Packages one stack for one stage into `outDir` (`serverless package --config --stage --package`). */
export type Packager = (options: { serviceDir: string; configFile: string; stage: string; outDir: string }) => Promise<void>;

/** Offline, in a private mirror of the workspace (no clash with a running platform or test). */
export const serverlessPackager: Packager = async ({ serviceDir, configFile, stage, outDir }) => {
  const packaged = await packageService({ serviceDir, configFile, stage, timeoutMs: 300_000 });
  try {
    await mkdir(path.dirname(outDir), { recursive: true });
    await cp(packaged.packageDir, outDir, { recursive: true });
  } finally {
    await packaged.cleanup();
  }
};

export interface PackageReleaseOptions {
  root: string;
  deployables: readonly Deployable[];
  releaseDir: string;
  commit: string;
  stages?: readonly string[];
  packager?: Packager;
  log?: (line: string) => void;
  now?: () => Date;
}

export const packageRelease = async (options: PackageReleaseOptions): Promise<Manifest> => {
  const { root, releaseDir, commit, stages = PROMOTION, packager = serverlessPackager, log = () => undefined } = options;
  await rm(releaseDir, { recursive: true, force: true });
  const stacks: ManifestStack[] = [];
  for (const deployable of options.deployables) {
    for (const stack of deployable.stacks) {
      const templates: Record<string, string> = {};
      let artifacts: Record<string, string> | undefined;
      let firstStage = '';
      for (const stage of stages) {
        const started = Date.now();
        const outDir = packageDirOf(releaseDir, stage, stack.name);
        await packager({ serviceDir: path.join(root, deployable.dir), configFile: stack.configFile, stage, outDir });
        const built = artifactsIn(outDir);
        templates[stage] = sha256Of(path.join(outDir, TEMPLATE_FILE));
        if (!artifacts) {
          artifacts = built;
          firstStage = stage;
        } else {
          const differing = [...new Set([...Object.keys(artifacts), ...Object.keys(built)])].filter((file) => artifacts![file] !== built[file]);
          if (differing.length > 0) {
            throw new Error(`${stack.name}: ${differing.join(', ')} differ between ${firstStage} and ${stage}: the stages would not run the same code`);
          }
        }
        log(`packaged ${stack.name} for ${stage} (${Object.keys(built).length} zips, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
      stacks.push({ service: deployable.service, dir: deployable.dir, stack: stack.name, configFile: stack.configFile, artifacts: artifacts ?? {}, templates });
    }
  }
  const manifest: Manifest = { schemaVersion: 1, commit, createdAt: (options.now ?? (() => new Date()))().toISOString(), stages: [...stages], stacks };
  await mkdir(releaseDir, { recursive: true });
  await writeFile(path.join(releaseDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
};
