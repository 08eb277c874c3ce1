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
}

/** fetch + JSON: returns status, headers and the parsed body (or undefined for an empty body). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const request = async <T = any>(url: string, options: RequestOptions = {}): Promise<JsonResponse<T>> => {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: T | undefined;
  try {
    body = text ? (JSON.parse(text) as T) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
};

/** True when the response is the platform's problem+json envelope with a consistent status. */
export const isProblem = (response: JsonResponse<Record<string, unknown> | undefined>): boolean =>
  (response.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
  typeof response.body?.['type'] === 'string' &&
  typeof response.body?.['title'] === 'string' &&
  response.body?.['status'] === response.status &&
  typeof response.body?.['code'] === 'string';
