import * as z from 'zod/mini';
import { defineConfig } from './config';

describe('defineConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads the environment on first use only, then keeps the value', () => {
    const config = defineConfig(z.object({ CFG_TEST_TABLE: z.string().check(z.minLength(1)) }));
    process.env.CFG_TEST_TABLE = 'first';
    expect(config()).toEqual({ CFG_TEST_TABLE: 'first' });
    process.env.CFG_TEST_TABLE = 'second';
    expect(config().CFG_TEST_TABLE).toBe('first');
  });

  it('names every missing or invalid variable in one error, and tries again on the next call', () => {
    const config = defineConfig(z.object({ CFG_TEST_A: z.string(), CFG_TEST_B: z.coerce.number().check(z.int()) }));
    delete process.env.CFG_TEST_A;
    process.env.CFG_TEST_B = '1.5';
    expect(() => config()).toThrow(/^Invalid configuration: CFG_TEST_A: .+; CFG_TEST_B: .+$/);
    process.env.CFG_TEST_A = 'a';
    process.env.CFG_TEST_B = '2';
    expect(config()).toEqual({ CFG_TEST_A: 'a', CFG_TEST_B: 2 });
  });
});
