import * as z from 'zod/mini';
import { DOCS, withMeta } from '@emporium/common/contract/meta';
import { email, givenPassword } from './user';

/** Sign-in. The email is normalised like at registration; the password is checked as sent. */
export const signInBody = withMeta(
  z.strictObject({
    email,
    password: givenPassword,
  }),
  DOCS && { id: 'SignIn' },
);
export type SignInBody = z.output<typeof signInBody>;

export const accessTokenResponse = withMeta(
  z.strictObject({
    accessToken: withMeta(z.string(), DOCS && { description: 'A JWT (ES256): send it as `Authorization: Bearer <accessToken>`' }),
    tokenType: z.literal('Bearer'),
    expiresIn: withMeta(z.number().check(z.int(), z.positive()), DOCS && { description: 'Seconds until the token expires', example: 900 }),
  }),
  DOCS && { id: 'AccessToken' },
);
export type AccessTokenGrant = z.output<typeof accessTokenResponse>;

/** The published verification keys (RFC 7517 JWK Set): EC P-256 public keys, never `d`. */
export const jwksResponse = withMeta(
  z.strictObject({
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
  }),
  DOCS && { id: 'JsonWebKeySet', description: 'The public keys (RFC 7517) that verify access tokens.' },
);
export type JsonWebKeySet = z.output<typeof jwksResponse>;

/** Client credentials of another service (OAuth 2.0 client-credentials style). */
export const serviceTokenBody = withMeta(
  z.strictObject({
    clientId: withMeta(z.string().check(z.regex(/^[a-z][a-z0-9-]{1,31}$/, 'Expected a service name such as "orders"')), DOCS && { example: 'orders' }),
    clientSecret: z.string().check(z.minLength(1), z.maxLength(256)),
  }),
  DOCS && { id: 'ServiceCredentials', description: "Another service's client credentials (OAuth 2.0 client-credentials style)." },
);
export type ServiceTokenBody = z.output<typeof serviceTokenBody>;
