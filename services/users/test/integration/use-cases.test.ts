/**
 * The use cases over the real adapters (local engine, real scrypt): races and limits as they
 * happen against DynamoDB semantics.
 */
import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { dynamodbSignInAttempts } from '../../src/adapters/dynamodb-sign-in-attempts';
import { dynamodbUserRepository } from '../../src/adapters/dynamodb-user-repository';
import { scryptPasswordHasher } from '../../src/adapters/scrypt-password-hasher';
import { EmailTakenError, InvalidCredentialsError, TooManyAttemptsError } from '../../src/domain/errors';
import type { Deps, UserRepository } from '../../src/ports';
import { registerUserBody } from '@emporium/users-contract/schemas/user';
import { signIn } from '../../src/use-cases/sessions';
import { registerUser, updateMe } from '../../src/use-cases/users';
import { clock, fakeTokens } from '../memory-ports';

const ulid = monotonicFactory();
/** The client of these tests' password attempts (its source address, as the gateway saw it). */
const CLIENT = 'ip:203.0.113.20';

jest.setTimeout(60_000);

let dynamo: LocalDynamo;
let deps: Deps;
const time = clock();

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  const table = dynamo.tables['Table'] ?? '';
  deps = {
    users: dynamodbUserRepository(dynamo.documentClient, table),
    signInAttempts: dynamodbSignInAttempts(dynamo.documentClient, table),
    passwords: scryptPasswordHasher(),
    tokens: fakeTokens(),
    serviceClients: { secretOf: async () => undefined },
    newId: ulid,
    now: time.now,
  };
});

afterAll(() => dynamo?.stop());

const password = 'analytical-engine';
const register = (email: string) => registerUser(registerUserBody.parse({ email, password, displayName: 'Ada' }), deps);

describe('registration', () => {
  it('lets exactly one of 10 concurrent registrations of one email win, also when they differ only in case', async () => {
    const local = `ada-${ulid().toLowerCase()}`;
    const variants = [`${local}@example.com`, `${local.toUpperCase()}@EXAMPLE.COM`, ` ${local}@Example.com `];
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => register(variants[i % variants.length]!)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(EmailTakenError);
    }
    expect((await deps.users.findByEmail(`${local}@example.com`))?.email).toBe(`${local}@example.com`);
  });

  it('stores a scrypt hash the account can sign in with', async () => {
    const email = `ada-${ulid().toLowerCase()}@example.com`;
    const user = await register(email);
    const stored = await deps.users.get(user.id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(password);
    await expect(signIn({ email, password }, CLIENT, deps)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });
});

describe('sign-in lockout', () => {
  const other = 'ip:198.51.100.7';
  const fail = (email: string) => expect(signIn({ email, password: 'not-the-password' }, CLIENT, deps)).rejects.toBeInstanceOf(InvalidCredentialsError);

  it('refuses the right password after 5 failures, until the window ends', async () => {
    const email = `ada-${ulid().toLowerCase()}@example.com`;
    await register(email);
    for (let i = 0; i < 5; i += 1) await fail(email);
    const refused = await signIn({ email, password }, CLIENT, deps).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).headers?.['retry-after']).toBe('900');
    time.advanceSeconds(15 * 60);
    await expect(signIn({ email, password }, CLIENT, deps)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('locks an email without an account after 5 failures just the same', async () => {
    const email = `nobody-${ulid().toLowerCase()}@example.com`;
    for (let i = 0; i < 5; i += 1) await fail(email);
    await expect(signIn({ email, password }, CLIENT, deps)).rejects.toBeInstanceOf(TooManyAttemptsError);
  });

  it('checks at most 5 passwords per window even when guesses arrive in parallel', async () => {
    const email = `ada-${ulid().toLowerCase()}@example.com`;
    await register(email);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => signIn({ email, password: 'not-the-password' }, CLIENT, deps)));
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).constructor.name : 'signed in'));
    expect(reasons.filter((name) => name === 'InvalidCredentialsError')).toHaveLength(5);
    expect(reasons.filter((name) => name === 'TooManyAttemptsError')).toHaveLength(7);
  });

  it('keeps the lock to the client that failed: another client signs in meanwhile', async () => {
    const email = `ada-${ulid().toLowerCase()}@example.com`;
    await register(email);
    for (let i = 0; i < 5; i += 1) await fail(email);
    await expect(signIn({ email, password }, CLIENT, deps)).rejects.toBeInstanceOf(TooManyAttemptsError);
    await expect(signIn({ email, password }, other, deps)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('starts counting again after a successful sign-in', async () => {
    const email = `ada-${ulid().toLowerCase()}@example.com`;
    await register(email);
    for (let i = 0; i < 4; i += 1) await fail(email);
    await signIn({ email, password }, CLIENT, deps);
    for (let i = 0; i < 5; i += 1) await fail(email);
  });
});

describe('PATCH /me version race', () => {
  it("answers 412 to the loser of two concurrent changes of one version and keeps the winner's change", async () => {
    const user = await register(`ada-${ulid().toLowerCase()}@example.com`);
    // The other writer commits between this update's read and its write.
    let raced = false;
    const racingUsers: UserRepository = {
      ...deps.users,
      update: async (...args) => {
        if (!raced) {
          raced = true;
          await updateMe(user.id, { currentPassword: password, newPassword: 'difference-engine' }, 1, CLIENT, deps);
        }
        return deps.users.update(...args);
      },
    };
    await expect(updateMe(user.id, { displayName: 'Countess' }, 1, CLIENT, { ...deps, users: racingUsers })).rejects.toMatchObject({
      status: 412,
      code: 'PRECONDITION_FAILED',
    });
    const stored = await deps.users.get(user.id);
    expect(stored).toMatchObject({ displayName: user.displayName, version: 2 });
    expect(await deps.passwords.verify('difference-engine', stored?.passwordHash)).toBe(true);
  });

  it('applies exactly one of many concurrent changes of one version; the others answer 412', async () => {
    const user = await register(`ada-${ulid().toLowerCase()}@example.com`);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => updateMe(user.id, { displayName: `writer ${i}` }, 1, CLIENT, deps)));
    const applied = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof updateMe>>> => r.status === 'fulfilled');
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect((r.reason as { code?: string }).code).toBe('PRECONDITION_FAILED');
    }
    expect(applied).toHaveLength(1);
    expect((await deps.users.get(user.id))?.displayName).toBe(applied[0]?.value.displayName);
  });
});
