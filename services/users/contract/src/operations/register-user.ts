import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { registerUserBody, userSchema } from '../schemas/user';

export const registerUser = defineRoute({
  operationId: 'registerUser',
  method: 'POST',
  path: '/',
  summary: DOCS && 'Register an account',
  description: DOCS && 'Self-service sign-up. The account is a customer; the email must be new (case-insensitively).',
  tags: DOCS && ['Accounts'],
  apiKey: true,
  etag: true,
  request: { body: registerUserBody },
  responses: { 201: { description: DOCS && 'The new account', body: DOCS && userSchema, headers: ['ETag', 'Location'] } },
  problems: [P.EMAIL_TAKEN],
});
