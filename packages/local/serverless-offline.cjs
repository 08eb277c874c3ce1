'use strict';
// Serverless Framework plugin (listed in serverless.base.yml) for running one service under
// `serverless offline` on a machine with no AWS account (docs/adr/0024). It changes nothing when
// packaging or deploying: it acts only in serverless-offline's own lifecycle.
//
// 1. Local wiring, on a stage whose `custom.offlineWiring.frontDoorUrl` is set (params.local):
//    the functions' environment as the local platform wires it (src/platform.ts): placeholder AWS
//    credentials, DYNAMODB_ENDPOINT on the local engine, every `*_URL` on the stage's domain on the
//    local front door (JWKS_URL: the users service's signing keys, so tokens it issues pass the
//    authorizer; AUTH_ISSUER keeps the domain's name, as the platform's users service signs it),
//    and every `<NAME>_PARAMETER` (an SSM SecureString in AWS) answered as `<NAME>` with the local
//    stand-in of .emporium/keys, the one the platform uses.
// 2. Gateway responses: serverless-offline does not implement AWS::ApiGateway::GatewayResponse
//    (dherault/serverless-offline#623, #1613), so its own answers (no or bad token, missing API key,
//    invalid body, unknown route, a function that crashed) have bodies of its own. Under
//    `serverless offline start` (which gives plugins the init hook), this renders them from the
//    service's own GatewayResponse resources (serverless.gateway-responses.json: the problem+json
//    envelope), with the status and the `$context` values API Gateway would use.
const { randomUUID } = require('node:crypto');
const path = require('node:path');

const GATEWAY_RESPONSE = 'AWS::ApiGateway::GatewayResponse';

/** API Gateway's `$context.error.message` for each response type this plugin renders. */
const MESSAGES = {
  UNAUTHORIZED: 'Unauthorized',
  ACCESS_DENIED: 'User is not authorized to access this resource',
  INVALID_API_KEY: 'Forbidden',
  MISSING_AUTHENTICATION_TOKEN: 'Missing Authentication Token',
  BAD_REQUEST_BODY: 'Invalid request body',
  REQUEST_TOO_LARGE: 'Request Too Large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported Media Type',
  DEFAULT_5XX: 'Internal server error',
};

const headerOf = (headers, name) => {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
};

/**
 * What API Gateway would have answered instead of serverless-offline's own answer to `request`
 * (a response type, its status and message), or undefined when the answer is a function's.
 */
const gatewayAnswerOf = (request) => {
  const response = request.response;
  if (!response) return undefined;
  if (response.isBoom) {
    // Its authorizer step (no Authorization header, the authorizer said Unauthorized or failed:
    // 401; a policy that does not allow the method: 403) and hapi's own refusals.
    const status = response.output.statusCode;
    if (status === 401) return { type: 'UNAUTHORIZED', status };
    if (status === 403) return { type: 'ACCESS_DENIED', status };
    if (status === 404) return { type: 'MISSING_AUTHENTICATION_TOKEN', status };
    if (status === 413) return { type: 'REQUEST_TOO_LARGE', status };
    if (status === 415) return { type: 'UNSUPPORTED_MEDIA_TYPE', status };
    return status >= 500 ? { type: 'DEFAULT_5XX', status: 502 } : { type: 'DEFAULT_4XX', status, message: response.output.payload?.message };
  }
  const status = response.statusCode;
  // Its catch-all route: an unknown method or path (API Gateway: MISSING_AUTHENTICATION_TOKEN).
  if (request.route?.path === '/{p*}' && status === 404) return { type: 'MISSING_AUTHENTICATION_TOKEN', status };
  // A keyed route without a valid x-api-key.
  if (headerOf(response.headers, 'x-amzn-errortype') === 'ForbiddenException') return { type: 'INVALID_API_KEY', status: 403 };
  const source = response.source;
  // Its request validation (the http event's `request.schemas`) and its integration errors.
  if (source && typeof source === 'object' && !Buffer.isBuffer(source) && 'offlineInfo' in source) {
    if (status === 400)
      return { type: 'BAD_REQUEST_BODY', status, validationError: String(source.errorMessage ?? '').replace(/^Request body validation failed: /, '') };
    return { type: 'DEFAULT_5XX', status: 502 };
  }
  // A function that threw or timed out (Lambda's error object; the functions' own 5xx are problem+json).
  if (status === 502 && !String(headerOf(response.headers, 'content-type') ?? '').includes('problem+json')) return { type: 'DEFAULT_5XX', status };
  return undefined;
};

