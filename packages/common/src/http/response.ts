import type { APIGatewayProxyResult } from 'aws-lambda';
import { AppError } from '../errors';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

export interface HttpResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const jsonResponse = (result: HttpResult): APIGatewayProxyResult => {
  const status = result.status ?? 200;
  if (status === 204 || result.body === undefined) {
    return { statusCode: status, headers: { ...result.headers }, body: '' };
  }
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...result.headers },
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
      : problem({
          status: 500,
          title: 'Internal Server Error',
          code: 'INTERNAL',
          detail: 'An unexpected error occurred; it has been logged.',
          instance,
          requestId,
        });
  return {
    statusCode: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...(error instanceof AppError ? error.headers : {}) },
    body: JSON.stringify(body),
  };
};
