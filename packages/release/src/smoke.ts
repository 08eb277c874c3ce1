/**
 * Smoke and contract checks against a deployed stage (or the local platform): for every API
 * version of the chosen services, the OpenAPI document the stage serves is the one of this commit,
 * a keyed route refuses a call without a key, and an unknown route answers 404, both in the
 * platform's problem envelope. Read-only: safe on prod.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Deployable } from './stacks';

interface OpenApiDocument {
  servers?: { url: string }[];
  paths?: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
}

export interface SmokeResult {
  checks: number;
  failures: string[];
}

const isProblem = (response: Response, body: unknown) =>
  (response.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
  typeof (body as { code?: unknown } | undefined)?.code === 'string' &&
  (body as { status?: unknown }).status === response.status;

const json = async (response: Response): Promise<unknown> => {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
};

/** The committed documents of a service folder (openapi/v<N>.json), each with its base path. */
export const documentsOf = (serviceDir: string): { basePath: string; document: OpenApiDocument }[] => {
  const dir = path.join(serviceDir, 'openapi');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /^v\d+\.json$/.test(file))
    .sort()
    .map((file) => {
      const document = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as OpenApiDocument;
      const basePath = document.servers?.[0]?.url;
      if (!basePath) throw new Error(`${path.join(dir, file)}: no servers[0].url (the base path)`);
      return { basePath, document };
    });
};

/** A keyed GET without path parameters: what a call without a key must be refused on. */
const keyedRoute = (document: OpenApiDocument): string | undefined =>
  Object.entries(document.paths ?? {}).find(
    ([route, operations]) => !route.includes('{') && (operations['get']?.security ?? []).some((requirement) => 'apiKeyAuth' in requirement),
  )?.[0];

export const smokeCheck = async (options: { baseUrl: string; root: string; deployables: readonly Deployable[]; timeoutMs?: number }): Promise<SmokeResult> => {
  const failures: string[] = [];
  let checks = 0;
  const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  for (const deployable of options.deployables) {
    for (const { basePath, document } of documentsOf(path.join(options.root, deployable.dir))) {
      const base = `${options.baseUrl.replace(/\/+$/, '')}${basePath}`;
      checks += 1;
      const served = await get(`${base}/openapi.json`);
      const body = await json(served);
      if (served.status !== 200) failures.push(`GET ${basePath}/openapi.json answered ${served.status}`);
      else if (!isDeepStrictEqual(body, document))
        failures.push(`GET ${basePath}/openapi.json is not this commit's document (openapi/${basePath.split('/')[1] ?? ''}.json)`);

      const keyed = keyedRoute(document);
      if (keyed) {
        checks += 1;
        const refused = await get(`${base}${keyed}`);
        const problem = await json(refused);
        if (refused.status !== 403 || !isProblem(refused, problem))
          failures.push(`GET ${basePath}${keyed} without an API key answered ${refused.status}, not a 403 problem`);
      }

      checks += 1;
      const unknown = await get(`${base}/no/such/route/${Date.now()}`); // deeper than any route
      const notFound = await json(unknown);
      // API Gateway answers an unknown route of a REST API 403 MISSING_AUTHENTICATION_TOKEN
      // unless the gateway responses map it: ours answer 404 in the envelope.
      if (unknown.status !== 404 || !isProblem(unknown, notFound)) failures.push(`GET ${basePath}/<unknown> answered ${unknown.status}, not a 404 problem`);
    }
  }
  return { checks, failures };
};
