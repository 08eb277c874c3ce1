import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { SigningKey } from './tokens';
import { ACCESS_TOKEN_ALGORITHM, CLOCK_TOLERANCE_SECONDS, InvalidTokenError, jwksFrom, publicJwk, signAccessToken, verifyAccessToken } from './tokens';

const settings = { issuer: 'https://api.test.example.com/v1/users', audience: 'emporium-api' };

const newKey = async (): Promise<SigningKey> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk) } as SigningKey;
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens', () => {
  let key: SigningKey;
  let other: SigningKey;
  let keys: ReturnType<typeof jwksFrom>;

  beforeAll(async () => {
    key = await newKey();
    other = await newKey();
    keys = jwksFrom({ keys: [publicJwk(key)] });
  });

  const sign = (overrides: { iss?: string; aud?: string; exp?: string | number; nbf?: string | number; kid?: string; signWith?: SigningKey } = {}) => {
    const jwt = new SignJWT({ role: 'customer' })
      .setProtectedHeader({ alg: 'ES256', kid: overrides.kid ?? key.kid })
      .setSubject('user-1')
      .setIssuer(overrides.iss ?? settings.issuer)
      .setAudience(overrides.aud ?? settings.audience)
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '15m');
    if (overrides.nbf !== undefined) jwt.setNotBefore(overrides.nbf);
    return importJWK(overrides.signWith ?? key, 'ES256').then((privateKey) => jwt.sign(privateKey));
  };

  it('round-trips subject and role', async () => {
    const token = await signAccessToken({ sub: 'user-1', role: 'admin' }, key, { ...settings, ttlSeconds: 60 });
    expect(await verifyAccessToken(token, keys, settings)).toEqual({ sub: 'user-1', role: 'admin' });
  });

  it('puts the key id and algorithm in the header', async () => {
    const token = await signAccessToken({ sub: 'u', role: 'customer' }, key, { ...settings, ttlSeconds: 60 });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
  });

  const rejected: [string, () => Promise<string>][] = [
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', kid: key.kid })}.${b64({ sub: 'u', role: 'admin', iss: settings.issuer, aud: settings.audience, exp: 9999999999, iat: 1 })}.`,
    ],
    [
      'HS256 signed with the public key as secret',
      async () => {
        const head = `${b64({ alg: 'HS256', kid: key.kid })}.${b64({ sub: 'u', role: 'admin', iss: settings.issuer, aud: settings.audience, exp: 9999999999, iat: 1 })}`;
        const secret = JSON.stringify(publicJwk(key));
        return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
      },
    ],
    ['expired', () => sign({ exp: Math.floor(Date.now() / 1000) - 120 })],
    ['not yet valid', () => sign({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['wrong audience', () => sign({ aud: 'someone-else' })],
    ['wrong issuer', () => sign({ iss: 'https://evil.example.com' })],
    ['unknown kid', () => sign({ kid: 'unknown' })],
    ['signed by another key under our kid', () => sign({ signWith: other })],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = (await sign()).split('.');
        return `${header}.${b64({ sub: 'user-1', role: 'admin', iss: settings.issuer, aud: settings.audience, exp: 9999999999, iat: 1 })}.${signature}`;
      },
    ],
    ['garbage', async () => 'not.a.token'],
    ['empty', async () => ''],
  ];

  it.each(rejected)('rejects %s', async (_, make) => {
    await expect(verifyAccessToken(await make(), keys, settings)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('treats a key set that cannot be fetched as an outage, not as a bad token', async () => {
    const server = http.createServer((_, res) => {
      res.statusCode = 503;
      res.end('unavailable');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const remote = jwksFrom({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` });
      const token = await signAccessToken({ sub: 'u', role: 'customer' }, key, { ...settings, ttlSeconds: 60 });
      const error = await verifyAccessToken(token, remote, settings).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(InvalidTokenError);
    } finally {
      server.close();
    }
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await sign({ exp: Math.floor(Date.now() / 1000) - 10 });
    await expect(verifyAccessToken(token, keys, settings)).resolves.toEqual({ sub: 'user-1', role: 'customer' });
  });

  it('refuses a token whose claims we rely on are missing or unknown, saying so', async () => {
    const withClaims = async (claims: Record<string, unknown>, subject?: string) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: key.kid })
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime('5m');
      if (subject !== undefined) jwt.setSubject(subject);
      return jwt.sign(await importJWK(key, 'ES256'));
    };
    await expect(verifyAccessToken(await withClaims({ role: 'root' }, 'u'), keys, settings)).rejects.toThrow(
      new InvalidTokenError('token claims are incomplete'),
    );
    await expect(verifyAccessToken(await withClaims({}, 'u'), keys, settings)).rejects.toThrow('token claims are incomplete');
    await expect(verifyAccessToken(await withClaims({ role: 'admin' }, ''), keys, settings)).rejects.toThrow('token claims are incomplete');
    const noSubject = (await verifyAccessToken(await withClaims({ role: 'admin' }), keys, settings).catch((error: unknown) => error)) as Error;
    expect(noSubject).toBeInstanceOf(InvalidTokenError);
    expect(noSubject.message).toMatch(/^ERR_JWT_CLAIM_VALIDATION_FAILED: /);
  });

  it('names the reason of a refused token for the logs: the jose code and message', async () => {
    const error = (await verifyAccessToken(await sign({ aud: 'someone-else' }), keys, settings).catch((e: unknown) => e)) as InvalidTokenError;
    expect(error.name).toBe('InvalidTokenError');
    expect(error.message).toMatch(/^ERR_JWT_CLAIM_VALIDATION_FAILED: .*aud/);
    const unknownKid = (await verifyAccessToken(await sign({ kid: 'unknown' }), keys, settings).catch((e: unknown) => e)) as InvalidTokenError;
    expect(unknownKid.message).toMatch(/^ERR_JWKS_NO_MATCHING_KEY: /);
  });

  it('passes on an error that is not about the token', async () => {
    const broken = async () => Promise.reject(new TypeError('key store broken'));
    await expect(verifyAccessToken(await sign(), broken, settings)).rejects.toThrow(new TypeError('key store broken'));
  });

  it('signs with the expiry asked for', async () => {
    const token = await signAccessToken({ sub: 'u', role: 'service' }, key, { ...settings, ttlSeconds: 90 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({
      role: 'service',
      sub: 'u',
      iss: settings.issuer,
      aud: settings.audience,
      iat: expect.any(Number),
      exp: (payload['iat'] as number) + 90,
    });
  });

  it('publishes only the public half of the key, for ES256 signatures', () => {
    expect(publicJwk(key)).toEqual({ kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid: key.kid, alg: 'ES256', use: 'sig' });
    expect(ACCESS_TOKEN_ALGORITHM).toBe('ES256');
    expect(CLOCK_TOLERANCE_SECONDS).toBe(30);
  });

  it('refuses a token that expired beyond the clock tolerance', async () => {
    await expect(verifyAccessToken(await sign({ exp: Math.floor(Date.now() / 1000) - 40 }), keys, settings)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
