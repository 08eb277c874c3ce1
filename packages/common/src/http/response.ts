import type { APIGatewayProxyResult } from 'aws-lambda';
import { AppError } from '../errors';
import * as PROBLEMS from '../problems';
import { problem, problemOf, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * With Lambda proxy integration the function, not the gateway, sets CORS headers on real responses
 * (the gateway answers only the OPTIONS preflight). Origin `*` matches `custom.cors` in
 * serverless.base.yml: the API uses bearer tokens, never cookies.
 */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Location, Retry-After, Deprecation, Sunset, Link, X-Request-Id, X-Amzn-RequestId',
};

export interface HttpResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const jsonResponse = (result: HttpResult): APIGatewayProxyResult => {
  const status = result.status ?? 200;
  if (status === 204 || status === 304 || result.body === undefined) {
    return { statusCode: status, headers: { ...CORS_HEADERS, ...result.headers }, body: '' };
  }
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...CORS_HEADERS, ...result.headers },
    body: JSON.stringify(result.body),
  };
};

/** Maps any thrown value to the problem+json envelope. Only AppErrors (4xx by design) are exposed. */
export const problemResponse = (error: unknown, requestId: string, instance?: string): APIGatewayProxyResult => {
  const body =
    error instanceof AppError
      ? problem({
          status: error.status,
          title: error.title,
          code: error.code,
          detail: error.detail,
          errors: error.errors,
          instance,
          requestId,
        })
      : problemOf(PROBLEMS.INTERNAL, { detail: 'An unexpected error occurred; it has been logged.', instance, requestId });
  return {
    statusCode: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...CORS_HEADERS, ...(error instanceof AppError ? error.headers : {}) },
    body: JSON.stringify(body),
  };
};
