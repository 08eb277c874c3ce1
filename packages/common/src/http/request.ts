import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import {
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import { parseWith } from './validation';

/** Default cap on request bodies; API Gateway allows 10 MB, our JSON contracts need far less. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface RequestSpec {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  maxBodyBytes?: number;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ParsedRequest<S extends RequestSpec> {
  body: Out<S['body']>;
  query: Out<S['query']>;
  params: Out<S['params']>;
}

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

const readJsonBody = (event: APIGatewayProxyEvent, maxBytes: number): unknown => {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
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

/** Parses and validates body, query string and path parameters against the route's zod schemas. */
export const parseRequest = <S extends RequestSpec>(event: APIGatewayProxyEvent, spec: S): ParsedRequest<S> => {
  const body = readJsonBody(event, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (spec.body === undefined && body !== undefined) {
    throw new ValidationError('Unexpected request body', { detail: 'This endpoint takes no request body.' });
  }
  if (spec.body !== undefined && body === undefined) {
    throw new ValidationError('Missing request body', { detail: 'This endpoint needs a JSON request body.' });
  }
  return {
    body: (spec.body ? parseWith(spec.body, body, 'body') : undefined) as Out<S['body']>,
    query: (spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, 'query') : undefined) as Out<S['query']>,
    params: (spec.params ? parseWith(spec.params, event.pathParameters ?? {}, 'path') : undefined) as Out<S['params']>,
  };
};
