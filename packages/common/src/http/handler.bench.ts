// Built by packages/local/bench/functions.mjs (pnpm bench:functions) with the packaging
// settings: the shared handler wrapper and a bare handler doing the same work, for the warm
// per-invocation cost of the wrapper (docs/adr/0022). Both validate the path parameter with the
// same zod schema and answer the same JSON body.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { httpHandler } from './handler';
import { defineRoute } from './route';
import { parseWith } from './validation';

const params = z.strictObject({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)) });
const thing = z.object({ id: z.string(), name: z.string() });

const route = defineRoute({
  operationId: 'getThing',
  method: 'GET',
  path: '/things/{id}',
  summary: 'Get a thing',
  tags: ['Things'],
  cache: 'public',
  request: { params },
  responses: { 200: { description: 'The thing', body: thing } },
});

const work = (id: string) => ({ id, name: 'A thing' });

export const wrapped = httpHandler(route, ({ params: { id } }) => Promise.resolve({ body: work(id) }));

export const bare = (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { id } = parseWith(params, event.pathParameters ?? {}, 'path');
  return Promise.resolve({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(work(id)) });
};

export const event = {
  resource: '/things/{id}',
  path: '/v1/things/01JF3Z8X6M4Q2W9RZK7T5B1C0D',
  httpMethod: 'GET',
  headers: { accept: 'application/json' },
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: { id: '01JF3Z8X6M4Q2W9RZK7T5B1C0D' },
  stageVariables: null,
  requestContext: {
    requestId: 'bench-request',
    resourcePath: '/things/{id}',
    httpMethod: 'GET',
    path: '/local/things/01JF3Z8X6M4Q2W9RZK7T5B1C0D',
    stage: 'local',
    identity: { sourceIp: '127.0.0.1' },
  },
  body: null,
  isBase64Encoded: false,
} as unknown as APIGatewayProxyEvent;
