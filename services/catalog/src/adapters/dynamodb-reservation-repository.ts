import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CancellationOutcome } from '@emporium/common/dynamodb/errors';
import { cancellationOutcomes, isConditionalCheckFailed, isTransactionCanceled } from '@emporium/common/dynamodb/errors';
import type { FieldError } from '@emporium/common/errors';
import { InsufficientStockError, UnavailableProductError } from '../domain/errors';
import type { Reservation, ReservationLine } from '../domain/reservation';
import type { ReservationRepository } from '../ports';
import { productKey, reservationKey } from './keys';

const toReservation = (item: Record<string, unknown>): Reservation => {
  const { id, lines, status, createdAt, releasedAt } = item as unknown as Reservation;
  return { id, lines, status, createdAt, ...(releasedAt ? { releasedAt } : {}) };
};

const CONDITION_FAILED = 'ConditionalCheckFailed';

/** Turns the per-line cancellation reasons (request order) into one clear domain error. */
const lineFailure = (lines: readonly ReservationLine[], outcomes: readonly CancellationOutcome[]) => {
  const short: FieldError[] = [];
  const unavailable: FieldError[] = [];
  lines.forEach((line, index) => {
    const outcome = outcomes[index + 1];
    if (outcome?.code !== CONDITION_FAILED) return;
    const path = `body.lines.${index}`;
    const old = outcome.item;
    if (!old) unavailable.push({ path: `${path}.productId`, message: `Product ${line.productId} does not exist`, code: 'not_found' });
    else if (old['status'] !== 'active') unavailable.push({ path: `${path}.productId`, message: `Product ${line.productId} is archived`, code: 'archived' });
    else short.push({ path: `${path}.quantity`, message: `Only ${String(old['stock'])} in stock`, code: 'insufficient_stock' });
  });
  if (unavailable.length > 0) {
    return new UnavailableProductError({ detail: 'Some products cannot be reserved; nothing was reserved.', errors: [...unavailable, ...short] });
  }
  if (short.length > 0) {
    return new InsufficientStockError({ detail: 'Not enough stock for some lines; nothing was reserved.', errors: short });
  }
  return undefined;
};

export const dynamodbReservationRepository = (db: DynamoDBDocumentClient, tableName: string): ReservationRepository => {
  const get = async (id: string): Promise<Reservation | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: reservationKey(id) }));
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
                  Item: { ...reservationKey(reservation.id), type: 'RESERVATION', ...reservation },
                  ConditionExpression: 'attribute_not_exists(pk)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...reservation.lines.map((line) => ({
                Update: {
                  TableName: tableName,
                  Key: productKey(line.productId),
                  UpdateExpression: 'SET stock = stock - :q, #version = #version + :one, updatedAt = :now',
                  ConditionExpression: 'attribute_exists(pk) AND #status = :active AND stock >= :q',
                  ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                  ExpressionAttributeValues: { ':q': line.quantity, ':one': 1, ':active': 'active', ':now': stamp },
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

    async release(reservation, now) {
      const stamp = now.toISOString();
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
                  UpdateExpression: 'SET #status = :released, releasedAt = :now',
                  ConditionExpression: '#status = :active',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':released': 'released', ':active': 'active', ':now': stamp },
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
  };
};
