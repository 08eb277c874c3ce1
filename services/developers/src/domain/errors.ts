import { errorClass, PreconditionFailedError } from '@emporium/common/errors';
import * as P from '@emporium/developers-contract/problems';
import { MAX_APPS_PER_OWNER, MAX_USAGE_DAYS } from '@emporium/developers-contract/schemas/app';

/** No such app, or not the caller's: the same 404, so others' app ids are not revealed. */
export class AppNotFoundError extends errorClass(P.APP_NOT_FOUND) {
  constructor(id: string) {
    super(`App ${id} not found`, { detail: `No app of yours has the id ${id}.` });
  }
}

export class AppLimitReachedError extends errorClass(P.APP_LIMIT_REACHED) {
  constructor() {
    super('App limit reached', { detail: `You have registered ${MAX_APPS_PER_OWNER} apps, the most a developer may.` });
  }
}

export class AppHasNoKeyError extends errorClass(P.APP_HAS_NO_KEY) {
  constructor(id: string) {
    super(`App ${id} has no key`, { detail: "The app's key was revoked; rotate it to issue a new one." });
  }
}

/** A concurrent change (rotation, revocation) won the race; nothing of this request was kept. */
export class AppChangedError extends errorClass(P.APP_CHANGED) {
  constructor(id: string) {
    super(`App ${id} changed meanwhile`, { detail: 'Another change to the app happened at the same time; read it again and retry.' });
  }
}

export class UsageRangeInvalidError extends errorClass(P.USAGE_RANGE_INVALID) {
  constructor(from: string, to: string) {
    super('Invalid usage range', { detail: `From ${from} to ${to}: from must not be after to, and a read covers at most ${MAX_USAGE_DAYS} days.` });
  }
}

/** The app is no longer at the version the admin read (If-Match): 412, nothing changed. */
export class StaleAppError extends PreconditionFailedError {
  constructor(expected: number, actual?: number) {
    super('Version mismatch', {
      detail: `The app changed since you read it (you sent version ${expected}${actual !== undefined ? `, it is now ${actual}` : ''}). Read it again and retry.`,
    });
  }
}
