import type { z } from 'zod';
import type { FieldError } from '../errors';
import { ValidationError } from '../errors';

/** Turns zod issues into the envelope's field errors; `where` prefixes the path (body, query, path). */
export const toFieldErrors = (issues: readonly z.core.$ZodIssue[], where: string): FieldError[] =>
  issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: `${base}.${key}`,
        message: 'Unknown field',
        code: 'unrecognized_key',
      }));
    }
    return [{ path: base, message: issue.message, code: issue.code }];
  });

/** Parses `value` with `schema` or throws a 400 ValidationError listing every invalid field. */
export const parseWith = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(`Invalid request ${where}`, {
      detail: `The request ${where} is not valid; see errors.`,
      errors: toFieldErrors(result.error.issues, where),
    });
  }
  return result.data;
};
