import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ServiceUnavailableError } from '../errors';

export const isConditionalCheckFailed = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

export const isTransactionCanceled = (error: unknown): error is TransactionCanceledException =>
  error instanceof TransactionCanceledException || (error as { name?: string } | null)?.name === 'TransactionCanceledException';

export interface CancellationOutcome {
  /** `None` when that action's condition held; e.g. `ConditionalCheckFailed` otherwise. */
  code: string;
  /** The item as it was, when the action asked for ReturnValuesOnConditionCheckFailure: ALL_OLD. */
  item?: Record<string, unknown>;
}

/**
 * A cancelled transaction's reasons, one per action in request order, with old items unmarshalled,
 * so adapters can tell which condition failed and why.
 */
export const cancellationOutcomes = (error: TransactionCanceledException): CancellationOutcome[] =>
  (error.CancellationReasons ?? []).map((reason: CancellationReason) => ({
    code: reason.Code ?? 'None',
    ...(reason.Item ? { item: unmarshall(reason.Item) } : {}),
  }));

/** Errors DynamoDB raises when it is busy: a conflict with a concurrent transaction, throttling. */
const CONTENTION = new Set([
  'TransactionConflictException',
  'TransactionInProgressException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** Cancellation reasons of a transaction that was cancelled because DynamoDB was busy, not because a condition failed. */
const CONTENTION_REASONS = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError']);

/**
 * DynamoDB was busy: the call lost to a concurrent transaction or was throttled (for a cancelled
 * transaction: some action's reason says so). Nothing was written; the same call may succeed later.
 */
export const isContention = (error: unknown): boolean => {
  if (CONTENTION.has((error as { name?: string } | null)?.name ?? '')) return true;
  return isTransactionCanceled(error) && cancellationOutcomes(error).some((o) => CONTENTION_REASONS.has(o.code));
};

/**
 * DynamoDB contention (a transaction lost to a concurrent one, throttling) as a retryable 503, so a
 * race never surfaces as a 500. Conditions that failed are not contention: adapters map those
 * first (a cancelled transaction can carry both; its condition failures decide).
 */
export const contentionError = (error: unknown): ServiceUnavailableError | undefined => {
  if (!isContention(error)) return undefined;
  return new ServiceUnavailableError('Busy', {
    detail: 'The data was busy with concurrent requests; retry shortly.',
    headers: { 'retry-after': '1' },
    cause: error,
  });
};
