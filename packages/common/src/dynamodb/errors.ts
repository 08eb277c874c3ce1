import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ServiceUnavailableError } from '../errors';

export const isConditionalCheckFailed = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

export const isTransactionCanceled = (error: unknown): error is TransactionCanceledException =>
  error instanceof TransactionCanceledException ||
  (error as { name?: string } | null)?.name === 'TransactionCanceledException';

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

const CONTENTION = new Set([
  'TransactionConflictException',
  'TransactionInProgressException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/**
 * DynamoDB contention (a transaction lost to a concurrent one, throttling) as a retryable 503, so a
 * race never surfaces as a 500. Conditions that failed are not contention: adapters map those.
 */
export const contentionError = (error: unknown): ServiceUnavailableError | undefined => {
  const name = (error as { name?: string } | null)?.name ?? '';
  const conflicted = isTransactionCanceled(error) && cancellationOutcomes(error).some((o) => o.code === 'TransactionConflict');
  if (!conflicted && !CONTENTION.has(name)) return undefined;
  return new ServiceUnavailableError('Busy', {
    detail: 'The data was busy with concurrent requests; retry shortly.',
    headers: { 'retry-after': '1' },
    cause: error,
  });
};
