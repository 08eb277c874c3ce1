import { AppError, ConflictError, NotFoundError } from '@emporium/common/errors';

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
 * exists. (The common UnauthorizedError fixes its code to UNAUTHORIZED, hence AppError.)
 */
export class InvalidCredentialsError extends AppError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly status = 401;
  readonly title = 'Unauthorized';
  constructor() {
    super('Invalid credentials', { detail: 'The email or password is not correct.' });
  }
}

/** A password change whose currentPassword is wrong: the caller is signed in but not allowed this. */
export class InvalidCurrentPasswordError extends AppError {
  readonly code = 'INVALID_CURRENT_PASSWORD';
  readonly status = 403;
  readonly title = 'Forbidden';
  constructor() {
    super('Invalid current password', {
      detail: 'currentPassword is not the password of this account; the password was not changed.',
      errors: [{ path: 'body.currentPassword', message: 'Incorrect password', code: 'invalid_password' }],
    });
  }
}

/** Too many failed password attempts for one email; the same answer whether or not it has an account. */
export class TooManyAttemptsError extends AppError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  readonly status = 429;
  readonly title = 'Too Many Requests';
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
export class InvalidClientError extends AppError {
  readonly code = 'INVALID_CLIENT';
  readonly status = 401;
  readonly title = 'Unauthorized';
  constructor() {
    super('Invalid client', { detail: 'The client id or secret is not correct.' });
  }
}
