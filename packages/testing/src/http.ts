import http from 'node:http';

// Bodies default to `any` so tests can read JSON fields without casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as is, without JSON encoding. */
  rawBody?: string;
  headers?: Record<string, string>;
  /**
   * Send from this local address (another loopback address such as 127.0.0.2 is another client
   * to the gateway, which knows callers by their TCP peer address, as API Gateway does).
   */
  from?: string;
}

interface Exchanged {
  status: number;
  headers: Headers;
  text: string;
}

const viaFetch = async (url: string, init: RequestInit): Promise<Exchanged> => {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/** One HTTP exchange over node:http, bound to a local address. */
const requestFrom = (url: string, init: { method: string; headers: Record<string, string>; body?: string; from: string }): Promise<Exchanged> =>
  new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method: init.method, headers: init.headers, localAddress: init.from }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const item of ([] as string[]).concat(value ?? [])) headers.append(name, item);
        }
        resolve({ status: incoming.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });

let defaultHeaders: Record<string, string> = {};

/**
 * Headers every request of this test file sends unless the request sets them itself (an empty
 * value drops one): e.g. the local web app's API key, `sendByDefault({ 'x-api-key': platform.apiKey })`.
 */
export const sendByDefault = (headers: Record<string, string>): void => {
  defaultHeaders = { ...headers };
};

/** fetch + JSON: returns status, headers and the parsed body (or undefined for an empty body). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const request = async <T = any>(url: string, options: RequestOptions = {}): Promise<JsonResponse<T>> => {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const init = {
    method: options.method ?? 'GET',
    headers: Object.fromEntries(
      Object.entries({ ...(hasBody ? { 'content-type': 'application/json' } : {}), ...defaultHeaders, ...options.headers }).filter(([, value]) => value !== ''),
    ),
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  };
  const { status, headers, text } = options.from ? await requestFrom(url, { ...init, from: options.from }) : await viaFetch(url, init);
  let body: T | undefined;
  try {
    body = text ? (JSON.parse(text) as T) : undefined;
  } catch {
    body = undefined;
  }
  return { status, headers, body: body as T, text };
};

/** True when the response is the platform's problem+json envelope with a consistent status. */
export const isProblem = (response: JsonResponse<Record<string, unknown> | undefined>): boolean =>
  (response.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
  typeof response.body?.['type'] === 'string' &&
  typeof response.body?.['title'] === 'string' &&
  response.body?.['status'] === response.status &&
  typeof response.body?.['code'] === 'string';
