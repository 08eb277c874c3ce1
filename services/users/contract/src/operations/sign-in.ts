import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { accessTokenResponse, signInBody } from '../schemas/session';

export const signIn = defineRoute({
  operationId: 'signIn',
  method: 'POST',
  path: '/sessions',
  summary: DOCS && 'Sign in',
  description:
    DOCS &&
    'Email and password for a 15-minute access token. After 5 failed attempts within 15 minutes, the email is locked for the rest of the window for the address that failed (only that one: nobody can lock the owner out from elsewhere).',
  tags: DOCS && ['Sessions'],
  apiKey: true,
  request: { body: signInBody },
  responses: { 200: { description: DOCS && 'An access token', body: DOCS && accessTokenResponse } },
  problems: [P.INVALID_CREDENTIALS, P.TOO_MANY_ATTEMPTS],
});
