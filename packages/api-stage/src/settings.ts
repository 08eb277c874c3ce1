/**
 * The API Gateway stage of a service, computed from its resolved serverless.yml: the stage's
 * default throttle and each method's own, the stage cache, and the per-client rate rules. ONE
 * function, two users: the Serverless plugin (plugin.ts) writes it into the CloudFormation template
 * (an AWS::ApiGateway::Stage with MethodSettings, an AWS::WAFv2::WebACL), and the local gateway
 * enforces it (packages/local/src/gateway/steps/throttle.ts). So local and AWS apply the same
 * numbers from the same configuration, never from a second table (docs/adr/0012).
 *
 * Configuration (serverless.base.yml gives every service the defaults):
 *
 *   custom:
 *     apiStage:
 *       throttling: { rateLimit: 200, burstLimit: 400 }      # every method, unless it says otherwise
 *       caching: { enabled: true, clusterSize: '0.5', ttlInSeconds: 300 }
 *   functions:
 *     signIn:
 *       events:
 *         - http:
 *             path: /sessions
 *             method: post
 *             throttling: { rateLimit: 20, burstLimit: 40 }  # this method, all clients together
 *             clientThrottling: { limit: 10, windowSeconds: 60 }  # each client (source IP) alone
 *             caching: { enabled: true, cacheKeyParameters: [{ name: request.path.id }] }
 */

/** API Gateway's token bucket: `rateLimit` tokens a second refill a bucket of `burstLimit`. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/** The windows AWS WAF rate-based rules evaluate over, in seconds. */
export const CLIENT_WINDOWS = [60, 120, 300, 600] as const;
/** AWS WAF's smallest rate-based rule limit. */
export const MIN_CLIENT_LIMIT = 10;

/** At most `limit` requests of one client (source IP) in any `windowSeconds`, as an AWS WAF rate-based rule counts them. */
export interface ClientRateLimit {
  limit: number;
  windowSeconds: (typeof CLIENT_WINDOWS)[number];
}

export interface MethodCaching {
  enabled: boolean;
  ttlInSeconds: number;
  dataEncrypted: boolean;
  /** Request parts in the cache key besides the path: `request.path.id`, `request.querystring.limit`... */
  cacheKeyParameters: string[];
}

/** One method of the stage: its effective throttle and stage cache setting. */
export interface MethodSettings {
  functionName: string;
  /** Upper case: GET, POST... */
  method: string;
  /** The API Gateway resource path: `/products/{id}`, `/` for the base path. */
  path: string;
  throttle: Throttle;
  caching: MethodCaching;
}

/** A per-client limit on one route, enforced in front of the gateway (an AWS WAF rate-based rule). */
export interface ClientRateRule extends ClientRateLimit {
  /** Unique in the stage: the WAF rule's name. */
  name: string;
  functionName: string;
  method: string;
  path: string;
  /**
   * The request URI paths the rule matches, as a regular expression over the URL-decoded path: the
   * route on the custom domain (`/v1/users/sessions`) and on the stage's own endpoint
   * (`/dev/sessions`), with or without a trailing slash (API Gateway routes both to the method).
   */
  uriPattern: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does a request path match a rule's pattern (after URL-decoding, as the web ACL's transformation does)? */
export const matchesUriPattern = (rule: Pick<ClientRateRule, 'uriPattern'>, path: string): boolean => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return new RegExp(rule.uriPattern).test(decoded);
};

export interface StageSettings {
  stage: string;
  /** Every method's throttle unless it declares its own. */
  throttle: Throttle;
  cache: { clusterEnabled: boolean; clusterSize: string; ttlInSeconds: number; dataEncrypted: boolean };
  methods: MethodSettings[];
  clientRateRules: ClientRateRule[];
}

/** The parts of a resolved serverless.yml (`serverless print`, or the framework's service object) this reads. */
export interface StageConfigInput {
  provider: { stage?: string };
  custom?: {
    apiStage?: { throttling?: unknown; caching?: unknown };
    customDomain?: { basePath?: string };
  };
  functions?: Record<string, { events?: readonly unknown[] } | undefined>;
}

export class StageConfigError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A number from the configuration (a param given on the command line arrives as a string). */
const numberAt = (value: unknown, where: string, { integer = false, min = 0 } = {}): number => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < min || (integer && !Number.isInteger(number))) {
    throw new StageConfigError(`${where} must be ${integer ? 'an integer' : 'a number'} >= ${min}, not ${JSON.stringify(value)}`);
  }
  return number;
};

const booleanAt = (value: unknown, where: string, fallback: boolean): boolean => {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new StageConfigError(`${where} must be true or false, not ${JSON.stringify(value)}`);
};

const throttleAt = (value: unknown, where: string, fallback?: Throttle): Throttle => {
  if (value === undefined && fallback) return fallback;
  if (!isRecord(value)) throw new StageConfigError(`${where} must be { rateLimit, burstLimit }, not ${JSON.stringify(value)}`);
  return {
    rateLimit: value.rateLimit === undefined && fallback ? fallback.rateLimit : numberAt(value.rateLimit, `${where}.rateLimit`),
    burstLimit: value.burstLimit === undefined && fallback ? fallback.burstLimit : numberAt(value.burstLimit, `${where}.burstLimit`, { integer: true }),
  };
};

