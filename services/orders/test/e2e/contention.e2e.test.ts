import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { api as catalogApi } from '@emporium/catalog-contract/api';
import { contractRequest } from '@emporium/openapi/conformance';
import { api as ordersApi } from '@emporium/orders-contract/api';
import { isProblem, sendByDefault } from '@emporium/testing/http';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';

jest.setTimeout(180_000);

/**
 * Orders under DynamoDB contention, which the embedded engine produces only when told to (fault
 * rules, docs/adr/0020): what AWS does under load is what these tests make it do.
 */
const request = contractRequest([ordersApi, catalogApi]);
const ORDERS_TABLE = 'orders-local';

let platform: RunningPlatform;
let api: string;
let admin: Record<string, string>;
let sequence = 0;

const createProduct = async (stock: number) => {
  const response = await request(`${platform.url}/v1/catalog/products`, {
    method: 'POST',
    headers: admin,
    body: {
      sku: `CONT-${Date.now()}-${(sequence += 1)}`,
      name: 'Contention test product',
      price: { amount: 1000, currency: 'EUR' },
      category: 'e2e-contention',
      stock,
    },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string };
};

/** Stock as catalog's table holds it (catalog v2's admin read, never from the stage cache). */
const stockOf = async (id: string): Promise<number> =>
  (await request(`${platform.url}/v2/catalog/products/${id}/stock`, { headers: admin })).body.stock as number;

const placeOrder = (token: string, body: unknown, key: string) => request(api, { method: 'POST', body, headers: { ...bearer(token), 'idempotency-key': key } });
const ordersOf = async (token: string) => (await request(api, { headers: bearer(token) })).body.items as { id: string }[];

beforeAll(async () => {
  platform = await startPlatform(['--only', 'catalog,users,orders']);
  sendByDefault({ 'x-api-key': platform.apiKey });
  api = `${platform.url}/v1/orders`;
  admin = bearer(await adminToken(platform.url));
}, 180_000);

afterEach(() => platform.clearFaults());

afterAll(() => platform?.stop());

describe('placing an order while DynamoDB reports transaction conflicts', () => {
  it('answers 503 with Retry-After (not a lost idempotency claim), stores no order, returns the stock and frees the key: the same key then places it once', async () => {
    const product = await createProduct(10);
    const customer = await newCustomer(platform.url);
    const key = `contention-${Date.now()}`;
    const body = { lines: [{ productId: product.id, quantity: 2 }] };
    await platform.setFaults([{ table: ORDERS_TABLE, operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 1 }]);

    const busy = await placeOrder(customer.token, body, key);
    expect(busy.status).toBe(503);
    expect(isProblem(busy)).toBe(true);
    expect(busy.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    // Orders tried the transaction more than once before giving up (a conflict is worth a retry).
    expect((await platform.faults()).injected).toBeGreaterThan(1);
    await platform.clearFaults();

    expect(await ordersOf(customer.token)).toEqual([]);
    expect(await stockOf(product.id)).toBe(10); // the reservation was released: no half write

    const placed = await placeOrder(customer.token, body, key);
    expect(placed.status).toBe(201);
    expect(await stockOf(product.id)).toBe(8);
    const replay = await placeOrder(customer.token, body, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(placed.body.id);
    expect((await ordersOf(customer.token)).map((o) => o.id)).toEqual([placed.body.id]);
  });

  it('absorbs a conflict that clears while orders retries its transaction: 201, stock lowered once', async () => {
    const product = await createProduct(5);
    const customer = await newCustomer(platform.url);
    await platform.setFaults([{ table: ORDERS_TABLE, operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 1, count: 1 }]);
    const placed = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 1 }] }, `contention-once-${Date.now()}`);
    expect(placed.status).toBe(201);
    expect(await platform.faults()).toMatchObject({ injected: 1, rules: [{ spent: true }] });
    expect(await stockOf(product.id)).toBe(4);
    expect((await ordersOf(customer.token)).map((o) => o.id)).toEqual([placed.body.id]);
  });

  it('a cancel that conflicts answers 503 and changes nothing; repeated, it cancels and returns the stock once', async () => {
    const product = await createProduct(3);
    const customer = await newCustomer(platform.url);
    const placed = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 2 }] }, `contention-cancel-${Date.now()}`);
    expect(placed.status).toBe(201);
    await platform.setFaults([{ table: ORDERS_TABLE, operation: 'UpdateItem', fault: 'TransactionConflict', rate: 1 }]);
    const cancel = () => request(`${api}/${placed.body.id}/cancel`, { method: 'POST', headers: bearer(customer.token) });
    const busy = await cancel();
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    await platform.clearFaults();
    expect((await request(`${api}/${placed.body.id}`, { headers: bearer(customer.token) })).body.status).toBe('PENDING');
    expect(await stockOf(product.id)).toBe(1);
    const cancelled = await cancel();
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', stockReleased: true });
    expect(await stockOf(product.id)).toBe(3);
  });
});