const escaped = (text) => JSON.stringify(String(text)).slice(1, -1);

/**
 * The gateway response of `type` (else DEFAULT_4XX/DEFAULT_5XX) from the stack's resources, rendered
 * as API Gateway renders it: `$context` substitutions in the template, the response parameters as
 * headers. Undefined when the stack declares none.
 */
const renderGatewayResponse = (resources, answer, request) => {
  const responses = Object.values(resources ?? {}).filter((resource) => resource?.Type === GATEWAY_RESPONSE);
  const byType = (type) => responses.find((resource) => resource.Properties?.ResponseType === type);
  const spec = byType(answer.type) ?? byType(answer.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  if (!spec) return undefined;
  const properties = spec.Properties;
  const status = Number(properties.StatusCode ?? answer.status);
  const requestId = randomUUID();
  const message = answer.message ?? MESSAGES[answer.type] ?? MESSAGES[status >= 500 ? 'DEFAULT_5XX' : 'ACCESS_DENIED'];
  const context = {
    '$context.error.messageString': JSON.stringify(message),
    '$context.error.message': escaped(message),
    '$context.error.validationErrorString': escaped(answer.validationError ?? message),
    '$context.error.responseType': escaped(answer.type),
    '$context.status': String(status),
    '$context.path': escaped(request.path),
    '$context.requestId': escaped(requestId),
  };
  const template = properties.ResponseTemplates?.['application/json'] ?? '';
  const body = template.replace(/\$context(?:\.[A-Za-z]+)+/g, (variable) => context[variable] ?? '');
  const headers = { 'X-Amzn-RequestId': requestId };
  for (const [parameter, value] of Object.entries(properties.ResponseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(parameter)?.[1];
    if (!name || typeof value !== 'string') continue;
    const literal = /^'(.*)'$/.exec(value);
    const fromRequest = /^method\.request\.header\.(.+)$/.exec(value);
    const resolved = literal ? literal[1] : fromRequest ? request.headers[fromRequest[1].toLowerCase()] : undefined;
    if (resolved !== undefined) headers[name] = resolved;
  }
  return { status, headers, body };
};

/** `*_URL` values on `https://<domain>` move to the front door, as the local platform does. */
const onFrontDoor = (environment, domain, frontDoorUrl) => {
  if (!environment || !domain) return;
  const prefix = `https://${domain}`;
  for (const [key, value] of Object.entries(environment)) {
    if (key.endsWith('_URL') && typeof value === 'string' && value.startsWith(prefix))
      environment[key] = frontDoorUrl.replace(/\/+$/, '') + value.slice(prefix.length);
  }
};

class EmporiumServerlessOffline {
  constructor(serverless, options, { log } = {}) {
    this.serverless = serverless;
    this.log = log ?? { notice: console.log, warning: console.warn };
    this.hooks = {
      // `serverless offline` and `serverless offline start`: each runs one of the two.
      'before:offline:start': () => this.wireLocally().then(() => this.noticePlainCommand()),
      'before:offline:start:init': () => this.wireLocally(),
      'after:offline:start:init': () => this.renderGatewayResponses(),
    };
  }

  async wireLocally() {
    const service = this.serverless.service;
    const wiring = service.custom?.offlineWiring ?? {};
    if (!wiring.frontDoorUrl) return;
    const provider = service.provider;
    provider.environment = { ...provider.environment, ...wiring.environment };
    if (wiring.dynamodbEndpoint) provider.environment.DYNAMODB_ENDPOINT = wiring.dynamodbEndpoint;
    const environments = [provider.environment, ...service.getAllFunctions().map((name) => service.getFunction(name).environment)];
    const domain = service.custom?.customDomain?.domainName;
    for (const environment of environments) onFrontDoor(environment, domain, wiring.frontDoorUrl);
    const parameters = environments.flatMap((environment) => Object.entries(environment ?? {}).filter(([key]) => key.endsWith('_PARAMETER')));
    if (parameters.length > 0) {
      // Inline, not through the Parameters and Secrets extension: serverless-offline runs functions
      // without their layers, so nothing emulates the extension here (the platform does, src/runtime/
      // parameters-extension.ts); loadSecret takes `<NAME>` when it is set.
      // Bundled only when a function reads a secret (TypeScript, shared with the platform).
      const { loadTypeScript } = require('@emporium/common/load-typescript');
      const { localSecret } = loadTypeScript(path.join(__dirname, 'src', 'config', 'local-secrets.ts'), module);
      for (const environment of environments) {
        for (const [key, parameter] of Object.entries(environment ?? {})) {
          if (key.endsWith('_PARAMETER')) environment[key.slice(0, -'_PARAMETER'.length)] = await localSecret(String(parameter));
        }
      }
    }
    this.log.notice(
      `Local wiring (docs/adr/0024): DynamoDB ${wiring.dynamodbEndpoint}, ${domain ? `https://${domain}` : 'the stage domain'} on ${wiring.frontDoorUrl}, placeholder AWS credentials`,
    );
    const jwksUrl = provider.environment.JWKS_URL;
    if (typeof jwksUrl === 'string') this.checkSigningKeys(jwksUrl);
  }

  /** Not awaited: says early why every protected route would answer 401 (the keys are fetched per token). */
  checkSigningKeys(jwksUrl) {
    const hint = `the users service's signing keys are not reachable (yet) at ${jwksUrl}: protected routes answer 401 while the local platform is not running there (pnpm start --only <service>; docs/adr/0024)`;
    fetch(jwksUrl, { signal: AbortSignal.timeout(3000) })
      .then((response) => {
        if (!response.ok) this.log.warning(`${hint} (HTTP ${response.status})`);
      })
      .catch(() => this.log.warning(hint));
  }

  noticePlainCommand() {
    this.log.notice(
      'Gateway answers (no token, no API key, invalid body, unknown route) use the problem+json envelope under `serverless offline start` (pnpm dev), not `serverless offline` (docs/adr/0024).',
    );
  }

  renderGatewayResponses() {
    const offline = this.serverless.pluginManager.plugins.find((plugin) => plugin?.constructor?.name === 'ServerlessOffline');
    // serverless-offline exposes its hapi server only through internals() (pinned 14.8.2).
    const server = typeof offline?.internals === 'function' ? offline.internals().getApiGatewayServer?.() : undefined;
    if (!server || typeof server.ext !== 'function') {
      this.log.warning('serverless-offline no longer exposes its server: its own answers keep its bodies, not the problem+json envelope (docs/adr/0024).');
      return;
    }
    const resources = this.serverless.service.resources?.Resources;
    server.ext('onPreResponse', (request, h) => {
      const answer = gatewayAnswerOf(request);
      const rendered = answer && renderGatewayResponse(resources, answer, request);
      if (!rendered) return h.continue;
      const response = h.response(rendered.body).code(rendered.status);
      for (const [name, value] of Object.entries(rendered.headers)) response.header(name, value);
      return response;
    });
  }
}

module.exports = EmporiumServerlessOffline;
module.exports.gatewayAnswerOf = gatewayAnswerOf;
module.exports.renderGatewayResponse = renderGatewayResponse;
