import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toProxyEvent } from './api-event';
import type { GatewayAuthorizer } from './gateway-authorizer';
import type { LocalFunction } from './lambda-runtime';
import { FunctionTimeoutError } from './lambda-runtime';
import { PlatformError } from './platform-error';
import type { RouteMatch, Router } from './router';
import type { StageCache } from './stage-cache';

/** API Gateway's own payload limit. Handlers enforce their smaller per-route limits. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const PROBLEM_BASE = 'https://emporium.example.com/problems/';

export interface MountedService {
  name: string;
  region: string;
  /** Authorizers by function name, for routes that declare `authorizer`. */
  authorizers: Map<string, GatewayAuthorizer>;
  basePath: string;
  router: Router;
  functions: Map<string, LocalFunction>;
  corsHeaders: string[];
}

export interface FrontDoorOptions {
  port: number;
  host: string;
  stage: string;
  services: MountedService[];
  cache: StageCache;
  accessLog: boolean;
}

export interface FrontDoor {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Reply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Gateway-made errors in the platform's one envelope (the GatewayResponses do the same in AWS). */
const gatewayProblem = (status: number, title: string, code: string, detail: string, requestId: string, instance: string): Reply => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' },
  body: Buffer.from(
    JSON.stringify({ type: PROBLEM_BASE + code.toLowerCase().replace(/_/g, '-'), title, status, detail, code, instance, requestId }),
  ),
});

class BodyTooLargeError extends Error {}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        reject(new BodyTooLargeError());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** Converts a Lambda proxy result to an HTTP reply; a malformed one is a 502, as in API Gateway. */
const fromProxyResult = (result: APIGatewayProxyResult | undefined, requestId: string, instance: string): Reply => {
  if (!result || typeof result.statusCode !== 'number') {
    return gatewayProblem(502, 'Bad Gateway', 'MALFORMED_LAMBDA_RESPONSE', 'The function returned a malformed proxy response.', requestId, instance);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(result.headers ?? {})) headers[key.toLowerCase()] = String(value);
  for (const [key, values] of Object.entries(result.multiValueHeaders ?? {})) headers[key.toLowerCase()] = values.map(String);
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
};

const corsPreflight = (service: MountedService, allowed: string[]): Reply => ({
  statusCode: 204,
  headers: {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': [...allowed, 'OPTIONS'].join(','),
    'access-control-allow-headers': service.corsHeaders.join(','),
    'access-control-max-age': '600',
  },
  body: Buffer.alloc(0),
});

/**
 * The one front door on :3000: mounts every service at its custom-domain base path, routes to its
 * functions with API Gateway's proxy event, and does what the gateway does around them (CORS
 * preflight, stage cache, error envelope for unknown routes, payload limit, timeouts).
 */
