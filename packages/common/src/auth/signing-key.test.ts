describe('loadSigningKey', () => {
  const saved = process.env.JWT_SIGNING_KEY;
  afterEach(() => {
    jest.resetModules();
    if (saved === undefined) delete process.env.JWT_SIGNING_KEY;
    else process.env.JWT_SIGNING_KEY = saved;
  });
  const load = async (value: string) => {
    process.env.JWT_SIGNING_KEY = value;
    return (await import('./signing-key')).loadSigningKey();
  };
  const key = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k1' };

  it('reads an EC P-256 private JWK with a kid', async () => {
    expect(await load(JSON.stringify(key))).toEqual(key);
  });

  it('refuses a key that is not JSON', async () => {
    await expect(load('not json')).rejects.toThrow('The JWT signing key is not JSON');
  });

  it.each([
    ['another curve', { ...key, crv: 'P-384' }],
    ['an RSA key', { ...key, kty: 'RSA' }],
    ['no private part', { ...key, d: undefined }],
    ['an empty kid', { ...key, kid: '' }],
  ])('refuses %s', async (_, value) => {
    await expect(load(JSON.stringify(value))).rejects.toThrow('The JWT signing key is not an EC P-256 private JWK with a kid');
  });
});
