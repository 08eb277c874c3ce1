import { defineConfig } from '@emporium/common/config';
import * as z from 'zod/mini';
import { coercedNumber } from '@emporium/common/contract/formats';

/**
 * The function's timeout, declared next to `timeout:` in serverless.yml (the HTTP wrapper does not
 * hand the Lambda context, and so getRemainingTimeInMillis, to routes).
 */
const timeoutConfig = defineConfig(z.object({ FUNCTION_TIMEOUT_SECONDS: coercedNumber().check(z.int(), z.gte(3), z.lte(900)) }));

/** Kept free at the end of an invocation for compensation (release) and the final writes. */
const COMPENSATION_MS = 4000;
/** Kept free for answering. */
const RESPONSE_MS = 500;

/** Deadlines (epoch ms) for the outgoing calls of a request that started at `startedAt`. */
export const deadlinesOf = (startedAt: number = Date.now()) => {
  const end = startedAt + timeoutConfig().FUNCTION_TIMEOUT_SECONDS * 1000;
  return { deadline: end - COMPENSATION_MS - RESPONSE_MS, hardDeadline: end - RESPONSE_MS };
};
