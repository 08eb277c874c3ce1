import type { APIGatewayProxyEvent } from 'aws-lambda';
import { headerOf } from './request';

/** The header that carries a request's id, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller's id may be: up to 128 letters, digits and `._:-` (so it is safe in logs and headers). */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One id per call: the caller's `X-Request-Id` when it sends a usable one (a client correlating its
 * own calls, or a service forwarding the id of the request it serves), else the gateway's request
 * id. Returned on every answer, in every log line (`correlation_id`) and in every problem.
 */
export const requestIdOf = (event: Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>): string =>
  callerRequestId(headerOf(event, REQUEST_ID_HEADER)) ?? event.requestContext.requestId;

/** The caller's X-Request-Id if it is usable as a request id, else undefined. */
export const callerRequestId = (given: string | undefined): string | undefined => (given !== undefined && CALLER_ID.test(given) ? given : undefined);
