import { randomUUID } from 'node:crypto';
import { callerRequestId, REQUEST_ID_HEADER } from '@emporium/common/http/request-id';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PortalDocument } from '../docs/portal';
import { portalStep } from '../docs/portal';
import { PlatformError } from '../platform-error';
import type { Exchange, MountedService, Step } from './pipeline';
import { runPipeline } from './pipeline';
import type { Reply } from './reply';
import { gatewayProblem, LOCAL_GATEWAY_PROBLEMS } from './reply';
import type { StageCache } from './stage-cache';
import type { ApiKeyStore } from '../api-management/store';
import { apiKeyStep } from './steps/api-key';
import { authorizeStep } from './steps/authorize';
import { clientRateStep } from './steps/client-rate';
import { integrationStep } from './steps/integration';
import { platformIndexStep } from './steps/platform-index';
import { routeStep } from './steps/route';
import { stageCacheStep } from './steps/stage-cache';
import { throttleStep } from './steps/throttle';
import { Buckets } from './throttle/token-bucket';
import { validateStep } from './steps/validate';
import { faultRulesStep } from './steps/fault-rules';
import { schedulesStep } from './steps/schedules';
import type { LocalScheduler } from '../runtime/scheduler';
import type { FaultControl } from '../engine/faults';
import type { LocalConsole } from '../console/console';
import * as PROBLEMS from '@emporium/common/problems';

/** API Gateway's own payload limit. Handlers enforce their smaller per-route limits. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** Headers larger than this are refused (431), as by API Gateway's front end. */
const MAX_HEADER_BYTES = 16 * 1024;

export type { MountedService } from './pipeline';

export interface FrontDoorOptions {
  port: number;
  host: string;
  stage: string;
  services: MountedService[];
  cache: StageCache;
  accessLog: boolean;
  /** Enforce the stage's throttling and per-client rate rules (off only for benchmarks of the handler path). */
  throttle: boolean;
  /** API keys and usage plans (undefined: no platform stack; keyed routes refuse every request). */
  apiKeys: () => ApiKeyStore | undefined;
  /** The API key the docs portal tries keyed routes with (the local web app's). */
  portalApiKey?: () => string | undefined;
  /** The API documents for the docs portal (read when the portal loads). */
  documents: () => readonly PortalDocument[];
  /** Base paths of the services still starting: their routes answer 503 with Retry-After, not 404. */
  starting?: () => readonly string[];
  /** The scheduled functions, listed and run on demand at /_emporium/schedules (undefined while starting). */
  schedules?: () => LocalScheduler | undefined;
  /** The engine's fault rules, served at /_emporium/faults (docs/adr/0020). */
  faults?: () => FaultControl | undefined;
  /** The local console (docs/adr/0019): its page and JSON API, and a record of every answer. */
  console?: Pick<LocalConsole, 'step' | 'record'>;
}

export interface FrontDoor {
  url: string;
  port: number;
  close(): Promise<void>;
}

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

/** An envelope written straight to the socket, for errors Node's HTTP parser raises before a request exists. */
const rawReply = (socket: Duplex, reply: Reply, reason: string): void => {
  if (!socket.writable) return;
  const head = [
    `HTTP/1.1 ${reply.statusCode} ${reason}`,
    ...Object.entries(reply.headers).map(([k, v]) => `${k}: ${String(v)}`),
    `content-length: ${reply.body.length}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${reply.body.toString()}`);
};

/**
 * The one front door on :3000: mounts every service at its custom-domain base path and runs each
 * request through API Gateway's pipeline (pipeline.ts), one step a module in gateway/steps/, with
 * the platform's own pages (the index, the docs portal) in front.
 */
