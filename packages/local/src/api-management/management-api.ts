import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKey, ApiKeyStore, UsagePlan } from './store';
import { ManagementError } from './store';

/**
 * The subset of the API Gateway management API (REST APIs, restJson1) that the services call with
 * @aws-sdk/client-api-gateway, served on its wire protocol from the same store the front door
 * enforces: API keys (create, get, list, update, delete), usage plans (get, list), usage plan keys
 * (add, get, list, remove) and usage (GetUsage). Functions reach it through AWS_ENDPOINT_URL_API_GATEWAY,
 * the SDK's own endpoint setting, so their code is the code that runs in AWS. Requests are
 * SigV4-signed by the SDK; like the embedded DynamoDB engine, this server does not check signatures.
 */

export interface ManagementApi {
  url: string;
  close(): Promise<void>;
}

type Query = URLSearchParams;
type Handler = (params: string[], query: Query, body: Record<string, unknown>) => { status: number; body?: unknown };

const keyOut = (key: ApiKey, includeValue: boolean) => ({
  id: key.id,
  ...(includeValue ? { value: key.value } : {}),
  name: key.name,
  ...(key.customerId !== undefined ? { customerId: key.customerId } : {}),
  ...(key.description !== undefined ? { description: key.description } : {}),
  enabled: key.enabled,
  createdDate: key.createdDate,
  lastUpdatedDate: key.lastUpdatedDate,
  stageKeys: [],
  tags: key.tags,
});

const planOut = (plan: UsagePlan) => ({
  id: plan.id,
  name: plan.name,
  ...(plan.description !== undefined ? { description: plan.description } : {}),
  apiStages: plan.apiStages,
  ...(plan.throttle ? { throttle: plan.throttle } : {}),
  ...(plan.quota ? { quota: { ...plan.quota, offset: 0 } } : {}),
});

const planKeyOut = (key: ApiKey) => ({ id: key.id, type: 'API_KEY', value: key.value, name: key.name });

/** A page of a list (`item` on the wire, `position` only while more follow), as API Gateway pages. */
const page = <T>(items: readonly T[], query: Query): { item: T[]; position?: string } => {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 25) || 25, 1), 500);
  const start = Number(query.get('position') ?? 0) || 0;
  const next = start + limit;
  return { item: items.slice(start, next), ...(next < items.length ? { position: String(next) } : {}) };
};

const text = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ManagementError('BadRequestException', 400, `${field} must be a string`);
  return value;
};

const routes = (store: ApiKeyStore): [string, RegExp, Handler][] => [
  [
    'POST',
    /^\/apikeys$/,
    (_, __, body) => {
      const key = store.createKey({
        name: text(body.name, 'name'),
        description: text(body.description, 'description'),
        value: text(body.value, 'value'),
        customerId: text(body.customerId, 'customerId'),
        enabled: body.enabled === true,
        tags: (body.tags as Record<string, string> | undefined) ?? {},
      });
      return { status: 201, body: keyOut(key, true) };
    },
  ],
  [
    'GET',
    /^\/apikeys$/,
    (_, query) => {
      const keys = store.listKeys({
        ...(query.has('name') ? { nameQuery: query.get('name')! } : {}),
        ...(query.has('customerId') ? { customerId: query.get('customerId')! } : {}),
      });
      const includeValues = query.get('includeValues') === 'true';
      return {
        status: 200,
        body: page(
          keys.map((key) => keyOut(key, includeValues)),
          query,
        ),
      };
    },
  ],
  ['GET', /^\/apikeys\/([^/]+)$/, ([id], query) => ({ status: 200, body: keyOut(store.getKey(id!), query.get('includeValue') === 'true') })],
  [
    'PATCH',
    /^\/apikeys\/([^/]+)$/,
    ([id], _, body) => ({
      status: 200,
      body: keyOut(store.updateKey(id!, (body.patchOperations as { op?: string; path?: string; value?: string }[] | undefined) ?? []), false),
    }),
  ],
  [
    'DELETE',
    /^\/apikeys\/([^/]+)$/,
    ([id]) => {
      store.deleteKey(id!);
      return { status: 202 };
    },
  ],
  ['GET', /^\/usageplans$/, (_, query) => ({ status: 200, body: page(store.listPlans(query.get('keyId') ?? undefined).map(planOut), query) })],
  ['GET', /^\/usageplans\/([^/]+)$/, ([id]) => ({ status: 200, body: planOut(store.getPlan(id!)) })],
  [
    'POST',
    /^\/usageplans\/([^/]+)\/keys$/,
    ([planId], _, body) => {
      if (body.keyType !== 'API_KEY') throw new ManagementError('BadRequestException', 400, 'keyType must be API_KEY');
      return { status: 201, body: planKeyOut(store.addPlanKey(planId!, text(body.keyId, 'keyId') ?? '')) };
    },
  ],
  [
    'GET',
    /^\/usageplans\/([^/]+)\/keys$/,
    ([planId], query) => {
      const name = query.get('name');
      return {
        status: 200,
        body: page(
          store
            .planKeysOf(planId!)
            .filter((key) => !name || key.name.startsWith(name))
            .map(planKeyOut),
          query,
        ),
      };
    },
  ],
  ['GET', /^\/usageplans\/([^/]+)\/keys\/([^/]+)$/, ([planId, keyId]) => ({ status: 200, body: planKeyOut(store.planKey(planId!, keyId!)) })],
  [
    'DELETE',
    /^\/usageplans\/([^/]+)\/keys\/([^/]+)$/,
    ([planId, keyId]) => {
      store.removePlanKey(planId!, keyId!);
      return { status: 202 };
    },
  ],
  [
    'GET',
    /^\/usageplans\/([^/]+)\/usage$/,
    ([planId], query) => {
      const startDate = query.get('startDate') ?? '';
      const endDate = query.get('endDate') ?? '';
      const values = store.usageOf(planId!, startDate, endDate, query.get('keyId') ?? undefined);
      return { status: 200, body: { usagePlanId: planId, startDate, endDate, values } };
    },
  ],
];

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new ManagementError('BadRequestException', 400, 'The request body is not a JSON object');
  }
};

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const payload = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers });
  response.end(payload);
};

/** Serves the management API subset on `host:port` (0: any free port). */
export const startManagementApi = async (store: ApiKeyStore, options: { host: string; port: number }): Promise<ManagementApi> => {
  const table = routes(store);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    readBody(request)
      .then((body) => {
        for (const [routeMethod, pattern, handle] of table) {
          const match = pattern.exec(url.pathname);
          if (match && routeMethod === method) {
            const result = handle(match.slice(1).map(decodeURIComponent), url.searchParams, body);
            send(response, result.status, result.body);
            return;
          }
        }
        throw new ManagementError('NotFoundException', 404, `The local platform does not serve ${method} ${url.pathname} of the API Gateway management API`);
      })
      .catch((error: unknown) => {
        if (error instanceof ManagementError) send(response, error.status, { message: error.message }, { 'x-amzn-errortype': error.type });
        else {
          console.error('API Gateway management API (local) failed:', error);
          send(response, 500, { message: 'Internal server error' }, { 'x-amzn-errortype': 'InternalFailure' });
        }
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
