/**
 * What the workspace deploys: every service folder's stacks (serverless.yml, then one
 * serverless.v<N>.yml per later API version, docs/adr/0015) and the platform stack, in deploy order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Stack {
  /** The stack's `service:` name: `catalog`, `catalog-v2`, `emporium-platform`. */
  name: string;
  /** Its serverless file in the folder. */
  configFile: string;
}

export interface Deployable {
  /** The service folder's name (`catalog`), or `platform` for the platform stack. */
  service: string;
  /** The folder, relative to the workspace root: `services/catalog`, `platform`. */
  dir: string;
  /** In deploy order: the stack that owns the table first. */
  stacks: Stack[];
}

/** The platform stack's folder: deployed after every service (its usage plans read their API ids). */
export const PLATFORM = 'platform';

const stackName = (file: string): string => {
  const name = /^service:\s*([\w-]+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!name) throw new Error(`${file}: no literal "service: <name>" line`);
  return name;
};

const versionOf = (file: string): number => Number(/^serverless\.v(\d+)\.yml$/.exec(file)?.[1] ?? 1);

/** The stacks of one folder: serverless.yml first, then serverless.v<N>.yml by version. */
export const stacksOf = (dir: string): Stack[] => {
  if (!existsSync(path.join(dir, 'serverless.yml'))) return [];
  const files = readdirSync(dir)
    .filter((file) => file === 'serverless.yml' || /^serverless\.v\d+\.yml$/.test(file))
    .sort((a, b) => versionOf(a) - versionOf(b));
  return files.map((configFile) => ({ name: stackName(path.join(dir, configFile)), configFile }));
};

/** Every deployable of the workspace: the services by name, then the platform stack. */
export const deployables = (root: string): Deployable[] => {
  const services = readdirSync(path.join(root, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'services', entry.name, 'serverless.yml')))
    .map((entry) => entry.name)
    .sort()
    .map((service) => ({ service, dir: `services/${service}`, stacks: stacksOf(path.join(root, 'services', service)) }));
  const platform = existsSync(path.join(root, PLATFORM, 'serverless.yml'))
    ? [{ service: PLATFORM, dir: PLATFORM, stacks: stacksOf(path.join(root, PLATFORM)) }]
    : [];
  return [...services, ...platform];
};

/** The deployables named, in deploy order; an unknown name is an error that lists the known ones. */
export const selectDeployables = (root: string, names: readonly string[]): Deployable[] => {
  const all = deployables(root);
  const unknown = names.filter((name) => !all.some((d) => d.service === name));
  if (unknown.length > 0) throw new Error(`Unknown service ${unknown.join(', ')}: the workspace has ${all.map((d) => d.service).join(', ')}`);
  return all.filter((d) => names.includes(d.service));
};
