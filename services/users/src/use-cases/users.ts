import { ValidationError } from '@emporium/common/errors';
import type { RegisterUserBody, UpdateMeBody } from '@emporium/users-contract/schemas/user';
import { InvalidCurrentPasswordError, StaleUserError, UserNotFoundError } from '../domain/errors';
import type { PublicUser, User, UserChanges, UserRole } from '../domain/user';
import { newUser, toPublicUser } from '../domain/user';
import type { Deps } from '../ports';
import { countPasswordAttempt } from './password-attempts';

export type NewAccountInput = RegisterUserBody & { role: UserRole };

/** Creates an account with a given role: registration (customer) and the local admin seed use it. */
export const createAccount = async (input: NewAccountInput, deps: Pick<Deps, 'users' | 'passwords' | 'newId' | 'now'>): Promise<PublicUser> => {
  const passwordHash = await deps.passwords.hash(input.password);
  const user = newUser({ email: input.email, displayName: input.displayName, role: input.role, passwordHash }, deps.newId(), deps.now());
  await deps.users.create(user);
  return toPublicUser(user);
};

/** Self-service registration: the new account is always a customer. */
export const registerUser = (input: RegisterUserBody, deps: Pick<Deps, 'users' | 'passwords' | 'newId' | 'now'>): Promise<PublicUser> =>
  createAccount({ ...input, role: 'customer' }, deps);

const loadUser = async (id: string, deps: Pick<Deps, 'users'>): Promise<User> => {
  const user = await deps.users.get(id);
  if (!user) throw new UserNotFoundError(id);
  return user;
};

export const getUser = async (id: string, deps: Pick<Deps, 'users'>): Promise<PublicUser> => toPublicUser(await loadUser(id, deps));

/**
 * The caller changes their own display name and/or password, if their account is still at the
 * version they read (If-Match): a stale version is 412 and changes nothing, so two concurrent
 * updates never overwrite each other unseen. A password change is checked against the hash of
 * exactly that version.
 */
export const updateMe = async (
  userId: string,
  input: UpdateMeBody,
  expectedVersion: number,
  client: string,
  deps: Pick<Deps, 'users' | 'passwords' | 'signInAttempts' | 'now'>,
): Promise<PublicUser> => {
  const user = await loadUser(userId, deps);
  if (user.version !== expectedVersion) throw new StaleUserError(expectedVersion, user.version);
  const changes: UserChanges = {};
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.newPassword !== undefined) {
    if (input.currentPassword === undefined) {
      throw new ValidationError('Current password required', {
        errors: [{ path: 'body.currentPassword', message: 'Required to change the password', code: 'custom' }],
      });
    }
    const subject = { email: user.email, client };
    await countPasswordAttempt(subject, deps);
    if (!(await deps.passwords.verify(input.currentPassword, user.passwordHash))) throw new InvalidCurrentPasswordError();
    await deps.signInAttempts.reset(subject);
    changes.passwordHash = await deps.passwords.hash(input.newPassword);
  }
  return toPublicUser(await deps.users.update(user.id, changes, expectedVersion, deps.now()));
};
