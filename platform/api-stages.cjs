'use strict';
// The API stages the usage plans span: every service of the workspace (services/*/serverless.yml),
// each by the REST API id its own stack registers in SSM (serverless.base.yml: apiRegistration).
// A new service is covered with no edit here; redeploy this stack after its first deploy.
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const SERVICES_DIR = path.join(__dirname, '..', 'services');

const serviceNames = () =>
  readdirSync(SERVICES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(SERVICES_DIR, entry.name, 'serverless.yml')))
    .map((entry) => entry.name)
    .sort();

module.exports.apiStages = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  return serviceNames().map((service) => ({ ApiId: `{{resolve:ssm:/emporium/${stage}/rest-apis/${service}}}`, Stage: stage }));
};
