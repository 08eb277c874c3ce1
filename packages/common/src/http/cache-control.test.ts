describe('cacheControlOf', () => {
  const saved = process.env.HTTP_CACHE_MAX_AGE;
  afterEach(() => {
    jest.resetModules();
    if (saved === undefined) delete process.env.HTTP_CACHE_MAX_AGE;
    else process.env.HTTP_CACHE_MAX_AGE = saved;
  });
  const load = async () => (await import('./cache-control')).cacheControlOf;

  it('lets shared caches keep a public GET for the stage TTL', async () => {
    process.env.HTTP_CACHE_MAX_AGE = '300';
    const cacheControlOf = await load();
    expect(cacheControlOf({ method: 'GET', cache: 'public' })).toBe('public, max-age=300');
  });

  it('defaults the TTL to 0', async () => {
    delete process.env.HTTP_CACHE_MAX_AGE;
    expect((await load())({ method: 'GET', cache: 'public' })).toBe('public, max-age=0');
  });

  it('refuses a TTL outside 0..3600', async () => {
    process.env.HTTP_CACHE_MAX_AGE = '3601';
    const cacheControlOf = await load();
    expect(() => cacheControlOf({ method: 'GET', cache: 'public' })).toThrow(/HTTP_CACHE_MAX_AGE/);
  });

  it('keeps per-caller data out of every cache', async () => {
    expect((await load())({ method: 'GET', cache: 'private' })).toBe('private, no-store');
  });

  it('says nothing for a GET without a cache setting, or for a change', async () => {
    const cacheControlOf = await load();
    expect(cacheControlOf({ method: 'GET' })).toBeUndefined();
    expect(cacheControlOf({ method: 'POST', cache: 'public' })).toBeUndefined();
    expect(cacheControlOf({ method: 'DELETE', cache: 'private' })).toBeUndefined();
  });
});
