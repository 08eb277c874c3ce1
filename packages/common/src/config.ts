import * as z from 'zod/mini';

/**
 * Declares a container's configuration: read from the environment and validated once, on first
 * use (never at import time), with one clear error naming every missing or invalid variable.
 *
 * @example
 * const config = defineConfig(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));
 * config().TABLE_NAME;
 */
export const defineConfig = <S extends z.core.$ZodType>(schema: S): (() => z.output<S>) => {
  let value: z.output<S> | undefined;
  return () => {
    if (value !== undefined) return value;
    const result = z.safeParse(schema, process.env);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`Invalid configuration: ${problems.join('; ')}`);
    }
    value = result.data;
    return value;
  };
};
