import type { AppError } from '@emporium/common/errors';
import { PreconditionFailedError } from '@emporium/common/errors';
import { AppChangedError, AppHasNoKeyError, AppLimitReachedError, AppNotFoundError, StaleAppError, UsageRangeInvalidError } from './errors';

const contract = (error: AppError) => ({
  name: error.name,
  code: error.code,
  status: error.status,
  title: error.title,
  detail: error.detail,
  message: error.message,
});

describe("developers' errors: the contract by value", () => {
  it.each([
    [() => new AppNotFoundError('A1'), 'AppNotFoundError', 'APP_NOT_FOUND', 404, 'App not found', 'No app of yours has the id A1.', 'App A1 not found'],
    [
      () => new AppLimitReachedError(),
      'AppLimitReachedError',
      'APP_LIMIT_REACHED',
      409,
      'App limit reached',
      'You have registered 10 apps, the most a developer may.',
      'App limit reached',
    ],
    [
      () => new AppHasNoKeyError('A1'),
      'AppHasNoKeyError',
      'APP_HAS_NO_KEY',
      409,
      'App has no key',
      "The app's key was revoked; rotate it to issue a new one.",
      'App A1 has no key',
    ],
    [
      () => new AppChangedError('A1'),
      'AppChangedError',
      'APP_CHANGED',
      409,
      'App changed meanwhile',
      'Another change to the app happened at the same time; read it again and retry.',
      'App A1 changed meanwhile',
    ],
    [
      () => new UsageRangeInvalidError('2026-01-02', '2026-01-01'),
      'UsageRangeInvalidError',
      'USAGE_RANGE_INVALID',
      400,
      'Invalid usage range',
      'From 2026-01-02 to 2026-01-01: from must not be after to, and a read covers at most 90 days.',
      'Invalid usage range',
    ],
    [
      () => new StaleAppError(2, 3),
      'StaleAppError',
      'PRECONDITION_FAILED',
      412,
      'Precondition Failed',
      'The app changed since you read it (you sent version 2, it is now 3). Read it again and retry.',
      'Version mismatch',
    ],
    [
      () => new StaleAppError(2),
      'StaleAppError',
      'PRECONDITION_FAILED',
      412,
      'Precondition Failed',
      'The app changed since you read it (you sent version 2). Read it again and retry.',
      'Version mismatch',
    ],
  ] as const)('%s', (make, name, code, status, title, detail, message) => {
    const error = make();
    expect(contract(error)).toEqual({ name, code, status, title, detail, message });
    expect(error.headers).toBeUndefined();
  });

  it('answers a stale app as the shared 412', () => {
    expect(new StaleAppError(1)).toBeInstanceOf(PreconditionFailedError);
  });
});
