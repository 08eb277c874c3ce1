import { loadSigningKey } from '@emporium/common/auth/signing-key';
import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { dynamodbSignInAttempts } from './adapters/dynamodb-sign-in-attempts';
import { dynamodbUserRepository } from './adapters/dynamodb-user-repository';
import { jwtAccessTokens } from './adapters/jwt-access-tokens';
import { scryptPasswordHasher } from './adapters/scrypt-password-hasher';
import { secretServiceClients } from './adapters/secret-service-clients';
import type { Deps } from './ports';

/** Read only by functions that sign tokens (signIn), on first use. */
const tokenConfig = defineConfig(
  z.object({
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600),
  }),
);

/** Composition root: real adapters, built once per container on first use. */
export const getDeps = defineContainer(
  ({ db, tableName }): Deps => ({
    users: dynamodbUserRepository(db, tableName),
    signInAttempts: dynamodbSignInAttempts(db, tableName),
    passwords: scryptPasswordHasher(),
    tokens: jwtAccessTokens(() => {
      const { AUTH_ISSUER, AUTH_AUDIENCE, ACCESS_TOKEN_TTL_SECONDS } = tokenConfig();
      return { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS };
    }, loadSigningKey),
    serviceClients: secretServiceClients(),
    newId: monotonicFactory(),
    now: () => new Date(),
  }),
);
