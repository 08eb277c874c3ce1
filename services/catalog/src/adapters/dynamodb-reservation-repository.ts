import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CancellationOutcome } from '@emporium/common/dynamodb/errors';
import { cancellationOutcomes, isConditionalCheckFailed, isTransactionCanceled } from '@emporium/common/dynamodb/errors';
import type { FieldError } from '@emporium/common/errors';
import { InsufficientStockError, PriceChangedError, UnavailableProductError } from '../domain/errors';
import type { Reservation, ReservationLine } from '../domain/reservation';
import type { ReservationRepository } from '../ports';
import { HOLDS_PARTITION, holdKeys, productKey, reservationKey } from './keys';

const toReservation = (item: Record<string, unknown>): Reservation => {
  const { id, lines, status, createdAt, expiresAt, committedAt, releasedAt } = item as unknown as Reservation;
  return { id, lines, status, createdAt, ...(expiresAt ? { expiresAt } : {}), ...(committedAt ? { committedAt } : {}), ...(releasedAt ? { releasedAt } : {}) };
};

const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * Turns the per-line cancellation reasons (request order) into one clear error: a product gone,
 * archived or short (the caller's answer), or a price that changed since it was read (retried).
 */
const lineFailure = (lines: readonly ReservationLine[], outcomes: readonly CancellationOutcome[]) => {
  const short: FieldError[] = [];
  const unavailable: FieldError[] = [];
  const repriced: string[] = [];
  lines.forEach((line, index) => {
    const outcome = outcomes[index + 1];
    if (outcome?.code !== CONDITION_FAILED) return;
    const path = `body.lines.${index}`;
    const old = outcome.item;
    if (!old) unavailable.push({ path: `${path}.productId`, message: `Product ${line.productId} does not exist`, code: 'not_found' });
    else if (old['status'] !== 'active') unavailable.push({ path: `${path}.productId`, message: `Product ${line.productId} is archived`, code: 'archived' });
    else if (Number(old['stock']) < line.quantity)
      short.push({ path: `${path}.quantity`, message: `Only ${String(old['stock'])} in stock`, code: 'insufficient_stock' });
    else repriced.push(line.productId);
  });
  if (unavailable.length > 0) {
    return new UnavailableProductError({ detail: 'Some products cannot be reserved; nothing was reserved.', errors: [...unavailable, ...short] });
  }
  if (short.length > 0) {
    return new InsufficientStockError({ detail: 'Not enough stock for some lines; nothing was reserved.', errors: short });
  }
  return repriced.length > 0 ? new PriceChangedError(repriced) : undefined;
};

export const dynamodbReservationRepository = (db: DynamoDBDocumentClient, tableName: string): ReservationRepository => {
  const get = async (id: string): Promise<Reservation | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: reservationKey(id), ConsistentRead: true }));
    return Item ? toReservation(Item) : undefined;
  };

  return {
    get,

    async reserve(reservation, now) {
      const stamp = now.toISOString();
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...reservationKey(reservation.id),
                    type: 'RESERVATION',
                    ...reservation,
                    ...(reservation.expiresAt ? holdKeys(reservation.expiresAt, reservation.id) : {}),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              // The price condition makes the line's unit price the one the stock was taken at:
              // a change between the read and this transaction cancels it (and the caller retries).
              ...reservation.lines.map((line) => ({
                Update: {
                  TableName: tableName,
                  Key: productKey(line.productId),
                  UpdateExpression: 'SET stock = stock - :q, #version = #version + :one, updatedAt = :now',
                  ConditionExpression: 'attribute_exists(pk) AND #status = :active AND stock >= :q AND price.amount = :amount AND price.currency = :currency',
                  ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':q': line.quantity,
                    ':one': 1,
                    ':active': 'active',
                    ':now': stamp,
                    ':amount': line.unitPrice.amount,
                    ':currency': line.unitPrice.currency,
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                },
              })),
            ],
          }),
        );
        return { created: true };
      } catch (error) {
        if (!isTransactionCanceled(error)) throw error;
        const outcomes = cancellationOutcomes(error);
        if (outcomes[0]?.code === CONDITION_FAILED) {
          const existing = outcomes[0].item ? toReservation(outcomes[0].item) : await get(reservation.id);
          if (existing) return { created: false, existing };
        }
        throw lineFailure(reservation.lines, outcomes) ?? error;
      }
    },

    async commit(id, now) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(id),
            UpdateExpression: 'SET #status = :committed, committedAt = :now REMOVE expiresAt, gsi1pk, gsi1sk',
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':committed': 'committed', ':active': 'active', ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toReservation(Attributes) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async tombstone(id, now) {
      const stamp = now.toISOString();
      const tombstone: Reservation = { id, lines: [], status: 'released', createdAt: stamp, releasedAt: stamp };
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...reservationKey(id), type: 'RESERVATION', ...tombstone },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return tombstone;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async release(reservation, now, options = {}) {
      const stamp = now.toISOString();
      // An expiry releases only a hold still active and past its end: never one committed meanwhile.
      const condition = options.expiredBy
        ? { expression: '#status = :active AND expiresAt <= :expiredBy', values: { ':active': 'active', ':expiredBy': options.expiredBy.toISOString() } }
        : { expression: '#status IN (:active, :committed)', values: { ':active': 'active', ':committed': 'committed' } };
      try {
        // The status flip and the stock returns commit together; the status condition makes a
        // second (or concurrent) release fail as a whole, so stock comes back exactly once.
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: reservationKey(reservation.id),
                  UpdateExpression: 'SET #status = :released, releasedAt = :now REMOVE gsi1pk, gsi1sk',
                  ConditionExpression: condition.expression,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':released': 'released', ':now': stamp, ...condition.values },
                },
              },
              ...reservation.lines.map((line) => ({
                Update: {
                  TableName: tableName,
                  Key: productKey(line.productId),
                  UpdateExpression: 'SET stock = stock + :q, #version = #version + :one, updatedAt = :now',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':q': line.quantity, ':one': 1, ':now': stamp },
                },
              })),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isTransactionCanceled(error) && cancellationOutcomes(error)[0]?.code === CONDITION_FAILED) return false;
        throw error;
      }
    },

    async listExpired(now, limit) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :holds AND gsi1sk <= :now',
          ExpressionAttributeValues: { ':holds': HOLDS_PARTITION, ':now': `${now.toISOString()}#\uffff` },
          Limit: limit,
        }),
      );
      return Items.map(toReservation);
    },
  };
};
