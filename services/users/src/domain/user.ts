import type { Role } from '@emporium/common/auth/context';
import type { PublicUser } from '@emporium/users-contract/schemas/user';

/** Roles an account can hold; `service` is for machine credentials, never a user. */
export type UserRole = Extract<Role, 'customer' | 'admin'>;

/** A user as stored. `passwordHash` never leaves the service: answer with `toPublicUser`. */
export interface User {
  id: string;
  /** Normalised: trimmed and lowercase. Unique (guard item); cannot be changed. */
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What callers see of a user: everything but the password hash (the contract's User). */
export type { PublicUser };

export interface NewUserInput {
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
}

/** The fields an update may change; everything else (id, email, role, version, dates) is the system's. */
export type UserChanges = Partial<Pick<User, 'displayName' | 'passwordHash'>>;

export const newUser = (input: NewUserInput, id: string, now: Date): User => ({
  id,
  ...input,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** Picks the public fields explicitly, so a field added to User stays private until listed here. */
export const toPublicUser = (user: User): PublicUser => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  version: user.version,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});
