import { loadSigningKey } from '@emporium/common/auth/signing-key';
import { defineConfig } from '@emporium/common/config';
import { once } from '@emporium/common/container';
import * as z from 'zod/mini';
import { jwtAccessTokens } from './adapters/jwt-access-tokens';
import { secretServiceClients } from './adapters/secret-service-clients';
import type { Deps } from './ports';
import { coercedNumber } from '@emporium/common/contract/formats';

/** Read only by functions that sign tokens (signIn), on first use. */
const tokenConfig = defineConfig(
  z.object({
    AUTH_ISSUER: z.string().check(z.minLength(1)),
    AUTH_AUDIENCE: z.string().check(z.minLength(1)),
    ACCESS_TOKEN_TTL_SECONDS: coercedNumber().check(z.int(), z.gte(60), z.lte(3600)),
  }),
);

/**
 * The composition root of token signing: the signing key (an SSM SecureString, read through the
 * Parameters and Secrets extension), JOSE, and the service clients' secrets. Imported by the
 * handlers that sign or publish tokens only (sign-in, issue-service-token, get-jwks), so no other
 * function bundles JOSE.
 */
export const getTokenDeps = once((): Pick<Deps, 'tokens' | 'serviceClients'> => ({
  tokens: jwtAccessTokens(() => {
    const { AUTH_ISSUER, AUTH_AUDIENCE, ACCESS_TOKEN_TTL_SECONDS } = tokenConfig();
    return { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS };
  }, loadSigningKey),
  serviceClients: secretServiceClients(),
}));
