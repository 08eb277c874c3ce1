import type { JWK, JWTVerifyGetKey } from 'jose';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, SignJWT } from 'jose';
import * as z from 'zod/mini';
import type { Role } from './context';

/** The one signature algorithm of access tokens; anything else (none, HS256, RS256) is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
/** Clock skew tolerated on exp/nbf/iat, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenSettings {
  issuer: string;
  audience: string;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
}

const claimsSchema = z.object({
  sub: z.string().check(z.minLength(1)),
  role: z.enum(['customer', 'admin', 'service']),
});

/** A private signing key as a JWK (EC P-256, with `kid`). */
export const signingKeySchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  d: z.string(),
  kid: z.string().check(z.minLength(1)),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

/** The public half of a signing key, as published in the JWKS. */
export const publicJwk = (key: SigningKey): JWK => ({
  kty: key.kty,
  crv: key.crv,
  x: key.x,
  y: key.y,
  kid: key.kid,
  alg: ACCESS_TOKEN_ALGORITHM,
  use: 'sig',
});

/**
 * Signs a short-lived access token: ES256, `kid` header, iss/aud/sub/iat/exp and the role claim.
 * The key is imported by the runtime's Web Crypto, whose `importKey('jwk')` is what jose's
 * `importJWK` calls for an EC key too; jose's own import handles every key type, ~3 KB more in
 * the sign-in bundle (docs/adr/0022). Not extractable, for signing only.
 */
export const signAccessToken = async (claims: AccessTokenClaims, key: SigningKey, settings: TokenSettings & { ttlSeconds: number }): Promise<string> =>
  new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .sign(await crypto.subtle.importKey('jwk', key, { name: 'ECDSA', namedCurve: key.crv }, false, ['sign']));

const TOKEN_FAULTS = new Set(['ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);
const isTokenFault = (code: string): boolean => code.startsWith('ERR_JWT_') || code.startsWith('ERR_JWS_') || TOKEN_FAULTS.has(code);

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Key lookup from a published JWKS URL (cached by jose) or from JWKs in hand (tests, rotation). */
export const jwksFrom = (source: { url: string } | { keys: JWK[] }): JWTVerifyGetKey =>
  'url' in source
    ? createRemoteJWKSet(new URL(source.url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 3_000 })
    : createLocalJWKSet({ keys: source.keys });

/**
 * Verifies an access token: ES256 only, key chosen by `kid` from the JWKS, exp/nbf with a small
 * clock tolerance, exact issuer and audience, and the claims we rely on. Throws InvalidTokenError
 * with the reason (for logs; callers answer a plain 401).
 */
export const verifyAccessToken = async (token: string, keys: JWTVerifyGetKey, settings: TokenSettings): Promise<AccessTokenClaims> => {
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('token claims are incomplete');
    return claims.data;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    // Only a fault of the token itself is a 401; a key set that cannot be fetched or read
    // (timeout, non-200, bad JSON) is an outage and surfaces as a 5xx.
    if (error instanceof errors.JOSEError && isTokenFault(error.code)) throw new InvalidTokenError(`${error.code}: ${error.message}`);
    throw error;
  }
};
