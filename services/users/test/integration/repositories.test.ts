import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { dynamodbSignInAttempts } from '../../src/adapters/dynamodb-sign-in-attempts';
import { dynamodbUserRepository } from '../../src/adapters/dynamodb-user-repository';
import { StaleUserError, EmailTakenError, UserNotFoundError } from '../../src/domain/errors';
import { decideAttempt, epochSeconds, SIGN_IN_LIMIT } from '../../src/domain/sign-in-attempts';
import { newUser } from '../../src/domain/user';
import type { SignInAttempts, UserRepository } from '../../src/ports';

const ulid = monotonicFactory();

jest.setTimeout(60_000);

let dynamo: LocalDynamo;
let table: string;
let users: UserRepository;
let attempts: SignInAttempts;
const now = new Date('2026-05-01T10:00:00.000Z');
const WINDOW = SIGN_IN_LIMIT.windowSeconds;

const aUser = (overrides: Partial<Parameters<typeof newUser>[0]> = {}) =>
  newUser({ email: `u-${ulid().toLowerCase()}@example.com`, displayName: 'Ada', role: 'customer', passwordHash: 'scrypt$hash', ...overrides }, ulid(), now);

const anEmail = () => `s-${ulid().toLowerCase()}@example.com`;

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  table = dynamo.tables['Table'] ?? '';
  users = dynamodbUserRepository(dynamo.documentClient, table);
  attempts = dynamodbSignInAttempts(dynamo.documentClient, table);
});

afterAll(() => dynamo?.stop());

describe('user repository', () => {
  it('stores a user and reads it by id and by email', async () => {
    const user = aUser();
    await users.create(user);
    expect(await users.get(user.id)).toEqual(user);
    expect(await users.findByEmail(user.email)).toEqual(user);
  });

  it('claims the email with a guard item pointing at the user', async () => {
    const user = aUser();
    await users.create(user);
    const { Item } = await dynamo.documentClient.send(new GetCommand({ TableName: table, Key: { pk: `EMAIL#${user.email}`, sk: 'EMAIL' } }));
    expect(Item).toEqual({ pk: `EMAIL#${user.email}`, sk: 'EMAIL', type: 'EMAIL', userId: user.id });
  });

  it('answers nothing for an unknown id or email', async () => {
    expect(await users.get(ulid())).toBeUndefined();
    expect(await users.findByEmail(anEmail())).toBeUndefined();
  });

  it('refuses a second user with the same email and leaves the first untouched', async () => {
    const first = aUser();
    await users.create(first);
    const second = aUser({ email: first.email, displayName: 'Eve' });
    await expect(users.create(second)).rejects.toBeInstanceOf(EmailTakenError);
    expect(await users.get(second.id)).toBeUndefined();
    expect(await users.findByEmail(first.email)).toEqual(first);
  });

  it('updates at the expected version and bumps it', async () => {
    const user = aUser();
    await users.create(user);
    const later = new Date('2026-05-02T10:00:00.000Z');
    const updated = await users.update(user.id, { displayName: 'Countess', passwordHash: 'scrypt$new' }, 1, later);
    expect(updated).toEqual({ ...user, displayName: 'Countess', passwordHash: 'scrypt$new', version: 2, updatedAt: later.toISOString() });
  });

  it('rejects a stale version and changes nothing', async () => {
    const user = aUser();
    await users.create(user);
    await users.update(user.id, { displayName: 'v2' }, 1, now);
    await expect(users.update(user.id, { displayName: 'stale' }, 1, now)).rejects.toBeInstanceOf(StaleUserError);
    expect(await users.get(user.id)).toMatchObject({ displayName: 'v2', version: 2 });
  });

  it('lets exactly one of many concurrent updates from one version win', async () => {
    const user = aUser();
    await users.create(user);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => users.update(user.id, { displayName: `writer ${i}` }, 1, now)));
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<UserRepository['update']>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(StaleUserError);
    }
    expect(await users.get(user.id)).toMatchObject({ displayName: won[0]?.value.displayName, version: 2 });
  });

  it('answers not found when updating a user that does not exist (and creates nothing)', async () => {
    const id = ulid();
    await expect(users.update(id, { displayName: 'ghost' }, 1, now)).rejects.toBeInstanceOf(UserNotFoundError);
    expect(await users.get(id)).toBeUndefined();
  });
});

