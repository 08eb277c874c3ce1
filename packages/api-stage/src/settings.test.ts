import { matchesUriPattern, methodSettingsOf, resourcePath, stageSettingsOf } from './settings';

const config = (functions: Record<string, { events: unknown[] }>, apiStage: Record<string, unknown> = {}) => ({
  provider: { stage: 'dev' },
  custom: {
    apiStage: { throttling: { rateLimit: 100, burstLimit: 200 }, caching: { enabled: true, ttlInSeconds: 30 }, ...apiStage },
    customDomain: { basePath: 'v1/users' },
  },
  functions,
});

describe('stageSettingsOf', () => {
  it('gives every method the stage default throttle unless its event has its own', () => {
    const settings = stageSettingsOf(
      config({
        getMe: { events: [{ http: { path: '/me', method: 'get' } }] },
        signIn: { events: [{ http: { path: 'sessions', method: 'post', throttling: { rateLimit: 10, burstLimit: 20 } } }] },
      }),
    );
    expect(settings.throttle).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(methodSettingsOf(settings, 'GET', '/me')?.throttle).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(methodSettingsOf(settings, 'post', '/sessions/')?.throttle).toEqual({ rateLimit: 10, burstLimit: 20 });
  });

  it('takes numbers given as strings (params from the command line)', () => {
    const settings = stageSettingsOf(config({}, { throttling: { rateLimit: '2.5', burstLimit: '5' } }));
    expect(settings.throttle).toEqual({ rateLimit: 2.5, burstLimit: 5 });
  });

  it.each([
    [{ rateLimit: -1, burstLimit: 5 }, 'custom.apiStage.throttling.rateLimit must be a number >= 0'],
    [{ rateLimit: 1, burstLimit: 2.5 }, 'custom.apiStage.throttling.burstLimit must be an integer >= 0'],
    [{ rateLimit: 'fast', burstLimit: 5 }, 'rateLimit must be a number'],
    [undefined, 'custom.apiStage.throttling must be { rateLimit, burstLimit }'],
  ])('refuses the stage throttle %j', (throttling, message) => {
    expect(() => stageSettingsOf(config({}, { throttling }))).toThrow(message);
  });

  it('caches a method only when the stage has a cache cluster and the event enables it, with its key parameters', () => {
    const functions = {
      getProduct: {
        events: [{ http: { path: '/products/{id}', method: 'get', caching: { enabled: true, cacheKeyParameters: [{ name: 'request.path.id' }] } } }],
      },
      listProducts: { events: [{ http: { path: '/products', method: 'get' } }] },
    };
    const on = stageSettingsOf(config(functions));
    expect(methodSettingsOf(on, 'GET', '/products/{id}')?.caching).toEqual({
      enabled: true,
      ttlInSeconds: 30,
      dataEncrypted: false,
      cacheKeyParameters: ['request.path.id'],
    });
    expect(methodSettingsOf(on, 'GET', '/products')?.caching.enabled).toBe(false);
    const off = stageSettingsOf(config(functions, { caching: { enabled: false } }));
    expect(off.cache.clusterEnabled).toBe(false);
    expect(methodSettingsOf(off, 'GET', '/products/{id}')?.caching).toMatchObject({ enabled: false, cacheKeyParameters: [] });
  });

  it('refuses a cache key parameter API Gateway would not know', () => {
    const functions = {
      get: { events: [{ http: { path: '/x', method: 'get', caching: { enabled: true, cacheKeyParameters: [{ name: 'querystring.q' }] } } }] },
    };
    expect(() => stageSettingsOf(config(functions))).toThrow('request.(path|querystring|header)');
  });

  it('turns a clientThrottling into a rule matching the route on the custom domain and on the stage endpoint', () => {
    const settings = stageSettingsOf(
      config({
        signIn: { events: [{ http: { path: '/sessions', method: 'post', clientThrottling: { limit: 10, windowSeconds: 60 } } }] },
        register: { events: [{ http: { path: '/', method: 'post', clientThrottling: { limit: '20', windowSeconds: '300' } } }] },
      }),
    );
    expect(settings.clientRateRules).toEqual([
      {
        name: 'client-rate-signIn',
        functionName: 'signIn',
        method: 'POST',
        path: '/sessions',
        uriPattern: '^(/v1/users|/dev)/sessions/?$',
        limit: 10,
        windowSeconds: 60,
      },
      { name: 'client-rate-register', functionName: 'register', method: 'POST', path: '/', uriPattern: '^(/v1/users|/dev)/?$', limit: 20, windowSeconds: 300 },
    ]);
  });

  it('matches the route with or without a trailing slash, URL-encoded or not, and nothing else', () => {
    const [rule] = stageSettingsOf(
      config({ signIn: { events: [{ http: { path: '/sessions', method: 'post', clientThrottling: { limit: 10, windowSeconds: 60 } } }] } }),
    ).clientRateRules;
    for (const path of ['/v1/users/sessions', '/v1/users/sessions/', '/dev/sessions', '/v1/users/%73essions'])
      expect(matchesUriPattern(rule!, path)).toBe(true);
    for (const path of ['/v1/users/sessionsX', '/v1/users/sessions/x', '/v1/usersXsessions', '/v2/users/sessions', '/v1/users'])
      expect(matchesUriPattern(rule!, path)).toBe(false);
  });

  it('refuses two per-client limits on one function (their rules would share a name)', () => {
    const clientThrottling = { limit: 10, windowSeconds: 60 };
    const functions = {
      signIn: { events: [{ http: { path: '/sessions', method: 'post', clientThrottling } }, { http: { path: '/login', method: 'post', clientThrottling } }] },
    };
    expect(() => stageSettingsOf(config(functions))).toThrow('one per function');
  });

  it.each([
    [{ limit: 5, windowSeconds: 60 }, 'limit must be an integer >= 10'],
    [{ limit: 10, windowSeconds: 30 }, 'windowSeconds must be one of 60, 120, 300, 600'],
  ])('refuses a per-client limit AWS WAF cannot express: %j', (clientThrottling, message) => {
    const functions = { signIn: { events: [{ http: { path: '/sessions', method: 'post', clientThrottling } }] } };
    expect(() => stageSettingsOf(config(functions))).toThrow(message);
  });

  it('refuses a per-client limit on a route with path parameters (the rule matches exact paths)', () => {
    const functions = { cancel: { events: [{ http: { path: '/{id}/cancel', method: 'post', clientThrottling: { limit: 10, windowSeconds: 60 } } }] } };
    expect(() => stageSettingsOf(config(functions))).toThrow('only routes without path parameters');
  });

  it('ignores events that are not http', () => {
    expect(stageSettingsOf(config({ tick: { events: [{ schedule: 'rate(1 minute)' }] } })).methods).toEqual([]);
  });
});

describe('resourcePath', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['products', '/products'],
    ['/products/{id}/', '/products/{id}'],
  ])('%s -> %s', (input, output) => expect(resourcePath(input)).toBe(output));
});
