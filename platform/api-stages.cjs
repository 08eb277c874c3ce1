'use strict';
// The API stages the usage plans span: every stack of every service of the workspace
// (services/*/serverless.yml and, for a later API version, services/*/serverless.v<N>.yml, docs/adr/0015),
// each by the REST API id its own stack registers in SSM (serverless.base.yml: apiRegistration) under
// its `service:` name. A new service or version is covered with no edit here; redeploy this stack
// after its first deploy.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const SERVICES_DIR = path.join(__dirname, '..', 'services');

const stackNames = () =>
  readdirSync(SERVICES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(SERVICES_DIR, entry.name, 'serverless.yml')))
    .flatMap((entry) => {
      const dir = path.join(SERVICES_DIR, entry.name);
      return readdirSync(dir)
        .filter((file) => file === 'serverless.yml' || /^serverless\.v\d+\.yml$/.test(file))
        .map((file) => {
          const name = /^service:\s*([\w-]+)\s*$/m.exec(readFileSync(path.join(dir, file), 'utf8'))?.[1];
          if (!name) throw new Error(`${path.join(entry.name, file)}: no literal "service: <name>" line`);
          return name;
        });
    })
    .sort();

module.exports.apiStages = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  return stackNames().map((service) => ({ ApiId: `{{resolve:ssm:/emporium/${stage}/rest-apis/${service}}}`, Stage: stage }));
};
