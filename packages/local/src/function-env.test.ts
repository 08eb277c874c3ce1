import { installFunctionEnv, withFunctionEnv } from './function-env';

describe('function environments', () => {
  beforeAll(() => installFunctionEnv());

  it('gives each function its own process.env, across awaits', async () => {
    const read = async (name: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return process.env[name];
    };
    const [a, b] = await Promise.all([
      withFunctionEnv({ TABLE_NAME: 'users-local' }, () => read('TABLE_NAME')),
      withFunctionEnv({ TABLE_NAME: 'orders-local' }, () => read('TABLE_NAME')),
    ]);
    expect([a, b]).toEqual(['users-local', 'orders-local']);
  });

  it('hides the platform environment from functions and keeps it outside them', () => {
    process.env.EMPORIUM_TEST_ONLY = 'platform';
    expect(withFunctionEnv({}, () => process.env.EMPORIUM_TEST_ONLY)).toBeUndefined();
    expect(withFunctionEnv({ A: '1' }, () => Object.keys(process.env))).toEqual(['A']);
    expect(process.env.EMPORIUM_TEST_ONLY).toBe('platform');
    delete process.env.EMPORIUM_TEST_ONLY;
  });

  it('keeps writes inside the function environment', () => {
    const env: Record<string, string> = {};
    withFunctionEnv(env, () => {
      process.env.SET_BY_FUNCTION = 'x';
    });
    expect(env).toEqual({ SET_BY_FUNCTION: 'x' });
    expect(process.env.SET_BY_FUNCTION).toBeUndefined();
  });
});