export const startFrontDoor = async (options: FrontDoorOptions): Promise<FrontDoor> => {
  const { services, cache, stage } = options;

  /** Runs the route's authorizer like API Gateway; returns the gateway's error reply, if any. */
  const authorize = async (service: MountedService, match: RouteMatch, event: APIGatewayProxyEvent, requestId: string, instance: string): Promise<Reply | undefined> => {
    const config = match.route.http.authorizer;
    if (!config) return undefined;
    const name = typeof config === 'string' ? config : (config as { name?: string }).name ?? '';
    const authorizer = service.authorizers.get(name);
    if (!authorizer) {
      return gatewayProblem(500, 'Internal Server Error', 'AUTHORIZER_CONFIGURATION_ERROR', `No authorizer function named ${name}.`, requestId, instance);
    }
    const header = Object.entries(event.headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
    const methodArn = `arn:aws:execute-api:${service.region}:000000000000:${event.requestContext.apiId}/${stage}/${event.httpMethod}${event.path.slice(service.basePath.length)}`;
    const outcome = await authorizer.authorize(header, methodArn);
    switch (outcome.kind) {
      case 'allow':
        event.requestContext.authorizer = outcome.context;
        return undefined;
      case 'unauthorized': {
        const reply = gatewayProblem(401, 'Unauthorized', 'UNAUTHORIZED', 'A valid bearer token is required', requestId, instance);
        reply.headers['www-authenticate'] = 'Bearer';
        return reply;
      }
      case 'denied':
        return gatewayProblem(403, 'Forbidden', 'FORBIDDEN', 'Not allowed', requestId, instance);
      case 'failed':
        return gatewayProblem(500, 'Internal Server Error', 'AUTHORIZER_FAILURE', 'The authorizer failed; see the platform log.', requestId, instance);
    }
  };

  const invoke = async (service: MountedService, match: RouteMatch, request: IncomingMessage, url: URL, body: Buffer, requestId: string): Promise<{ reply: Reply; cached: boolean | undefined }> => {
    const fn = service.functions.get(match.route.functionName);
    if (!fn) throw new Error(`No function ${match.route.functionName}`);
    const event = toProxyEvent({ request, url, match, body, requestId, stage, domainName: request.headers.host ?? 'localhost' });
    const denied = await authorize(service, match, event, requestId, url.pathname);
    if (denied) return { reply: denied, cached: undefined };
    const cacheKey = cache.keyFor(match.route, event);
    const hit = cacheKey !== undefined ? cache.get(cacheKey) : undefined;
    if (hit) return { reply: hit, cached: true };
    let reply: Reply;
    try {
      reply = fromProxyResult((await fn.invoke(event)) as APIGatewayProxyResult | undefined, requestId, url.pathname);
    } catch (error) {
      if (error instanceof FunctionTimeoutError) {
        // A Lambda timeout is a failed invocation: API Gateway answers 502.
        reply = gatewayProblem(502, 'Bad Gateway', 'FUNCTION_TIMEOUT', `The function did not answer within ${fn.timeoutSeconds}s.`, requestId, url.pathname);
      } else {
        console.error(`[${service.name}.${fn.name}] invocation failed:`, error);
        reply = gatewayProblem(502, 'Bad Gateway', 'FUNCTION_ERROR', 'The function failed; see the platform log.', requestId, url.pathname);
      }
    }
    if (cacheKey !== undefined && reply.statusCode === 200) cache.set(cacheKey, reply);
    if (event.httpMethod !== 'GET' && reply.statusCode < 400) cache.flushService(service.name);
    return { reply, cached: cacheKey !== undefined ? false : undefined };
  };

  const handle = async (request: IncomingMessage): Promise<{ reply: Reply; cached?: boolean }> => {
    const requestId = randomUUID();
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return { reply: gatewayProblem(400, 'Bad Request', 'MALFORMED_REQUEST_TARGET', 'The request target is not a valid path.', requestId, '/') };
    }
    const method = (request.method ?? 'GET').toUpperCase();
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return { reply: gatewayProblem(413, 'Payload Too Large', 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes.`, requestId, url.pathname) };
      }
      throw error;
    }
    try {
      decodeURIComponent(url.pathname);
    } catch {
      return { reply: gatewayProblem(400, 'Bad Request', 'MALFORMED_PATH', 'The request path has an invalid percent-encoding.', requestId, url.pathname) };
    }
    if (url.pathname === '/' && method === 'GET') {
      const index = services.map((s) => ({ service: s.name, basePath: s.basePath }));
      return { reply: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ stage, services: index })) } };
    }
    const service = services.find((s) => url.pathname === s.basePath || url.pathname.startsWith(`${s.basePath}/`));
    const notFound = () => gatewayProblem(404, 'Not Found', 'ROUTE_NOT_FOUND', `No route for ${method} ${url.pathname}.`, requestId, url.pathname);
    if (!service) return { reply: notFound() };
    const { match, allowed } = service.router.match(method, url.pathname.slice(service.basePath.length) || '/');
    if (method === 'OPTIONS' && allowed.length > 0) return { reply: corsPreflight(service, allowed) };
    if (!match) {
      if (allowed.length === 0) return { reply: notFound() };
      const reply = gatewayProblem(405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', `${method} is not supported here; use ${allowed.join(', ')}.`, requestId, url.pathname);
      reply.headers['allow'] = allowed.join(', ');
      return { reply };
    }
    return invoke(service, match, request, url, body, requestId);
  };

  const server = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    const started = process.hrtime.bigint();
    handle(request)
      .catch((error: unknown) => {
        console.error('front door error:', error);
        return { reply: gatewayProblem(500, 'Internal Server Error', 'INTERNAL', 'The local gateway failed; see its log.', randomUUID(), request.url ?? '/'), cached: undefined };
      })
      .then(({ reply, cached }) => {
        const headers: Record<string, string | string[]> = { ...reply.headers, 'content-length': String(reply.body.length) };
        if (cached !== undefined) headers['x-cache'] = cached ? 'Hit from gateway' : 'Miss from gateway';
        response.writeHead(reply.statusCode, headers);
        response.end(request.method === 'HEAD' ? undefined : reply.body);
        if (options.accessLog) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          console.log(`${request.method} ${request.url} -> ${reply.statusCode} ${ms.toFixed(1)}ms${cached ? ' (cache)' : ''}`);
        }
      })
      .catch((error: unknown) => console.error('front door could not answer:', error));
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PlatformError(`Port ${options.port} is already in use: stop what uses it or pass --port <n>.`)
          : error,
      );
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
