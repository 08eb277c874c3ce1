import { defineContainer } from '@emporium/common/container';
import { dynamodbSignInAttempts } from './adapters/dynamodb-sign-in-attempts';
import { dynamodbUserRepository } from './adapters/dynamodb-user-repository';
import { scryptPasswordHasher } from './adapters/scrypt-password-hasher';
import type { Deps } from './ports';

/**
 * Composition root: real adapters, built once per container on first use. Token signing and the
 * service clients' secrets (JOSE, the Parameters and Secrets extension) are in ./token-container, imported only by the functions
 * that sign tokens, so the others' bundles do not hold them (docs/adr/0022).
 */
export const getDeps = defineContainer(({ db, tableName }): Omit<Deps, 'tokens' | 'serviceClients' | 'newId'> => ({
  users: dynamodbUserRepository(db, tableName),
  signInAttempts: dynamodbSignInAttempts(db, tableName),
  passwords: scryptPasswordHasher(),
  now: () => new Date(),
}));
