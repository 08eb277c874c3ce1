describe('getDocumentClient', () => {
  const saved = process.env.DYNAMODB_ENDPOINT;
  afterEach(() => {
    jest.resetModules();
    if (saved === undefined) delete process.env.DYNAMODB_ENDPOINT;
    else process.env.DYNAMODB_ENDPOINT = saved;
  });
  const load = async () => (await import('./client')).getDocumentClient;

  it('is one client per container, retrying 3 times and dropping undefined attributes', async () => {
    delete process.env.DYNAMODB_ENDPOINT;
    const getDocumentClient = await load();
    const client = getDocumentClient();
    expect(getDocumentClient()).toBe(client);
    expect(await client.config.maxAttempts()).toBe(3);
    expect(client.config.translateConfig?.marshallOptions).toEqual({ removeUndefinedValues: true });
    expect(client.config.endpoint).toBeUndefined();
  });

  it('talks to the local engine when DYNAMODB_ENDPOINT is set', async () => {
    process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:8000';
    const client = (await load())();
    const endpoint = await client.config.endpoint?.();
    expect([endpoint?.protocol, endpoint?.hostname, endpoint?.port]).toEqual(['http:', '127.0.0.1', 8000]);
  });
});
