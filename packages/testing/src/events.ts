import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export interface EventInput {
  method?: string;
  path?: string;
  resource?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: unknown;
  /** Raw body string, sent as is (for malformed JSON tests). */
  rawBody?: string;
  authorizer?: Record<string, string>;
}

/** An API Gateway REST (Lambda proxy) event for handler tests. Objects in `body` are JSON-encoded. */
export const apiEvent = (input: EventInput = {}): APIGatewayProxyEvent => {
  const body = input.rawBody ?? (input.body === undefined ? null : JSON.stringify(input.body));
  const headers = { ...(body !== null ? { 'content-type': 'application/json' } : {}), ...input.headers };
  const method = input.method ?? 'GET';
  const path = input.path ?? '/';
  return {
    resource: input.resource ?? path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      authorizer: input.authorizer ?? null,
      httpMethod: method,
      identity: { sourceIp: '127.0.0.1', userAgent: 'jest' } as APIGatewayProxyEvent['requestContext']['identity'],
      path,
      protocol: 'HTTP/1.1',
      requestId: 'test-request',
      requestTimeEpoch: Date.now(),
      resourceId: 'test',
      resourcePath: input.resource ?? path,
      stage: 'test',
    },
  };
};

/** A Lambda context with a fixed request id and plenty of time left. */
export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:test-function',
  memoryLimitInMB: '512',
  awsRequestId: 'test-request',
  logGroupName: '/aws/lambda/test-function',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  ...overrides,
});
