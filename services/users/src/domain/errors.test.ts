import type { AppError } from '@emporium/common/errors';
import { PreconditionFailedError } from '@emporium/common/errors';
import {
  EmailTakenError,
  InvalidClientError,
  InvalidCredentialsError,
  InvalidCurrentPasswordError,
  StaleUserError,
  TooManyAttemptsError,
  UserNotFoundError,
} from './errors';

const contract = (error: AppError) => ({
  name: error.name,
  code: error.code,
  status: error.status,
  title: error.title,
  detail: error.detail,
  errors: error.errors,
  headers: error.headers,
});

describe("users' errors: the contract by value", () => {
  it.each([
    [() => new UserNotFoundError('U1'), 'UserNotFoundError', 'USER_NOT_FOUND', 404, 'User not found', 'No account has the id U1.'],
    [
      () => new EmailTakenError(),
      'EmailTakenError',
      'EMAIL_TAKEN',
      409,
      'Email taken',
      'An account with this email exists already. Sign in, or use another email.',
    ],
    [
      () => new InvalidCredentialsError(),
      'InvalidCredentialsError',
      'INVALID_CREDENTIALS',
      401,
      'Invalid credentials',
      'The email or password is not correct.',
    ],
    [() => new InvalidClientError(), 'InvalidClientError', 'INVALID_CLIENT', 401, 'Invalid client', 'The client id or secret is not correct.'],
    [
      () => new StaleUserError(2, 3),
      'StaleUserError',
      'PRECONDITION_FAILED',
      412,
      'Precondition Failed',
      'The account changed since you read it (you sent version 2, it is now 3). Read it again and retry.',
    ],
    [
      () => new StaleUserError(2),
      'StaleUserError',
      'PRECONDITION_FAILED',
      412,
      'Precondition Failed',
      'The account changed while this request was applying your change (you sent version 2). Read it again and retry.',
    ],
  ] as const)('%s', (make, name, code, status, title, detail) => {
    const error = make();
    expect(contract(error)).toEqual({ name, code, status, title, detail, errors: undefined, headers: undefined });
  });

  it('names the wrong current password as a field (403)', () => {
    expect(contract(new InvalidCurrentPasswordError())).toEqual({
      name: 'InvalidCurrentPasswordError',
      code: 'INVALID_CURRENT_PASSWORD',
      status: 403,
      title: 'Invalid current password',
      detail: 'currentPassword is not the password of this account; the password was not changed.',
      errors: [{ path: 'body.currentPassword', message: 'Incorrect password', code: 'invalid_password' }],
      headers: undefined,
    });
  });

  it('answers too many attempts with 429 and Retry-After in seconds', () => {
    expect(contract(new TooManyAttemptsError(42))).toEqual({
      name: 'TooManyAttemptsError',
      code: 'TOO_MANY_ATTEMPTS',
      status: 429,
      title: 'Too many failed attempts',
      detail: 'Too many failed password attempts for this email from your address. Retry in 42 seconds.',
      errors: undefined,
      headers: { 'retry-after': '42' },
    });
  });

  it('keeps Retry-After whatever options it is given, and their detail', () => {
    const error = new TooManyAttemptsError(5, { detail: 'Slow down.', headers: { 'retry-after': '999', 'x-other': '1' } });
    expect(error.detail).toBe('Slow down.');
    expect(error.headers).toEqual({ 'retry-after': '5' });
  });

  it('answers a stale account as the shared 412', () => {
    expect(new StaleUserError(1)).toBeInstanceOf(PreconditionFailedError);
  });

  it('logs a message of its own (callers see the detail)', () => {
    expect([
      new UserNotFoundError('U1').message,
      new EmailTakenError().message,
      new InvalidCredentialsError().message,
      new InvalidCurrentPasswordError().message,
      new TooManyAttemptsError(1).message,
      new StaleUserError(1).message,
      new InvalidClientError().message,
    ]).toEqual([
      'User U1 not found',
      'Email taken',
      'Invalid credentials',
      'Invalid current password',
      'Too many failed attempts',
      'Version mismatch',
      'Invalid client',
    ]);
  });
});
