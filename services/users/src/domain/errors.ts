import type { AppErrorOptions } from '@emporium/common/errors';
import { errorClass, PreconditionFailedError } from '@emporium/common/errors';
import * as P from '@emporium/users-contract/problems';

export class UserNotFoundError extends errorClass(P.USER_NOT_FOUND) {
  constructor(id: string) {
    super(`User ${id} not found`, { detail: `No account has the id ${id}.` });
  }
}

export class EmailTakenError extends errorClass(P.EMAIL_TAKEN) {
  constructor() {
    // The email is not echoed: the caller sent it, and error details may end up in logs.
    super('Email taken', { detail: 'An account with this email exists already. Sign in, or use another email.' });
  }
}

/**
 * Wrong password and unknown email get this same answer, so sign-in never tells whether an account
 * exists.
 */
export class InvalidCredentialsError extends errorClass(P.INVALID_CREDENTIALS) {
  constructor() {
    super('Invalid credentials', { detail: 'The email or password is not correct.' });
  }
}

/** A password change whose currentPassword is wrong: the caller is signed in but not allowed this. */
export class InvalidCurrentPasswordError extends errorClass(P.INVALID_CURRENT_PASSWORD) {
  constructor() {
    super('Invalid current password', {
      detail: 'currentPassword is not the password of this account; the password was not changed.',
      errors: [{ path: 'body.currentPassword', message: 'Incorrect password', code: 'invalid_password' }],
    });
  }
}

/** Too many failed password attempts of one client for one email; the same answer whether or not it has an account. */
export class TooManyAttemptsError extends errorClass(P.TOO_MANY_ATTEMPTS) {
  constructor(retryAfterSeconds: number, options: AppErrorOptions = {}) {
    super('Too many failed attempts', {
      detail: `Too many failed password attempts for this email from your address. Retry in ${retryAfterSeconds} seconds.`,
      ...options,
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}

/** The account is no longer at the version the caller (If-Match) or this request read: 412, nothing changed. */
export class StaleUserError extends PreconditionFailedError {
  constructor(expected: number, actual?: number) {
    super('Version mismatch', {
      detail:
        actual === undefined
          ? `The account changed while this request was applying your change (you sent version ${expected}). Read it again and retry.`
          : `The account changed since you read it (you sent version ${expected}, it is now ${actual}). Read it again and retry.`,
    });
  }
}

/** Unknown service client or wrong secret: one answer for both. */
export class InvalidClientError extends errorClass(P.INVALID_CLIENT) {
  constructor() {
    super('Invalid client', { detail: 'The client id or secret is not correct.' });
  }
}
