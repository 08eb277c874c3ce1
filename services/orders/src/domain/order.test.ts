import { ORDER_ROLES, routes } from '@emporium/orders-contract/routes';
import { canSee, newOrder } from './order';

describe('newOrder', () => {
  it('is PENDING at version 1, created and updated now', () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    const total = { amount: 300, currency: 'EUR' };
    const lines = [{ productId: 'P1', quantity: 3, name: 'Pen', unitPrice: { amount: 100, currency: 'EUR' }, lineTotal: total }];
    expect(newOrder({ id: 'O1', userId: 'U1', lines, total }, now)).toEqual({
      id: 'O1',
      userId: 'U1',
      status: 'PENDING',
      lines,
      total,
      version: 1,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
  });
});

describe('canSee: who may see an order', () => {
  const order = { userId: 'U1' };

  it('lets its owner see it', () => {
    expect(canSee(order, { principalId: 'U1', role: 'customer' })).toBe(true);
  });

  it('lets an admin see every order', () => {
    expect(canSee(order, { principalId: 'A9', role: 'admin' })).toBe(true);
  });

  it('hides it from another customer and from a service that is not its owner', () => {
    expect(canSee(order, { principalId: 'U2', role: 'customer' })).toBe(false);
    expect(canSee(order, { principalId: 'orders', role: 'service' })).toBe(false);
  });

  it('matches the owner exactly', () => {
    expect(canSee(order, { principalId: 'u1', role: 'customer' })).toBe(false);
    expect(canSee(order, { principalId: '', role: 'customer' })).toBe(false);
    expect(canSee(order, { principalId: 'U1', role: 'Admin' })).toBe(true); // still its owner
    expect(canSee({ userId: 'U2' }, { principalId: 'U1', role: 'Admin' })).toBe(false); // roles are exact
  });
});

describe('the role lists of the routes', () => {
  it('lets customers and admins place, list, read and cancel orders', () => {
    expect(ORDER_ROLES).toEqual(['customer', 'admin']);
    for (const route of [routes.placeOrder, routes.listOrders, routes.getOrder, routes.cancelOrder]) {
      expect([route.operationId, route.roles]).toEqual([route.operationId, ['customer', 'admin']]);
    }
  });

  it('lets only admins set a status', () => {
    expect(routes.updateOrderStatus.roles).toEqual(['admin']);
  });

  it('leaves no route open but the OpenAPI document', () => {
    const open = Object.values(routes).filter((route) => !('roles' in route) || route.roles === undefined);
    expect(open.map((route) => route.operationId)).toEqual(['getOpenApiDocument']);
  });
});
