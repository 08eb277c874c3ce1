/* eslint-disable @typescript-eslint/require-await -- async like the real ports: a fake's throw must be a rejection */
/**
 * In-memory ports for use-case and handler unit tests. They keep the contracts of src/ports.ts
 * (same domain errors, same window rules) and record what the use cases ask of them.
 */
import { StaleUserError, EmailTakenError, UserNotFoundError } from '../src/domain/errors';
import type { AttemptWindow } from '../src/domain/sign-in-attempts';
import { epochSeconds, isWindowOpen } from '../src/domain/sign-in-attempts';
import type { User } from '../src/domain/user';
import type { AccessTokens, Deps, PasswordHasher, SignInAttempts, UserRepository } from '../src/ports';

export const memoryUsers = () => {
  const byId = new Map<string, User>();
  const idByEmail = new Map<string, string>();
  const repository: UserRepository = {
    create: async (user) => {
      if (idByEmail.has(user.email)) throw new EmailTakenError();
      byId.set(user.id, user);
      idByEmail.set(user.email, user.id);
    },
    get: async (id) => byId.get(id),
    findByEmail: async (email) => {
      const id = idByEmail.get(email);
      return id === undefined ? undefined : byId.get(id);
    },
    update: async (id, changes, expectedVersion, now) => {
      const current = byId.get(id);
      if (!current) throw new UserNotFoundError(id);
      if (current.version !== expectedVersion) throw new StaleUserError(expectedVersion);
      const next = { ...current, ...changes, version: current.version + 1, updatedAt: now.toISOString() };
      byId.set(id, next);
      return next;
    },
  };
  return { repository, byId };
};

export const memoryAttempts = () => {
  const windows = new Map<string, AttemptWindow>();
  const attempts: SignInAttempts = {
    count: async ({ email, client }, now, windowSeconds) => {
      const key = `${email} ${client}`;
      const current = windows.get(key);
      const next =
        current && isWindowOpen(current, now) ? { ...current, attempts: current.attempts + 1 } : { attempts: 1, expiresAt: epochSeconds(now) + windowSeconds };
      windows.set(key, next);
      return next;
    },
    reset: async ({ email, client }) => {
      windows.delete(`${email} ${client}`);
    },
  };
  return { attempts, windows };
};

/** A fast, transparent stand-in for scrypt: `hashed:<password>`. Records every verify. */
export const fakeHasher = () => {
  const verified: { password: string; hash: string | undefined }[] = [];
  const hasher: PasswordHasher = {
    hash: async (password) => `hashed:${password}`,
    verify: async (password, hash) => {
      verified.push({ password, hash });
      return hash !== undefined && hash === `hashed:${password}`;
    },
  };
  return { hasher, verified };
};

export const fakeTokens = (): AccessTokens => ({
  issue: async (claims) => ({ accessToken: `token-for:${claims.sub}:${claims.role}`, expiresIn: 900 }),
  publicKeys: async () => [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256', use: 'sig' }],
});

/** A settable clock. */
export const clock = (start = '2026-05-01T10:00:00.000Z') => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advanceSeconds: (seconds: number) => {
      current = new Date(current.getTime() + seconds * 1000);
    },
  };
};

/** Every port in memory, with handles on the fakes. */
export const memoryDeps = () => {
  const users = memoryUsers();
  const attempts = memoryAttempts();
  const passwords = fakeHasher();
  const time = clock();
  let sequence = 0;
  const deps: Deps = {
    users: users.repository,
    signInAttempts: attempts.attempts,
    passwords: passwords.hasher,
    tokens: fakeTokens(),
    serviceClients: { secretOf: async (clientId) => (clientId === 'orders' ? 'orders-secret' : undefined) },
    newId: () => `01JUSER${String((sequence += 1)).padStart(19, '0')}`,
    now: time.now,
  };
  return { deps, users, attempts, passwords, time };
};
