import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import type { RouteRequest } from './route';
import { parseWith } from './validation';

/** Default cap on request bodies; API Gateway allows 10 MB, our JSON contracts need far less. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type RequestSpec = RouteRequest;

type Out<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

export interface ParsedRequest<S extends RequestSpec> {
  body: Out<S['body']>;
  query: Out<S['query']>;
  params: Out<S['params']>;
  headers: Out<S['headers']>;
}

/**
 * Who sent the request, as API Gateway saw it: the TCP peer's address (never a header a client
 * could forge) and, on routes that take an API key, the key's id (never its value).
 */
export interface Caller {
  sourceIp: string;
  apiKeyId?: string;
}

export const callerOf = (event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller => {
  const identity = event.requestContext?.identity;
  const apiKeyId = identity?.apiKeyId;
  return { sourceIp: identity?.sourceIp ?? 'unknown', ...(apiKeyId ? { apiKeyId } : {}) };
};

/** Header lookup that ignores case, as HTTP does (API Gateway passes headers as sent). */
export const headerOf = (event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
};

const isJsonMediaType = (contentType: string): boolean => {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
};

const readJsonBody = (event: APIGatewayProxyEvent, maxBytes: number, expected: boolean): unknown => {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  if (!expected) throw new ValidationError('Unexpected request body', { detail: 'This endpoint takes no request body; send none.' });
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const size = Buffer.byteLength(raw, 'utf8');
  if (size > maxBytes) {
    throw new PayloadTooLargeError('Request body too large', {
      detail: `The request body is ${size} bytes; the limit is ${maxBytes} bytes.`,
    });
  }
  const contentType = headerOf(event, 'content-type');
  if (contentType === undefined || !isJsonMediaType(contentType)) {
    throw new UnsupportedMediaTypeError('Unsupported media type', {
      detail: `Send the body as application/json (got ${contentType ?? 'no Content-Type'}).`,
    });
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new MalformedJsonError('Malformed JSON', {
      detail: `The request body is not valid JSON: ${(error as Error).message}`,
      cause: error,
    });
  }
};

/** The declared headers only, under their canonical names (`Idempotency-Key`), whatever case they came in. */
const declaredHeaders = (event: APIGatewayProxyEvent, schema: z.core.$ZodObject): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const name of Object.keys(schema._zod.def.shape)) {
    const value = headerOf(event, name);
    if (value !== undefined) values[name] = value;
  }
  return values;
};

/** Parses and validates path parameters, query string, headers and body against the route's zod schemas. */
export const parseRequest = <S extends RequestSpec>(event: APIGatewayProxyEvent, spec: S): ParsedRequest<S> => {
  const body = readJsonBody(event, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, spec.body !== undefined);
  if (spec.body !== undefined && body === undefined) {
    throw new ValidationError('Missing request body', { detail: 'This endpoint needs a JSON request body.' });
  }
  return {
    params: (spec.params ? parseWith(spec.params, event.pathParameters ?? {}, 'path') : undefined) as Out<S['params']>,
    query: (spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, 'query') : undefined) as Out<S['query']>,
    headers: (spec.headers ? parseWith(spec.headers, declaredHeaders(event, spec.headers), 'header') : undefined) as Out<S['headers']>,
    body: (spec.body ? parseWith(spec.body, body, 'body') : undefined) as Out<S['body']>,
  };
};
