import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

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
