import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { ServiceUnavailableError } from '../errors';
import { cancellationOutcomes, contentionError, isConditionalCheckFailed, isContention, isTransactionCanceled } from './errors';

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

describe('DynamoDB error helpers', () => {
  it('recognise a failed condition and a cancelled transaction, by class or by name', () => {
    expect(isConditionalCheckFailed(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }))).toBe(true);
    expect(isConditionalCheckFailed(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }))).toBe(true);
    expect(isConditionalCheckFailed(new Error('x'))).toBe(false);
    expect(isConditionalCheckFailed(null)).toBe(false);
    expect(isTransactionCanceled(cancelled('None'))).toBe(true);
    expect(isTransactionCanceled({ name: 'TransactionCanceledException' })).toBe(true);
    expect(isTransactionCanceled({ name: 'ConditionalCheckFailedException' })).toBe(false);
    expect(isTransactionCanceled(undefined)).toBe(false);
  });

  it('read the outcome of every action, in order, with the old item unmarshalled', () => {
    const error = new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: { S: 'A' }, version: { N: '3' } } }, {}],
    });
    expect(cancellationOutcomes(error)).toEqual([{ code: 'None' }, { code: 'ConditionalCheckFailed', item: { pk: 'A', version: 3 } }, { code: 'None' }]);
    expect(cancellationOutcomes(new TransactionCanceledException({ message: 'x', $metadata: {} }))).toEqual([]);
  });

  it.each([
    'TransactionInProgressException',
    'ThrottlingException',
    'RequestLimitExceeded',
    'TransactionConflictException',
    'ProvisionedThroughputExceededException',
  ])('count %s as contention, by name', (name) => {
    expect(isContention({ name })).toBe(true);
  });

  it('answer contention with a 503 telling when to retry, by value', () => {
    const busy = contentionError(cancelled('ThrottlingError'))!;
    expect({ code: busy.code, status: busy.status, title: busy.title, detail: busy.detail, headers: busy.headers, message: busy.message }).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      title: 'Service Unavailable',
      detail: 'The data was busy with concurrent requests; retry shortly.',
      headers: { 'retry-after': '1' },
      message: 'Busy',
    });
  });

  it('do not count a cancelled transaction without reasons, or with other reasons, as contention', () => {
    expect(isContention(cancelled())).toBe(false);
    expect(isContention(cancelled('None', 'ItemCollectionSizeLimitExceeded'))).toBe(false);
    expect(isContention({ name: 'ValidationException' })).toBe(false);
    expect(isContention(null)).toBe(false);
  });
});
