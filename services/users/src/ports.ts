import type { AccessTokenClaims, publicJwk } from '@emporium/common/auth/tokens';
import type { AttemptSubject, AttemptWindow } from './domain/sign-in-attempts';
import type { User, UserChanges } from './domain/user';

export interface UserRepository {
  /** Stores a new user and claims its email; throws EmailTakenError when another user holds the email. */
  create(user: User): Promise<void>;
  get(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /**
   * Applies changes if the user is at `expectedVersion` and bumps the version; throws
   * StaleUserError when it moved on, UserNotFoundError when it is gone.
   */
  update(id: string, changes: UserChanges, expectedVersion: number, now: Date): Promise<User>;
}

export interface SignInAttempts {
  /**
   * Atomically counts one password attempt of the client for the email in their open window, or
   * opens a new window (expiring `windowSeconds` from now) when none is open; returns the window
   * after counting.
   */
  count(subject: AttemptSubject, now: Date, windowSeconds: number): Promise<AttemptWindow>;
  /** Forgets the client's attempts for the email (after a correct password). */
  reset(subject: AttemptSubject): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `hash`. Without a hash (unknown account) it does the same work
   * against a fixed dummy hash and returns false, so both cases take as long. Never throws for a
   * malformed hash: that is simply no match.
   */
  verify(password: string, hash: string | undefined): Promise<boolean>;
}

export type PublicJwk = ReturnType<typeof publicJwk>;

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface AccessTokens {
  issue(claims: AccessTokenClaims): Promise<IssuedToken>;
  /** The public keys that verify issued tokens (the JWKS). */
  publicKeys(): Promise<PublicJwk[]>;
}

export interface ServiceClients {
  /** The secret of a known service client, or undefined for an unknown client id. */
  secretOf(clientId: string): Promise<string | undefined>;
}

export interface Deps {
  users: UserRepository;
  signInAttempts: SignInAttempts;
  passwords: PasswordHasher;
  tokens: AccessTokens;
  serviceClients: ServiceClients;
  newId: () => string;
  now: () => Date;
}
