import * as PROBLEMS from '@emporium/common/problems';
import { defineProblem } from '@emporium/common/http/problem';
import { callerRequestId, REQUEST_ID_HEADER } from '@emporium/common/http/request-id';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyStore } from '../api-management/store';
import type { Exchange, MountedService, Step } from '../gateway/pipeline';
import { problemContext } from '../gateway/pipeline';
import type { Reply } from '../gateway/reply';
import { gatewayProblem, jsonReply, LOCAL_GATEWAY_PROBLEMS } from '../gateway/reply';
import type { StageCache } from '../gateway/stage-cache';
import { PlatformError } from '../platform-error';
import type { ConsoleSources } from './console-api';
import { keysView, metricsView, requestsView, servicesView, traceView } from './console-api';
import { consolePage } from './console-page';
import type { LogCapture } from './log-capture';
import { CACHE_HIT, CACHE_MISS, CACHE_NONE, emptyFacts, RECENT_CAPACITY, RequestRecorder } from './request-recorder';

/** Where the console is served unless `--console-path` says otherwise. */
export const DEFAULT_CONSOLE_PATH = '/_emporium';
/** The platform's own paths (the console, the engine's fault rules): never recorded as API traffic. */
const PLATFORM_PREFIX = '/_emporium/';

export const CONSOLE_PROBLEMS = {
  REQUEST_NOT_FOUND: defineProblem({
    code: 'REQUEST_NOT_FOUND',
    status: 404,
    title: 'Not Found',
    description: 'No request with this id (X-Amzn-RequestId or X-Request-Id) is among the requests and log lines the console still keeps.',
  }),
} as const;

/**
 * A path for the console: `/name` or `/a/b`, letters, digits and `._~-`, not under a versioned
 * base path (`/v1/...`, where services are mounted) nor the docs portal's.
 */
export const consolePathOf = (value: string): string => {
  const path = value.replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(path)) throw new PlatformError(`--console-path takes a path such as /_emporium, got "${value}".`);
  const first = path.split('/')[1] ?? '';
  if (/^v\d+$/.test(first) || first === 'docs')
    throw new PlatformError(`--console-path ${path} would hide the services or the docs portal: pick another (default ${DEFAULT_CONSOLE_PATH}).`);
  return path;
};

export interface ConsoleOptions {
  /** Where it is served (consolePathOf). */
  path: string;
  stage: string;
  /** The mounted services (the platform's array: services mounted later appear). */
  services: readonly MountedService[];
  cache: StageCache;
  apiKeys: () => ApiKeyStore | undefined;
  /** The functions' log lines (undefined: not captured). */
  capture?: LogCapture;
  clock?: () => number;
  recentCapacity?: number;
}

/** The local console as the front door mounts it: one step for its page and API, one call per answered request. */
export interface LocalConsole {
  path: string;
  /** Serves the page and the JSON API under `path`; the first step of the front door. */
  step: Step;
  /**
   * Records one answered request (the front door calls it once per answer, cached, throttled and
   * gateway-made ones included); `exchange` is undefined when the request failed before it had one.
   */
  record(request: IncomingMessage, requestId: string, reply: Reply, durationMs: number, exchange: Exchange | undefined): void;
  recorder: RequestRecorder;
}

const NO_STORE = { 'cache-control': 'no-store' };

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The service and route of a request the gateway answered before its route step (a per-client 429) or without a route (404, 405). */
const locate = (services: readonly MountedService[], method: string, pathname: string) => {
  const service = services.find((s) => pathname === s.basePath || pathname.startsWith(`${s.basePath}/`));
  if (!service) return { service: undefined, route: undefined };
  let route;
  try {
    route = service.router.match(method, pathname.slice(service.basePath.length) || '/').match?.route;
  } catch {
    route = undefined;
  }
  return { service, route };
};

