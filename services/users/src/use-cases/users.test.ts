import { memoryDeps } from '../../test/memory-ports';
import { StaleUserError, EmailTakenError, InvalidCurrentPasswordError, TooManyAttemptsError, UserNotFoundError } from '../domain/errors';
import type { UserRepository } from '../ports';
import { createAccount, getUser, registerUser, updateMe } from './users';

const ada = { email: 'ada@example.com', password: 'analytical-engine', displayName: 'Ada' };

const CLIENT = 'ip:203.0.113.20';

describe('registerUser', () => {
  it('creates a customer at version 1 and answers the public user without the hash', async () => {
    const { deps, users } = memoryDeps();
    const user = await registerUser(ada, deps);
    expect(user).toEqual({
      id: expect.any(String),
      email: ada.email,
      displayName: 'Ada',
      role: 'customer',
      version: 1,
      createdAt: '2026-05-01T10:00:00.000Z',
      updatedAt: '2026-05-01T10:00:00.000Z',
    });
    expect(user).not.toHaveProperty('passwordHash');
    expect(users.byId.get(user.id)?.passwordHash).toBe('hashed:analytical-engine');
  });

  it('refuses an email that is taken', async () => {
    const { deps } = memoryDeps();
    await registerUser(ada, deps);
    await expect(registerUser({ ...ada, displayName: 'Someone else' }, deps)).rejects.toBeInstanceOf(EmailTakenError);
  });

  it('never makes an admin, whatever the input object carries', async () => {
    const { deps } = memoryDeps();
    const sneaky = { ...ada, role: 'admin' } as typeof ada;
    expect((await registerUser(sneaky, deps)).role).toBe('customer');
  });

  it('lets trusted code (the seed) create an admin', async () => {
    const { deps } = memoryDeps();
    expect((await createAccount({ ...ada, role: 'admin' }, deps)).role).toBe('admin');
  });
});

describe('getUser', () => {
  it('answers 404 USER_NOT_FOUND for an unknown id', async () => {
    const { deps } = memoryDeps();
    await expect(getUser('01ARZ3NDEKTSV4RRFFQ69G5FAV', deps)).rejects.toBeInstanceOf(UserNotFoundError);
  });
});

describe('updateMe', () => {
  const setup = async () => {
    const ports = memoryDeps();
    const user = await registerUser(ada, ports.deps);
    return { ...ports, user };
  };

  it('changes the display name and bumps the version', async () => {
    const { deps, user } = await setup();
    expect(await updateMe(user.id, { displayName: 'Countess' }, 1, CLIENT, deps)).toMatchObject({ displayName: 'Countess', version: 2 });
  });

  it('changes the password when the current one is right, storing only the new hash', async () => {
    const { deps, user, users } = await setup();
    const updated = await updateMe(user.id, { currentPassword: ada.password, newPassword: 'difference-engine' }, 1, CLIENT, deps);
    expect(updated).not.toHaveProperty('passwordHash');
    expect(users.byId.get(user.id)?.passwordHash).toBe('hashed:difference-engine');
  });

  it('refuses a wrong current password with 403 and changes nothing, not even the name', async () => {
    const { deps, user, users } = await setup();
    const attempt = updateMe(user.id, { displayName: 'Eve', currentPassword: 'guess-guess-guess', newPassword: 'taken-over-now' }, 1, CLIENT, deps);
    await expect(attempt).rejects.toBeInstanceOf(InvalidCurrentPasswordError);
    expect(users.byId.get(user.id)).toMatchObject({ displayName: 'Ada', version: 1, passwordHash: 'hashed:analytical-engine' });
  });

  it('counts wrong current passwords with sign-in failures: a stolen token cannot guess the password', async () => {
    const { deps, user } = await setup();
    for (let i = 0; i < 5; i += 1) {
      await expect(updateMe(user.id, { currentPassword: `guess-${i}-guess-guess`, newPassword: 'taken-over-now' }, 1, CLIENT, deps)).rejects.toBeInstanceOf(
        InvalidCurrentPasswordError,
      );
    }
    await expect(updateMe(user.id, { currentPassword: ada.password, newPassword: 'taken-over-now' }, 1, CLIENT, deps)).rejects.toBeInstanceOf(
      TooManyAttemptsError,
    );
  });

  it('answers 404 when the account is gone', async () => {
    const { deps } = memoryDeps();
    await expect(updateMe('01ARZ3NDEKTSV4RRFFQ69G5FAV', { displayName: 'x' }, 1, CLIENT, deps)).rejects.toBeInstanceOf(UserNotFoundError);
  });

  it('refuses a stale If-Match version with 412 and changes nothing', async () => {
    const { deps, user, users } = await setup();
    await updateMe(user.id, { displayName: 'First' }, 1, CLIENT, deps);
    await expect(updateMe(user.id, { displayName: 'Stale' }, 1, CLIENT, deps)).rejects.toBeInstanceOf(StaleUserError);
    expect(users.byId.get(user.id)).toMatchObject({ displayName: 'First', version: 2 });
  });

  it('answers 412 when another writer wins between our read and our write, keeping their change', async () => {
    const { deps, user, users } = await setup();
    const wrapped: UserRepository = {
      ...deps.users,
      update: async (...args) => {
        await users.repository.update(args[0], { displayName: 'Other writer' }, 1, deps.now());
        return deps.users.update(...args);
      },
    };
    await expect(updateMe(user.id, { displayName: 'Mine' }, 1, CLIENT, { ...deps, users: wrapped })).rejects.toBeInstanceOf(StaleUserError);
    expect(users.byId.get(user.id)).toMatchObject({ displayName: 'Other writer', version: 2 });
  });
});
