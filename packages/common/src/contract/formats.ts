import * as z from 'zod/mini';
import * as core from 'zod/v4/core';

/*
 * zod mini's `z.iso.datetime()`, `z.iso.date()` and `z.coerce.number()`, reached without their
 * namespaces. esbuild resolves `z.string` to zod's `string` but not `z.iso.datetime` to `datetime`:
 * a namespace inside a namespace is an object to it, so one use of `z.iso` or `z.coerce` bundles
 * every member and its schema class (date, time, duration; string, boolean, bigint, date), about
 * 2 KB per function (docs/adr/0022). These are what those members are in zod (v4/mini/iso.js and
 * coerce.js: zod/v4/core's builder given zod mini's class); a test holds them equal. ESLint
 * points `z.iso.*` and `z.coerce.*` here.
 */

/** `z.iso.datetime()`: an ISO 8601 date-time string (`format: date-time` in the documents). */
export const isoDateTime = (params?: string | core.$ZodISODateTimeParams): z.ZodMiniISODateTime => core._isoDateTime(z.ZodMiniISODateTime, params);

/** `z.iso.date()`: an ISO 8601 calendar date, `2026-12-06` (`format: date`). */
export const isoDate = (params?: string | core.$ZodISODateParams): z.ZodMiniISODate => core._isoDate(z.ZodMiniISODate, params);

/** `z.coerce.number()`: `Number(input)`, then the number's checks (configuration, query parameters). */
export const coercedNumber = (params?: string | core.$ZodNumberParams): z.ZodMiniNumber<unknown> => core._coercedNumber(z.ZodMiniNumber, params);