export const createConsole = (options: ConsoleOptions): LocalConsole => {
  const clock = options.clock ?? Date.now;
  const recorder = new RequestRecorder(clock, options.recentCapacity ?? RECENT_CAPACITY);
  const sources: ConsoleSources = {
    stage: options.stage,
    services: options.services,
    cache: options.cache,
    recorder,
    capture: options.capture,
    apiKeys: options.apiKeys,
    clock,
  };
  const base = options.path;
  const api = `${base}/api/`;
  /** Requests the console answered itself: not recorded (its page polls every 2 s). */
  const own = new WeakSet<Exchange>();
  /** Filled per request and copied by the recorder: recording allocates nothing. */
  const facts = emptyFacts();

  const answer = (exchange: Exchange): Reply => {
    const { pathname } = exchange.url;
    const context = problemContext(exchange);
    if (exchange.method !== 'GET' && exchange.method !== 'HEAD') {
      return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.METHOD_NOT_ALLOWED, `The console only reads: use GET, not ${exchange.method}.`, context, {
        allow: 'GET, HEAD',
      });
    }
    if (pathname === base || pathname === `${base}/`) {
      return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...NO_STORE }, body: Buffer.from(consolePage(base, options.stage)) };
    }
    const endpoint = pathname.startsWith(api) ? pathname.slice(api.length) : undefined;
    switch (endpoint) {
      case 'services':
        return jsonReply(200, servicesView(sources), NO_STORE);
      case 'metrics':
        return jsonReply(200, metricsView(sources), NO_STORE);
      case 'keys':
        return jsonReply(200, keysView(sources), NO_STORE);
      case 'requests': {
        const given = exchange.url.searchParams.get('limit');
        const limit = given === null ? 100 : Number(given);
        if (!Number.isInteger(limit) || limit < 1 || limit > recorder.capacity) {
          return gatewayProblem(PROBLEMS.VALIDATION_FAILED, `limit must be a whole number from 1 to ${recorder.capacity}, got "${given}".`, context);
        }
        return jsonReply(200, requestsView(sources, limit), NO_STORE);
      }
      case undefined:
      default:
        break;
    }
    const traced = endpoint?.startsWith('requests/') ? endpoint.slice('requests/'.length) : undefined;
    if (traced !== undefined && traced !== '' && !traced.includes('/')) {
      let id: string;
      try {
        id = decodeURIComponent(traced);
      } catch {
        return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.MALFORMED_PATH, 'The request path has an invalid percent-encoding.', context);
      }
      const trace = traceView(sources, id);
      if (!trace) {
        return gatewayProblem(
          CONSOLE_PROBLEMS.REQUEST_NOT_FOUND,
          `No request ${id} among the last ${recorder.capacity} requests nor the functions' kept log lines.`,
          context,
        );
      }
      return jsonReply(200, trace, NO_STORE);
    }
    return gatewayProblem(
      PROBLEMS.ROUTE_NOT_FOUND,
      `The console has no ${pathname}; its JSON API is ${api}{services,metrics,requests,requests/{id},keys}.`,
      context,
    );
  };

  const step: Step = async (exchange) => {
    const { pathname } = exchange.url;
    if (pathname !== base && !pathname.startsWith(`${base}/`)) return Promise.resolve(undefined);
    own.add(exchange);
    return Promise.resolve(answer(exchange));
  };

  const record: LocalConsole['record'] = (request, requestId, reply, durationMs, exchange) => {
    if (exchange && own.has(exchange)) return;
    // Platform pages (the index, the docs portal, /_emporium/...) and CORS preflights are not API traffic.
    if (!exchange?.service && (!reply.gateway || exchange?.url.pathname.startsWith(PLATFORM_PREFIX))) return;
    let service = exchange?.service;
    let route = exchange?.match?.route;
    if (!service && exchange) ({ service, route } = locate(options.services, exchange.method, exchange.url.pathname));
    facts.service = service;
    facts.route = route;
    facts.method = exchange?.method ?? request.method ?? 'GET';
    facts.target = request.url ?? '/';
    facts.status = reply.statusCode;
    facts.durationMs = durationMs;
    facts.requestId = requestId;
    facts.correlationId = callerRequestId(headerValue(request.headers[REQUEST_ID_HEADER])) ?? requestId;
    facts.cache = exchange?.cached === undefined ? CACHE_NONE : exchange.cached ? CACHE_HIT : CACHE_MISS;
    facts.gateway = reply.gateway === true;
    facts.apiKeyId = exchange?.apiKey?.key.id;
    recorder.record(facts);
  };

  return { path: base, step, record, recorder };
};
