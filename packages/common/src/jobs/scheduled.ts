import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { withCorrelation } from '../correlation';
import { getLogger } from '../logger';
import { getMetrics } from '../metrics';

export type ScheduledHandler<T> = (event: ScheduledEvent, context: Context) => Promise<T>;

/**
 * Wraps a job run by a `schedule` event (EventBridge) the way httpHandler wraps a route: the
 * structured logger with the invocation's context, metrics published at the end, and one
 * correlation id per run (the event's id), so the run's log lines can be followed. A failure is
 * logged and rethrown: the invocation fails, which the Lambda Errors alarm sees, and the next run
 * starts over (the job must be safe to repeat).
 */
export const scheduledHandler = <T>(job: string, code: (event: ScheduledEvent) => Promise<T>): ScheduledHandler<T> =>
  middy<ScheduledEvent, T>()
    .use(injectLambdaContext(getLogger(), { resetKeys: true }))
    .use(logMetrics(getMetrics(), { captureColdStartMetric: true }))
    .handler(async (event) => {
      const logger = getLogger();
      logger.appendKeys({ correlation_id: event.id, job });
      try {
        const result = await withCorrelation({ requestId: event.id }, () => code(event));
        logger.info('job done', { job, result: result as unknown as Record<string, unknown> });
        return result;
      } catch (error) {
        logger.error('job failed', { job, error: error as Error });
        throw error;
      }
    });
