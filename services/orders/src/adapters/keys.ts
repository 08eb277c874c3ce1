/** Key design of orders' single table (see serverless.yml for the index). */
export const orderKey = (id: string) => ({ pk: `ORDER#${id}`, sk: 'ORDER' });
export const idempotencyKey = (userId: string, key: string) => ({ pk: `IDEMPOTENCY#${userId}#${key}`, sk: 'IDEMPOTENCY' });

/** gsi1: a user's orders, newest first when queried backwards (createdAt, then the ULID). */
export const userOrdersKeys = (userId: string, createdAt: string, id: string) => ({
  gsi1pk: `USER#${userId}`,
  gsi1sk: `${createdAt}#${id}`,
});
