const send = jest.fn();
jest.mock('@aws-sdk/client-ssm', () => ({
  SSMClient: jest.fn(() => ({ send })),
  GetParameterCommand: jest.fn((input: unknown) => ({ input })),
}));

describe('loadSecret', () => {
  const saved = { ...process.env };
  let loadSecret: typeof import('./secrets').loadSecret;
  beforeEach(async () => {
    jest.resetModules();
    send.mockReset();
    process.env = { ...saved };
    ({ loadSecret } = await import('./secrets'));
  });
  afterAll(() => {
    process.env = saved;
  });

  it('takes the environment variable when it is set, without calling SSM', async () => {
    process.env.TEST_SECRET = 'inline-value';
    expect(await loadSecret('TEST_SECRET')).toBe('inline-value');
    expect(send).not.toHaveBeenCalled();
  });

  it('reads the SSM SecureString named by <name>_PARAMETER, decrypted, once per container', async () => {
    process.env.TEST_SECRET_PARAMETER = '/emporium/dev/secret';
    send.mockResolvedValue({ Parameter: { Value: 'from-ssm' } });
    expect(await loadSecret('TEST_SECRET')).toBe('from-ssm');
    expect(await loadSecret('TEST_SECRET')).toBe('from-ssm');
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0]).toEqual({ input: { Name: '/emporium/dev/secret', WithDecryption: true } });
  });

  it('says what to set when neither is', async () => {
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow('Set TEST_SECRET_PARAMETER (an SSM SecureString name) or TEST_SECRET');
  });

  it('refuses an empty parameter, and tries again on the next call rather than caching the failure', async () => {
    process.env.TEST_SECRET_PARAMETER = '/emporium/dev/secret';
    send
      .mockResolvedValueOnce({ Parameter: { Value: '' } })
      .mockResolvedValueOnce({})
      .mockResolvedValueOnce({ Parameter: { Value: 'second' } });
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow('SSM parameter /emporium/dev/secret is empty');
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow('SSM parameter /emporium/dev/secret is empty');
    expect(await loadSecret('TEST_SECRET')).toBe('second');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('keeps each secret apart', async () => {
    process.env.TEST_A = 'a';
    process.env.TEST_B = 'b';
    expect([await loadSecret('TEST_A'), await loadSecret('TEST_B')]).toEqual(['a', 'b']);
  });
});