describe('sign-in attempts', () => {
  const client = 'ip:198.51.100.7';
  const subject = () => ({ email: anEmail(), client });
  it('opens a window of 15 minutes at the first attempt', async () => {
    expect(await attempts.count(subject(), now, WINDOW)).toEqual({ attempts: 1, expiresAt: epochSeconds(now) + WINDOW });
  });

  it('keeps the window end fixed while counting', async () => {
    const pair = subject();
    await attempts.count(pair, now, WINDOW);
    const later = new Date(now.getTime() + 60_000);
    expect(await attempts.count(pair, later, WINDOW)).toEqual({ attempts: 2, expiresAt: epochSeconds(now) + WINDOW });
  });

  it('counts concurrent attempts atomically: none is lost', async () => {
    const pair = subject();
    const windows = await Promise.all(Array.from({ length: 12 }, () => attempts.count(pair, now, WINDOW)));
    expect(windows.map((w) => w.attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('locks after 5 failures: the sixth attempt is refused until the window ends', async () => {
    const pair = subject();
    for (let i = 1; i <= 5; i += 1) {
      expect(decideAttempt(await attempts.count(pair, now, WINDOW), now)).toEqual({ allowed: true });
    }
    const sixth = await attempts.count(pair, now, WINDOW);
    expect(sixth.attempts).toBe(6);
    expect(decideAttempt(sixth, now)).toEqual({ allowed: false, retryAfterSeconds: WINDOW });
  });

  it('stores expiresAt in epoch seconds for DynamoDB TTL', async () => {
    const pair = subject();
    await attempts.count(pair, now, WINDOW);
    const { Item } = await dynamo.documentClient.send(new GetCommand({ TableName: table, Key: { pk: `SIGNIN#${pair.email}`, sk: `CLIENT#${client}` } }));
    expect(Item).toEqual({ pk: `SIGNIN#${pair.email}`, sk: `CLIENT#${client}`, type: 'SIGNIN', attempts: 1, expiresAt: epochSeconds(now) + WINDOW });
  });

  it('starts a new window once the stored one has ended (TTL deletes lazily)', async () => {
    const pair = subject();
    for (let i = 0; i < 7; i += 1) await attempts.count(pair, now, WINDOW);
    const afterWindow = new Date(now.getTime() + WINDOW * 1000);
    expect(await attempts.count(pair, afterWindow, WINDOW)).toEqual({ attempts: 1, expiresAt: epochSeconds(afterWindow) + WINDOW });
  });

  it('opens exactly one new window when concurrent attempts find the old one ended', async () => {
    const pair = subject();
    for (let i = 0; i < 6; i += 1) await attempts.count(pair, now, WINDOW);
    const afterWindow = new Date(now.getTime() + (WINDOW + 5) * 1000);
    const windows = await Promise.all(Array.from({ length: 6 }, () => attempts.count(pair, afterWindow, WINDOW)));
    expect(windows.map((w) => w.attempts).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('counts each client of one email apart', async () => {
    const pair = subject();
    for (let i = 0; i < 6; i += 1) await attempts.count(pair, now, WINDOW);
    expect((await attempts.count({ ...pair, client: 'ip:203.0.113.20' }, now, WINDOW)).attempts).toBe(1);
  });

  it('forgets the attempts on reset', async () => {
    const pair = subject();
    for (let i = 0; i < 6; i += 1) await attempts.count(pair, now, WINDOW);
    await attempts.reset(pair);
    expect((await attempts.count(pair, now, WINDOW)).attempts).toBe(1);
  });
});
