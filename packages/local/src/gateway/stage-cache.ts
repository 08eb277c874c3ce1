import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Route } from './router';

export interface CachedResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const MAX_ENTRIES = 10_000;
/** API Gateway caches answers up to 1 MB; larger ones are served but not kept. */
const MAX_CACHED_BYTES = 1_048_576;

/** The value of one API Gateway cache key parameter (request.path.x, request.querystring.x, request.header.x). */
const keyPart = (name: string, event: APIGatewayProxyEvent): string => {
  const [, where, key = ''] = /^(?:method\.)?request\.(path|querystring|header)\.(.+)$/.exec(name) ?? [];
  if (where === 'path') return event.pathParameters?.[key] ?? '';
  if (where === 'querystring') return event.queryStringParameters?.[key] ?? '';
  const wanted = key.toLowerCase();
  return Object.entries(event.headers ?? {}).find(([header]) => header.toLowerCase() === wanted)?.[1] ?? '';
};

/**
 * API Gateway's stage cache, locally: only methods the stage caches (their stage settings, as the
 * CloudFormation stage has them: @emporium/api-stage), only GET, keyed by the route and its
 * declared cache key parameters (other parameters do not split the cache, exactly as in AWS),
 * every status is kept (API Gateway caches whatever the integration answered, errors included),
 * up to 1 MB, entries live the method's TTL (or `ttlOverride` seconds; 0 turns the cache off), a
 * write included: API Gateway flushes nothing when a write succeeds (docs/adr/0007).
 */
export class StageCache {
  private readonly entries = new Map<string, { expires: number; response: CachedResponse }>();

  constructor(private readonly ttlOverride?: number) {}

  private ttlOf(route: Route): number {
    return this.ttlOverride ?? route.stage.caching.ttlInSeconds;
  }

  /** How long a route's answers live in the cache, in seconds; 0 when it is not cached. */
  ttlSecondsOf(route: Route): number {
    return route.method === 'GET' && route.stage.caching.enabled ? Math.max(0, this.ttlOf(route)) : 0;
  }

  keyFor(route: Route, event: APIGatewayProxyEvent): string | undefined {
    if (this.ttlSecondsOf(route) <= 0) return undefined;
    const parts = route.stage.caching.cacheKeyParameters.map((name) => `${name}=${keyPart(name, event)}`);
    return [route.service, route.resource, ...parts].join('\u0000');
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.response;
  }

  set(key: string, route: Route, response: CachedResponse): void {
    if (response.body.length > MAX_CACHED_BYTES) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { expires: Date.now() + this.ttlOf(route) * 1000, response });
  }
}
