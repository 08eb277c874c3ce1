import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { IncomingMessage } from 'node:http';
import type { RouteMatch } from './router';

export interface EventInput {
  request: IncomingMessage;
  url: URL;
  match: RouteMatch;
  body: Buffer;
  requestId: string;
  stage: string;
  domainName: string;
  authorizer?: Record<string, string>;
}

const TEXT_TYPES = /^(application\/(json|[\w.+-]+\+json|xml|x-www-form-urlencoded)|text\/)/i;

const singleAndMulti = (pairs: [string, string][]) => {
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) {
    single[key] = value; // API Gateway keeps the last value in the single-value map
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
};

/**
 * The Lambda proxy event API Gateway REST sends, for a request that came in through the custom
 * domain: `path` keeps the base path (/v1/catalog/products/1), `resource` is the route template.
 */
export const toProxyEvent = (input: EventInput): APIGatewayProxyEvent => {
  const { request, url, match } = input;
  const headerPairs: [string, string][] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    headerPairs.push([request.rawHeaders[i] ?? '', request.rawHeaders[i + 1] ?? '']);
  }
  const headers = singleAndMulti(headerPairs);
  const query = singleAndMulti([...url.searchParams.entries()]);
  const contentType = request.headers['content-type'] ?? '';
  const isText = input.body.length === 0 || TEXT_TYPES.test(contentType);
  const now = Date.now();
  return {
    resource: match.route.resource,
    path: url.pathname,
    httpMethod: request.method ?? 'GET',
    headers: headers.single ?? {},
    multiValueHeaders: headers.multi ?? {},
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: match.route.paramNames.length > 0 ? match.pathParameters : null,
    stageVariables: null,
    body: input.body.length === 0 ? null : isText ? input.body.toString('utf8') : input.body.toString('base64'),
    isBase64Encoded: !isText,
    requestContext: {
      accountId: '000000000000',
      apiId: `local-${match.route.service}`,
      authorizer: input.authorizer ?? null,
      domainName: input.domainName,
      domainPrefix: input.domainName.split('.')[0] ?? input.domainName,
      extendedRequestId: input.requestId,
      httpMethod: request.method ?? 'GET',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
      path: url.pathname,
      protocol: `HTTP/${request.httpVersion}`,
      requestId: input.requestId,
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      resourceId: match.route.resource,
      resourcePath: match.route.resource,
      stage: input.stage,
    },
  };
};
