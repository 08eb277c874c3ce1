import { z } from 'zod';
import { currency, money } from './money';

describe('money', () => {
  it('takes integer minor units and an ISO 4217 code', () => {
    expect(money.parse({ amount: 1999, currency: 'EUR' })).toEqual({ amount: 1999, currency: 'EUR' });
  });

  it.each([
    ['a fraction', { amount: 19.99, currency: 'EUR' }],
    ['a negative amount', { amount: -1, currency: 'EUR' }],
    ['an unknown currency', { amount: 1, currency: 'EUX' }],
    ['a lowercase currency', { amount: 1, currency: 'eur' }],
    ['an extra field', { amount: 1, currency: 'EUR', cents: true }],
  ])('refuses %s', (_, value) => {
    expect(money.safeParse(value).success).toBe(false);
  });

  it('publishes the currency list as the JSON Schema enum', () => {
    const schema = z.toJSONSchema(currency) as { enum?: string[] };
    expect(schema.enum).toContain('EUR');
    expect(schema.enum).toHaveLength(162);
  });
});
