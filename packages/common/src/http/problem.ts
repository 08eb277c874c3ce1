import type { FieldError } from '../errors';

/** Base of every problem `type` URI; `<base><kebab-case code>` documents the problem. */
export const PROBLEM_TYPE_BASE = 'https://emporium.example.com/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The platform's one error envelope (RFC 9457 problem details, plus a stable `code`). */
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

export const problemType = (code: string): string =>
  PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');

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
