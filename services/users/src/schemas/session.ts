import { z } from 'zod';
import { email, givenPassword } from './user';

/** Sign-in. The email is normalised like at registration; the password is checked as sent. */
export const signInBody = z.strictObject({
  email,
  password: givenPassword,
});
export type SignInBody = z.output<typeof signInBody>;

export const accessTokenResponse = z.strictObject({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the token expires. */
  expiresIn: z.number().int().positive(),
});

/** The published verification keys (RFC 7517 JWK Set): EC P-256 public keys, never `d`. */
export const jwksResponse = z.strictObject({
  keys: z.array(
    z.strictObject({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      alg: z.literal('ES256'),
      use: z.literal('sig'),
    }),
  ),
});

/** Client credentials of another service (OAuth 2.0 client-credentials style). */
export const serviceTokenBody = z.strictObject({
  clientId: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'Expected a service name such as "orders"'),
  clientSecret: z.string().min(1).max(256),
});
export type ServiceTokenBody = z.output<typeof serviceTokenBody>;
