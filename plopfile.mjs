// `pnpm new-service <name>`: a new service from the platform's conventions (plop generator).
// Templates are in templates/service (Handlebars); the result is a working service: serverless.yml
// on the base config, a contract package, two routes with handlers, a table, unit, integration,
// end-to-end, infrastructure and contract tests that pass, a README and a CODEOWNERS line. The local
// platform mounts it and the platform stack's usage plans cover it with no other edit.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A service name: lowercase words joined by hyphens, short enough for `<name>-<stage>-<function>` Lambda names. */
export const validateServiceName = (name) => {
  if (!NAME.test(name)) return 'Use lowercase letters and digits, words joined by "-" (e.g. reviews, gift-cards).';
  if (name.length > 20) return 'At most 20 characters (Lambda names are <service>-<stage>-<function>, 64 at most).';
  if (existsSync(path.join(ROOT, 'services', name))) return `services/${name} exists already.`;
  return true;
};

const run = (command, args) => execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });

export default function generators(plop) {
  plop.setGenerator('service', {
    description: 'a new service from the platform conventions',
    prompts: [{ type: 'input', name: 'name', message: 'Service name (e.g. reviews):', validate: validateServiceName }],
    actions: [
      {
        type: 'addMany',
        destination: 'services/{{name}}',
        base: 'templates/service',
        templateFiles: 'templates/service/**/*',
        stripExtensions: ['hbs'],
        globOptions: { dot: true },
      },
      // Its owning team, after the last service line of CODEOWNERS.
      ({ name }) => {
        const file = path.join(ROOT, '.github', 'CODEOWNERS');
        const lines = readFileSync(file, 'utf8').split('\n');
        const last = lines.map((line) => line.startsWith('/services/')).lastIndexOf(true);
        lines.splice(last + 1, 0, `/services/${name}/`.padEnd(21) + `@emporium/team-${name}`);
        writeFileSync(file, lines.join('\n'));
        return `.github/CODEOWNERS: /services/${name}/ @emporium/team-${name}`;
      },
      // Link the new packages, generate the OpenAPI document and gateway models from the contract,
      // and record v1 as released (the breaking-change baseline; re-release freely until the first deploy).
      ({ name }) => {
        // The lockfile gains the new packages (pnpm freezes it by default on CI).
        run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
        run('pnpm', ['--filter', `@emporium/${name}`, 'run', 'generate']);
        run('pnpm', ['--filter', `@emporium/${name}`, 'exec', 'emporium-openapi', 'release']);
        // In the repository's format (`pnpm format:check` is part of `pnpm test`); openapi/ is left as generated.
        run('pnpm', ['exec', 'prettier', '--write', '--log-level', 'warn', `services/${name}`]);
        return `services/${name}: installed, openapi/ generated and released, formatted; try pnpm --filter @emporium/${name} test`;
      },
    ],
  });
}