export const startFrontDoor = async (options: FrontDoorOptions): Promise<FrontDoor> => {
  const { services, cache, stage } = options;
  const buckets = new Buckets();
  // The steps in API Gateway's order (pipeline.ts); services are mounted after the front door
  // listens (functions need its URL), so steps that read them look them up per request.
  const steps: readonly Step[] = [
    faultRulesStep(options.faults ?? (() => undefined)), // before the console, which owns the rest of /_emporium
    schedulesStep(options.schedules ?? (() => undefined)),
    ...(options.console ? [options.console.step] : []),
    platformIndexStep(stage, services),
    portalStep(options.documents, options.portalApiKey ?? (() => undefined)),
    ...(options.throttle ? [clientRateStep(() => services.flatMap((service) => service.clientRateRules))] : []),
    routeStep(services, (exchange) => exchange.request.headers.host ?? 'localhost', options.starting ?? (() => [])),
    apiKeyStep(options.apiKeys),
    authorizeStep(stage),
    throttleStep(buckets, options.apiKeys, { throttle: options.throttle }),
    validateStep(),
    stageCacheStep(cache),
    integrationStep(cache),
  ];

  const handle = async (request: IncomingMessage, requestId: string): Promise<{ reply: Reply; cached?: boolean; exchange?: Exchange }> => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return {
        reply: gatewayProblem(LOCAL_GATEWAY_PROBLEMS.MALFORMED_REQUEST_TARGET, 'The request target is not a valid path.', { requestId, instance: '/' }),
      };
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return {
          reply: gatewayProblem(PROBLEMS.PAYLOAD_TOO_LARGE, `Request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes.`, { requestId, instance: url.pathname }),
        };
      }
      throw error;
    }
    const exchange: Exchange = { request, url, method: (request.method ?? 'GET').toUpperCase(), body, requestId, stage };
    const reply = await runPipeline(steps, exchange);
    return { reply, exchange, ...(exchange.cached !== undefined ? { cached: exchange.cached } : {}) };
  };

  const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  /** The stack a request was for: the routed one, else the one mounted at its base path (a 404 there). */
  const mountedAt = (exchange: Exchange | undefined) =>
    exchange?.service ?? services.find((s) => exchange && (exchange.url.pathname === s.basePath || exchange.url.pathname.startsWith(`${s.basePath}/`)));

  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request: IncomingMessage, response: ServerResponse) => {
    const started = process.hrtime.bigint();
    // The gateway's id of this call (API Gateway's $context.requestId), on every answer as
    // X-Amzn-RequestId, as API Gateway does; cached answers and the gateway's own included.
    const requestId = randomUUID();
    handle(request, requestId)
      .catch((error: unknown) => {
        console.error('front door error:', error);
        const reply = gatewayProblem(LOCAL_GATEWAY_PROBLEMS.INTERNAL, 'The local gateway failed; see its log.', { requestId, instance: request.url ?? '/' });
        return { reply, cached: undefined, exchange: undefined };
      })
      .then(({ reply, cached, exchange }) => {
        const headers: Record<string, string | string[]> = { ...reply.headers, 'content-length': String(reply.body.length), 'x-amzn-requestid': requestId };
        // A gateway answer echoes the caller's X-Request-Id (serverless.gateway-responses.json maps
        // it in AWS); a function's answer carries its own.
        const callerId = reply.gateway ? callerRequestId(headerValue(request.headers[REQUEST_ID_HEADER])) : undefined;
        if (callerId) headers[REQUEST_ID_HEADER] = callerId;
        // A gateway answer carries its stack's static gateway-response headers (a deprecated version's).
        if (reply.gateway) Object.assign(headers, mountedAt(exchange)?.gatewayHeaders);
        if (cached !== undefined) headers['x-cache'] = cached ? 'Hit from gateway' : 'Miss from gateway';
        response.writeHead(reply.statusCode, headers);
        response.end(request.method === 'HEAD' ? undefined : reply.body);
        // The answer is known (cached, throttled and gateway-made ones included): the console records it.
        options.console?.record(request, requestId, reply, Number(process.hrtime.bigint() - started) / 1e6, exchange);
        if (options.accessLog) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          console.log(`${request.method} ${request.url} -> ${reply.statusCode} ${ms.toFixed(1)}ms${cached ? ' (cache)' : ''}`);
        }
      })
      .catch((error: unknown) => console.error('front door could not answer:', error));
  });
  server.keepAliveTimeout = 65_000;
  // Errors Node's parser raises before there is a request (headers too large, a request too slow,
  // bytes that are not HTTP) are answered in the envelope too, never as a bare status.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const context = { requestId: randomUUID(), instance: '/' };
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      rawReply(
        socket,
        gatewayProblem(LOCAL_GATEWAY_PROBLEMS.HEADERS_TOO_LARGE, `Request headers are limited to ${MAX_HEADER_BYTES} bytes.`, context),
        'Request Header Fields Too Large',
      );
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      rawReply(socket, gatewayProblem(LOCAL_GATEWAY_PROBLEMS.REQUEST_TIMEOUT, 'The request was not received in time.', context), 'Request Timeout');
    } else {
      rawReply(socket, gatewayProblem(LOCAL_GATEWAY_PROBLEMS.MALFORMED_REQUEST, 'The request is not valid HTTP.', context), 'Bad Request');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PlatformError(`Port ${options.port} is already in use: stop what uses it or pass --port <n>.`) : error);
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