const clientLimitAt = (value: unknown, where: string): ClientRateLimit => {
  if (!isRecord(value)) throw new StageConfigError(`${where} must be { limit, windowSeconds }, not ${JSON.stringify(value)}`);
  const limit = numberAt(value.limit, `${where}.limit`, { integer: true, min: MIN_CLIENT_LIMIT });
  const windowSeconds = numberAt(value.windowSeconds, `${where}.windowSeconds`, { integer: true });
  if (!(CLIENT_WINDOWS as readonly number[]).includes(windowSeconds)) {
    throw new StageConfigError(`${where}.windowSeconds must be one of ${CLIENT_WINDOWS.join(', ')} (AWS WAF's evaluation windows), not ${windowSeconds}`);
  }
  return { limit, windowSeconds: windowSeconds as ClientRateLimit['windowSeconds'] };
};

/** `/products/{id}/` -> `/products/{id}`; `` -> `/`. */
export const resourcePath = (path: string): string => {
  const trimmed = `/${path.replace(/^\/+/, '')}`;
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, '') : trimmed;
};

const cacheKeyNames = (value: unknown, where: string): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new StageConfigError(`${where} must be a list of { name }`);
  return value.map((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.name !== 'string' || !/^request\.(path|querystring|header)\.[^.]+$/.test(entry.name)) {
      throw new StageConfigError(`${where}[${index}] must be { name: request.(path|querystring|header).<name> }`);
    }
    return entry.name;
  });
};

/**
 * The stage settings of a service for its stage, validated: a value AWS would refuse (a WAF window
 * it does not have, a negative rate) fails here, at package time and when the local platform starts.
 */
export const stageSettingsOf = (config: StageConfigInput): StageSettings => {
  const stage = config.provider.stage ?? 'dev';
  const apiStage = config.custom?.apiStage ?? {};
  const throttle = throttleAt(apiStage.throttling, 'custom.apiStage.throttling');
  const caching = isRecord(apiStage.caching) ? apiStage.caching : {};
  const cache = {
    clusterEnabled: booleanAt(caching.enabled, 'custom.apiStage.caching.enabled', false),
    clusterSize: typeof caching.clusterSize === 'string' ? caching.clusterSize : '0.5',
    ttlInSeconds: numberAt(caching.ttlInSeconds ?? 300, 'custom.apiStage.caching.ttlInSeconds', { integer: true }),
    dataEncrypted: booleanAt(caching.dataEncrypted, 'custom.apiStage.caching.dataEncrypted', false),
  };
  // The path on the custom domain (even where the domain manager is off, as on the local stage,
  // whose front door serves the domain's paths).
  const domainBasePath = config.custom?.customDomain?.basePath;
  const basePath = domainBasePath ? `/${domainBasePath.replace(/^\/+|\/+$/g, '')}` : undefined;

  const methods: MethodSettings[] = [];
  const clientRateRules: ClientRateRule[] = [];
  for (const [functionName, fn] of Object.entries(config.functions ?? {})) {
    for (const [index, event] of (fn?.events ?? []).entries()) {
      if (!isRecord(event) || !isRecord(event.http)) continue;
      const http = event.http;
      const where = `functions.${functionName}.events[${index}].http`;
      if (typeof http.path !== 'string' || typeof http.method !== 'string') throw new StageConfigError(`${where} needs a path and a method`);
      const method = http.method.toUpperCase();
      const path = resourcePath(http.path);
      const eventCaching = isRecord(http.caching) ? http.caching : {};
      const cachingEnabled = cache.clusterEnabled && booleanAt(eventCaching.enabled, `${where}.caching.enabled`, false);
      methods.push({
        functionName,
        method,
        path,
        throttle: throttleAt(http.throttling, `${where}.throttling`, throttle),
        caching: {
          enabled: cachingEnabled,
          ttlInSeconds: numberAt(eventCaching.ttlInSeconds ?? cache.ttlInSeconds, `${where}.caching.ttlInSeconds`, { integer: true }),
          dataEncrypted: booleanAt(eventCaching.dataEncrypted, `${where}.caching.dataEncrypted`, cache.dataEncrypted),
          cacheKeyParameters: cachingEnabled ? cacheKeyNames(eventCaching.cacheKeyParameters, `${where}.caching.cacheKeyParameters`) : [],
        },
      });
      if (http.clientThrottling !== undefined) {
        const limit = clientLimitAt(http.clientThrottling, `${where}.clientThrottling`);
        if (path.includes('{'))
          throw new StageConfigError(
            `${where}.clientThrottling: only routes without path parameters can have a per-client limit (AWS WAF matches the exact path)`,
          );
        const suffix = path === '/' ? '' : path;
        const name = `client-rate-${functionName}`;
        if (clientRateRules.some((rule) => rule.name === name))
          throw new StageConfigError(`${where}.clientThrottling: ${functionName} has a per-client limit on another event already (one per function)`);
        const prefixes = [...(basePath ? [basePath] : []), `/${stage}`].map(escapeRegex);
        clientRateRules.push({
          ...limit,
          name,
          functionName,
          method,
          path,
          uriPattern: `^(${prefixes.join('|')})${escapeRegex(suffix)}/?$`,
        });
      }
    }
  }
  return { stage, throttle, cache, methods, clientRateRules };
};

/** A method's settings, by method and resource path. */
export const methodSettingsOf = (settings: Pick<StageSettings, 'methods'>, method: string, path: string): MethodSettings | undefined =>
  settings.methods.find((candidate) => candidate.method === method.toUpperCase() && candidate.path === resourcePath(path));
