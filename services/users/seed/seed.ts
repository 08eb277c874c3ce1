/**
 * Seed hook of the local platform: creates the local admin through the service's own code
 * (use case + repository), idempotently, so a persistent store can be seeded again. The platform
 * runs it with TABLE_NAME and DYNAMODB_ENDPOINT pointing at the local engine.
 */
import { getDeps } from '../src/container';
import { EmailTakenError } from '../src/domain/errors';
import { createAccount } from '../src/use-cases/users';
import { newId } from '@emporium/common/ids';

export const LOCAL_ADMIN = {
  email: 'admin@emporium.local',
  password: 'emporium-admin-local',
  displayName: 'Local Admin',
  role: 'admin',
} as const;

const CREDENTIALS_LINE = `admin: ${LOCAL_ADMIN.email} / ${LOCAL_ADMIN.password} (local stages only)`;

export const seed = async (): Promise<string[]> => {
  // A well-known admin password must never reach a real table: only the local engine is seeded.
  if (!process.env.DYNAMODB_ENDPOINT) {
    throw new Error('users seed: DYNAMODB_ENDPOINT is not set; the admin seed only runs against the local engine');
  }
  const deps = { ...getDeps(), newId };
  try {
    await createAccount(LOCAL_ADMIN, deps);
    return [CREDENTIALS_LINE];
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
  }
  const existing = await deps.users.findByEmail(LOCAL_ADMIN.email);
  if (existing?.role !== 'admin') {
    return [`admin: ${LOCAL_ADMIN.email} exists but is not an admin (registered by hand?); remove it from the store to re-seed`];
  }
  return [CREDENTIALS_LINE];
};
