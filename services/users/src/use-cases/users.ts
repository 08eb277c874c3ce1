import { ValidationError } from '@emporium/common/errors';
import { ConcurrentUpdateError, InvalidCurrentPasswordError, UserNotFoundError } from '../domain/errors';
import type { PublicUser, User, UserChanges, UserRole } from '../domain/user';
import { newUser, toPublicUser } from '../domain/user';
import type { Deps } from '../ports';
import { countPasswordAttempt } from './password-attempts';

export interface NewAccountInput {
  email: string;
  password: string;
  displayName: string;
  role: UserRole;
}

/** Creates an account with a given role: registration (customer) and the local admin seed use it. */
export const createAccount = async (
  input: NewAccountInput,
  deps: Pick<Deps, 'users' | 'passwords' | 'newId' | 'now'>,
): Promise<PublicUser> => {
  const passwordHash = await deps.passwords.hash(input.password);
  const user = newUser(
    { email: input.email, displayName: input.displayName, role: input.role, passwordHash },
    deps.newId(),
    deps.now(),
  );
  await deps.users.create(user);
  return toPublicUser(user);
};

/** Self-service registration: the new account is always a customer. */
export const registerUser = (
  input: Omit<NewAccountInput, 'role'>,
  deps: Pick<Deps, 'users' | 'passwords' | 'newId' | 'now'>,
): Promise<PublicUser> => createAccount({ ...input, role: 'customer' }, deps);

const loadUser = async (id: string, deps: Pick<Deps, 'users'>): Promise<User> => {
  const user = await deps.users.get(id);
  if (!user) throw new UserNotFoundError(id);
  return user;
};

export const getUser = async (id: string, deps: Pick<Deps, 'users'>): Promise<PublicUser> =>
  toPublicUser(await loadUser(id, deps));

export interface UpdateMeInput {
  displayName?: string;
  currentPassword?: string;
  newPassword?: string;
}

/** A lost version race is retried once (re-read, re-check), then answered 409 CONCURRENT_UPDATE. */
const MAX_UPDATE_ATTEMPTS = 2;

/**
 * The caller changes their own display name and/or password. The write is conditional on the
 * version read, so two concurrent updates never overwrite each other unseen; a password change is
 * checked against the hash of exactly the version it replaces (a retry checks again).
 */
export const updateMe = async (
  userId: string,
  input: UpdateMeInput,
  deps: Pick<Deps, 'users' | 'passwords' | 'signInAttempts' | 'now'>,
): Promise<PublicUser> => {
  for (let attempt = 1; ; attempt += 1) {
    const user = await loadUser(userId, deps);
    const changes: UserChanges = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.newPassword !== undefined) {
      if (input.currentPassword === undefined) {
        throw new ValidationError('Current password required', {
          errors: [{ path: 'body.currentPassword', message: 'Required to change the password', code: 'custom' }],
        });
      }
      await countPasswordAttempt(user.email, deps);
      if (!(await deps.passwords.verify(input.currentPassword, user.passwordHash))) throw new InvalidCurrentPasswordError();
      await deps.signInAttempts.reset(user.email);
      changes.passwordHash = await deps.passwords.hash(input.newPassword);
    }
    try {
      return toPublicUser(await deps.users.update(user.id, changes, user.version, deps.now()));
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_UPDATE_ATTEMPTS) throw error;
    }
  }
};
