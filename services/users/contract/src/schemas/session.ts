import { z } from 'zod';
import { email, givenPassword } from './user';

/** Sign-in. The email is normalised like at registration; the password is checked as sent. */
export const signInBody = z
  .strictObject({
    email,
    password: givenPassword,
  })
  .meta({ id: 'SignIn' });
export type SignInBody = z.output<typeof signInBody>;

export const accessTokenResponse = z
  .strictObject({
    accessToken: z.string().meta({ description: 'A JWT (ES256): send it as `Authorization: Bearer <accessToken>`' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().positive().meta({ description: 'Seconds until the token expires', example: 900 }),
  })
  .meta({ id: 'AccessToken' });
export type AccessTokenGrant = z.output<typeof accessTokenResponse>;

/** The published verification keys (RFC 7517 JWK Set): EC P-256 public keys, never `d`. */
export const jwksResponse = z
  .strictObject({
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
  })
  .meta({ id: 'JsonWebKeySet', description: 'The public keys (RFC 7517) that verify access tokens.' });
export type JsonWebKeySet = z.output<typeof jwksResponse>;

/** Client credentials of another service (OAuth 2.0 client-credentials style). */
export const serviceTokenBody = z
  .strictObject({
    clientId: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'Expected a service name such as "orders"').meta({ example: 'orders' }),
    clientSecret: z.string().min(1).max(256),
  })
  .meta({ id: 'ServiceCredentials', description: "Another service's client credentials (OAuth 2.0 client-credentials style)." });
export type ServiceTokenBody = z.output<typeof serviceTokenBody>;
