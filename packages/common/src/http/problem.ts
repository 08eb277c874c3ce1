import * as z from 'zod/mini';
import { DOCS, withMeta } from '../contract/meta';
import type { FieldError } from '../errors';

/**
 * The platform's ONE error envelope (RFC 9457 problem details plus a stable `code`), built here for
 * every producer: the Lambda handlers (http/response.ts), the local front door, and the API Gateway
 * GatewayResponses generated into serverless.gateway-responses.json (http/gateway-responses.ts).
 */

/** Base of every problem `type` URI; `<base><kebab-case code>` documents the problem. */
export const PROBLEM_TYPE_BASE = 'https://emporium.example.com/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A kind of problem a route can answer: its stable code, HTTP status and title. */
export interface ProblemDefinition {
  readonly code: string;
  readonly status: number;
  /** Short, the same for every occurrence of the code (RFC 9457 `title`). */
  readonly title: string;
  /** When it happens and what the caller can do: the API documentation's text (`DOCS && '...'`: `false` in a function's bundle). */
  readonly description: string | false;
}

/** Declares a problem kind; contracts list them per route, error classes take code/status/title from them. */
export const defineProblem = <const C extends string>(definition: ProblemDefinition & { code: C }): ProblemDefinition & { code: C } => definition;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export interface ProblemInput {
  status: number;
  title: string;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const problemType = (code: string): string => PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');

export const problem = (input: ProblemInput): Problem => ({
  type: problemType(input.code),
  title: input.title,
  status: input.status,
  ...(input.detail !== undefined && { detail: input.detail }),
  code: input.code,
  ...(input.instance !== undefined && { instance: input.instance }),
  ...(input.requestId !== undefined && { requestId: input.requestId }),
  ...(input.errors !== undefined && input.errors.length > 0 && { errors: input.errors }),
});

/** The envelope for one occurrence of a defined problem. */
export const problemOf = (definition: ProblemDefinition, occurrence: Omit<ProblemInput, 'status' | 'title' | 'code'> = {}): Problem =>
  problem({ ...occurrence, status: definition.status, title: definition.title, code: definition.code });

export const fieldErrorSchema = withMeta(
  z.object({
    path: withMeta(
      z.string(),
      DOCS && { description: 'Where: `body.price.amount`, `query.limit`, `path.id`, `header.If-Match`', example: 'body.price.amount' },
    ),
    message: withMeta(z.string(), DOCS && { description: 'What is wrong, for a person', example: 'Expected an integer (minor units, e.g. cents)' }),
    code: withMeta(z.optional(z.string()), DOCS && { description: 'Machine-readable reason (zod issue code)', example: 'invalid_type' }),
  }),
  DOCS && { id: 'FieldError', description: 'One invalid field of the request.' },
);

/** The envelope as a schema: documentation, and the check tests run on every error body. */
export const problemSchema = withMeta(
  z.object({
    type: withMeta(z.url(), DOCS && { description: 'URI of the problem kind', example: `${PROBLEM_TYPE_BASE}validation-failed` }),
    title: withMeta(z.string(), DOCS && { description: 'Short summary of the problem kind', example: 'Bad Request' }),
    status: withMeta(z.number().check(z.int(), z.gte(400), z.lte(599)), DOCS && { description: 'The HTTP status, repeated', example: 400 }),
    detail: withMeta(z.optional(z.string()), DOCS && { description: 'This occurrence, explained for a person' }),
    code: withMeta(z.string(), DOCS && { description: 'Stable machine-readable code; branch on this', example: 'VALIDATION_FAILED' }),
    instance: withMeta(z.optional(z.string()), DOCS && { description: 'The request path', example: '/v1/catalog/products' }),
    requestId: withMeta(z.optional(z.string()), DOCS && { description: 'The request id; quote it when reporting a problem' }),
    errors: withMeta(z.optional(z.array(fieldErrorSchema)), DOCS && { description: 'Every invalid field, for validation problems' }),
  }),
  DOCS && { id: 'Problem', description: 'An error, as RFC 9457 problem details (application/problem+json).' },
);
