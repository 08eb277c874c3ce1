import { DOCS } from '@emporium/common/contract/meta';
import { defineProblem } from '@emporium/common/http/problem';

/**
 * Users' own problem codes: one name each, for users and for every service that calls it.
 * Each is an export of its own, and callers import the module as a namespace (`import * as P`):
 * esbuild then keeps in a function's bundle only the problems it names (docs/adr/0022).
 */

export const USER_NOT_FOUND = defineProblem({ code: 'USER_NOT_FOUND', status: 404, title: 'User not found', description: DOCS && 'No account has this id.' });

export const EMAIL_TAKEN = defineProblem({
  code: 'EMAIL_TAKEN',
  status: 409,
  title: 'Email taken',
  description: DOCS && 'An account with this email exists already (emails compare case-insensitively). Sign in, or use another email.',
});

export const INVALID_CREDENTIALS = defineProblem({
  code: 'INVALID_CREDENTIALS',
  status: 401,
  title: 'Invalid credentials',
  description: DOCS && 'The email or password is not correct. The same answer whether or not the account exists.',
});

export const INVALID_CURRENT_PASSWORD = defineProblem({
  code: 'INVALID_CURRENT_PASSWORD',
  status: 403,
  title: 'Invalid current password',
  description: DOCS && 'currentPassword is not the password of this account; nothing was changed.',
});

export const TOO_MANY_ATTEMPTS = defineProblem({
  code: 'TOO_MANY_ATTEMPTS',
  status: 429,
  title: 'Too many failed attempts',
  description: DOCS && 'Too many failed password attempts for this email from your address; retry after `Retry-After` seconds. Other clients are not affected.',
});

export const INVALID_CLIENT = defineProblem({
  code: 'INVALID_CLIENT',
  status: 401,
  title: 'Invalid client',
  description: DOCS && 'The client id or secret is not correct.',
});
