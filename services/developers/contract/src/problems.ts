import { DOCS } from '@emporium/common/contract/meta';
import { defineProblem } from '@emporium/common/http/problem';
import { MAX_APPS_PER_OWNER, MAX_USAGE_DAYS } from './schemas/app';

/**
 * Developers' own problem codes: one name each, for this service and every service that calls it.
 * Each is an export of its own, and callers import the module as a namespace (`import * as P`):
 * esbuild then keeps in a function's bundle only the problems it names (docs/adr/0022).
 */

export const APP_NOT_FOUND = defineProblem({
  code: 'APP_NOT_FOUND',
  status: 404,
  title: 'App not found',
  description: DOCS && 'No app of yours has this id.',
});

export const APP_LIMIT_REACHED = defineProblem({
  code: 'APP_LIMIT_REACHED',
  status: 409,
  title: 'App limit reached',
  description: DOCS && `A developer registers at most ${MAX_APPS_PER_OWNER} apps.`,
});

export const APP_HAS_NO_KEY = defineProblem({
  code: 'APP_HAS_NO_KEY',
  status: 409,
  title: 'App has no key',
  description: DOCS && "The app's key was revoked: rotate to issue a new one.",
});

export const APP_CHANGED = defineProblem({
  code: 'APP_CHANGED',
  status: 409,
  title: 'App changed meanwhile',
  description: DOCS && 'Another change to the app (a rotation, a revocation) happened at the same time; read it again and retry.',
});

export const USAGE_RANGE_INVALID = defineProblem({
  code: 'USAGE_RANGE_INVALID',
  status: 400,
  title: 'Invalid usage range',
  description: DOCS && `\`from\` must not be after \`to\`, and a read covers at most ${MAX_USAGE_DAYS} days.`,
});
