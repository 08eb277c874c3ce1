/**
 * API versions side by side (docs/adr/0015): each version's stack knows where the domain mounts it
 * (API_BASE_PATH, `/v1/catalog`) and, once deprecated, its dates (serverless.base.yml reads them
 * from the service's versions.yml). Every response of a deprecated version says so:
 *   Deprecation: @<unix seconds>             (RFC 9745)
 *   Sunset: <HTTP-date>                      (RFC 8594)
 *   Link: </v2/catalog/products/1>; rel="successor-version"   (RFC 5829; same path on the successor)
 */

export interface VersionEnv {
  API_BASE_PATH?: string | undefined;
  API_DEPRECATION?: string | undefined;
  API_SUNSET?: string | undefined;
  API_SUCCESSOR_BASE_PATH?: string | undefined;
}

export interface Deprecation {
  /** The base path of this version: `/v1/catalog`. */
  basePath: string;
  deprecation: Date;
  sunset?: Date;
  /** The successor version's base path: `/v2/catalog`. */
  successor?: string;
}

/** `v1` for API_BASE_PATH `/v1/catalog` (and when it is unset). */
export const apiVersionOf = (env: VersionEnv): string => /^\/(v\d+)\//.exec(`${env.API_BASE_PATH ?? ''}/`)?.[1] ?? 'v1';

const dateOf = (name: string, value: string): Date => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw new Error(`${name} must be an ISO 8601 date-time such as 2027-06-30T00:00:00Z (versions.yml), not ${JSON.stringify(value)}`);
  }
  return date;
};

/** The deprecation of this stack's version, or undefined when it is not deprecated. Throws on a malformed date. */
export const deprecationOf = (env: VersionEnv): Deprecation | undefined => {
  if (!env.API_DEPRECATION) return undefined;
  const basePath = env.API_BASE_PATH ?? '';
  return {
    basePath,
    deprecation: dateOf('API_DEPRECATION', env.API_DEPRECATION),
    ...(env.API_SUNSET ? { sunset: dateOf('API_SUNSET', env.API_SUNSET) } : {}),
    ...(env.API_SUCCESSOR_BASE_PATH ? { successor: env.API_SUCCESSOR_BASE_PATH.replace(/\/+$/, '') } : {}),
  };
};

/**
 * The headers of a response to `path` (the request path, with or without the base path) from a
 * deprecated version. The successor link names the same resource under the successor's base path.
 */
export const deprecationHeaders = (deprecation: Deprecation, path: string): Record<string, string> => {
  const headers: Record<string, string> = { deprecation: `@${Math.floor(deprecation.deprecation.getTime() / 1000)}` };
  if (deprecation.sunset) headers['sunset'] = deprecation.sunset.toUTCString();
  if (deprecation.successor) {
    const tail = deprecation.basePath && path.startsWith(`${deprecation.basePath}/`) ? path.slice(deprecation.basePath.length) : path;
    headers['link'] = `<${deprecation.successor}${tail === '/' ? '' : tail}>; rel="successor-version"`;
  }
  return headers;
};

/**
 * The deprecation headers of the gateway's own answers from a deprecated version (401, 403, 404,
 * 429, 5xx: API Gateway's gateway responses, the local front door's replies). A gateway response's
 * headers are static, so the successor link names the successor's base path, not the resource.
 * Names as API Gateway writes them (`gatewayresponse.header.<Name>`).
 */
export const gatewayDeprecationHeaders = (deprecation: Deprecation): Record<string, string> =>
  Object.fromEntries(
    Object.entries(deprecationHeaders(deprecation, `${deprecation.basePath}/`)).map(([name, value]) => [name.charAt(0).toUpperCase() + name.slice(1), value]),
  );
