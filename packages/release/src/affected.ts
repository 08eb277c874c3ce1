/**
 * Which services a change affects, by turbo's own package graph: `turbo ls --filter ...[<base>]`
 * lists the packages changed since `base` and every package that depends on them. A change in
 * packages/common reaches every service; one in services/orders only orders; one in catalog's
 * contract catalog and orders (which calls catalog with it); a change to a file every package
 * depends on (turbo.json globalDependencies: serverless.base.yml...) reaches them all.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { deployables } from './stacks';

interface TurboLs {
  packages: { items: { name: string; path: string }[] };
}

const turboBin = (root: string) => path.join(root, 'node_modules', '.bin', 'turbo');

/** The workspace packages (folders relative to root) changed since `base` or depending on a changed one. */
export const affectedPackages = (root: string, base: string, turbo = turboBin(root)): string[] => {
  const output = execFileSync(turbo, ['ls', '--filter', `...[${base}]`, '--output', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const json = output.slice(output.indexOf('{'));
  return (JSON.parse(json) as TurboLs).packages.items.map((item) => item.path.split(path.sep).join('/'));
};

/** The deployables (service folders, the platform stack) whose package is affected since `base`. */
export const affectedServices = (root: string, base: string, turbo?: string): string[] => {
  const packages = new Set(affectedPackages(root, base, turbo));
  return deployables(root)
    .filter((deployable) => packages.has(deployable.dir))
    .map((deployable) => deployable.service);
};
