import type { OrderStatus } from './order';
import { allowedFrom, canTransition } from './status';

const ALL: OrderStatus[] = ['PENDING', 'CONFIRMED', 'SHIPPED', 'CANCELLED'];
const ALLOWED = new Set(['PENDING>CONFIRMED', 'CONFIRMED>SHIPPED', 'PENDING>CANCELLED', 'CONFIRMED>CANCELLED']);

describe('order state machine', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it('derives the update conditions from the transitions', () => {
    expect(allowedFrom('CONFIRMED')).toEqual(['PENDING']);
    expect(allowedFrom('SHIPPED')).toEqual(['CONFIRMED']);
    expect(allowedFrom('CANCELLED')).toEqual(['PENDING', 'CONFIRMED']);
    expect(allowedFrom('PENDING')).toEqual([]);
  });
});
