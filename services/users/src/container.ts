import { loadSigningKey } from '@emporium/common/auth/signing-key';
import { defineConfig } from '@emporium/common/config';
import { getDocumentClient } from '@emporium/common/dynamodb/client';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { dynamodbSignInAttempts } from './adapters/dynamodb-sign-in-attempts';
import { dynamodbUserRepository } from './adapters/dynamodb-user-repository';
import { jwtAccessTokens } from './adapters/jwt-access-tokens';
import { scryptPasswordHasher } from './adapters/scrypt-password-hasher';
import { secretServiceClients } from './adapters/secret-service-clients';
import type { Deps } from './ports';

const config = defineConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
  }),
);

/** Read only by functions that sign tokens (signIn), on first use. */
const tokenConfig = defineConfig(
  z.object({
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600),
  }),
);

let deps: Deps | undefined;

/** Composition root: real adapters, built once per container on first use. */
export const getDeps = (): Deps => {
  if (deps) return deps;
  const { TABLE_NAME } = config();
  const db = getDocumentClient();
  deps = {
    users: dynamodbUserRepository(db, TABLE_NAME),
    signInAttempts: dynamodbSignInAttempts(db, TABLE_NAME),
    passwords: scryptPasswordHasher(),
    tokens: jwtAccessTokens(() => {
      const { AUTH_ISSUER, AUTH_AUDIENCE, ACCESS_TOKEN_TTL_SECONDS } = tokenConfig();
      return { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS };
    }, loadSigningKey),
    serviceClients: secretServiceClients(),
    newId: monotonicFactory(),
    now: () => new Date(),
  };
  return deps;
};
