import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { ServiceUnavailableError } from '../errors';
import { contentionError, isContention } from './errors';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('isContention / contentionError', () => {
  it.each([
    ['a transaction conflict on a single-item write', new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata: {} })],
    ['throughput exceeded (after the SDK gave up retrying)', new ProvisionedThroughputExceededException({ message: 'exceeded', $metadata: {} })],
    ['a cancelled transaction with a TransactionConflict reason', cancelled('None', 'TransactionConflict')],
    ['a cancelled transaction with a ProvisionedThroughputExceeded reason', cancelled('ProvisionedThroughputExceeded', 'None')],
    ['a cancelled transaction with a ThrottlingError reason', cancelled('None', 'ThrottlingError')],
  ])('counts %s as contention: a 503 with Retry-After', (_, error) => {
    expect(isContention(error)).toBe(true);
    const busy = contentionError(error);
    expect(busy).toBeInstanceOf(ServiceUnavailableError);
    expect(busy?.status).toBe(503);
    expect(busy?.headers).toEqual({ 'retry-after': '1' });
    expect(busy?.cause).toBe(error);
  });

  it.each([
    ['a failed condition', new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} })],
    ['a transaction cancelled by a failed condition only', cancelled('None', 'ConditionalCheckFailed')],
    ['an internal server error', new InternalServerError({ message: 'Internal server error', $metadata: {} })],
    ['something else', new Error('boom')],
    ['nothing', undefined],
  ])('does not count %s as contention', (_, error) => {
    expect(isContention(error)).toBe(false);
    expect(contentionError(error)).toBeUndefined();
  });
});
