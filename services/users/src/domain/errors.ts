import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '@emporium/common/errors';

export class UserNotFoundError extends NotFoundError {
  override readonly code = 'USER_NOT_FOUND';
  constructor(id: string) {
    super(`User ${id} not found`);
  }
}

export class EmailTakenError extends ConflictError {
  override readonly code = 'EMAIL_TAKEN';
  constructor() {
    // The email is not echoed: the caller sent it, and error details may end up in logs.
    super('Email taken', { detail: 'An account with this email exists already. Sign in, or use another email.' });
  }
}

/**
 * Wrong password and unknown email get this same answer, so sign-in never tells whether an account
 * exists.
 */
export class InvalidCredentialsError extends UnauthorizedError {
  override readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('Invalid credentials', { detail: 'The email or password is not correct.' });
  }
}

/** A password change whose currentPassword is wrong: the caller is signed in but not allowed this. */
export class InvalidCurrentPasswordError extends ForbiddenError {
  override readonly code = 'INVALID_CURRENT_PASSWORD';
  constructor() {
    super('Invalid current password', {
      detail: 'currentPassword is not the password of this account; the password was not changed.',
      errors: [{ path: 'body.currentPassword', message: 'Incorrect password', code: 'invalid_password' }],
    });
  }
}

/** Too many failed password attempts for one email; the same answer whether or not it has an account. */
export class TooManyAttemptsError extends TooManyRequestsError {
  override readonly code = 'TOO_MANY_ATTEMPTS';
  constructor(retryAfterSeconds: number) {
    super('Too many failed attempts', {
      detail: `Too many failed password attempts for this email. Retry in ${retryAfterSeconds} seconds.`,
      headers: {
        'retry-after': String(retryAfterSeconds),
        // Browsers read only exposed headers; the common CORS headers expose ETag and Location.
        'access-control-expose-headers': 'ETag, Location, Retry-After',
      },
    });
  }
}

/** The user changed between our read and our write (version condition), and once more on retry. */
export class ConcurrentUpdateError extends ConflictError {
  override readonly code = 'CONCURRENT_UPDATE';
  constructor(id: string) {
    super(`User ${id} changed concurrently`, {
      detail: 'The account was changed by another request at the same time. Read it again and retry.',
    });
  }
}

/** Unknown service client or wrong secret: one answer for both. */
export class InvalidClientError extends UnauthorizedError {
  override readonly code = 'INVALID_CLIENT';
  constructor() {
    super('Invalid client', { detail: 'The client id or secret is not correct.' });
  }
}
