import { openApiDocumentRoute, defineRoute } from '@emporium/common/http/route';
import { USERS_PROBLEMS as P } from './problems';
import { accessTokenResponse, jwksResponse, serviceTokenBody, signInBody } from './schemas/session';
import { registerUserBody, updateMeBody, userIdParams, userSchema } from './schemas/user';

/** Who may use their own account: every signed-in person (services have no account). */
export const ACCOUNT_ROLES = ['customer', 'admin'] as const;

/** Users' routes under /v1/users: the one source of its API (handlers, gateway, OpenAPI, tests). */
export const routes = {
  registerUser: defineRoute({
    operationId: 'registerUser',
    method: 'POST',
    path: '/',
    summary: 'Register an account',
    description: 'Self-service sign-up. The account is a customer; the email must be new (case-insensitively).',
    tags: ['Accounts'],
    apiKey: true,
    etag: true,
    request: { body: registerUserBody },
    responses: { 201: { description: 'The new account', body: userSchema, headers: ['ETag', 'Location'] } },
    problems: [P.EMAIL_TAKEN],
  }),
  getUser: defineRoute({
    operationId: 'getUser',
    method: 'GET',
    path: '/{id}',
    summary: 'Get any account',
    tags: ['Accounts'],
    roles: ['admin'],
    cache: 'private',
    etag: true,
    request: { params: userIdParams },
    responses: { 200: { description: 'The account', body: userSchema, headers: ['ETag'] } },
    problems: [P.USER_NOT_FOUND],
  }),
  getMe: defineRoute({
    operationId: 'getMe',
    method: 'GET',
    path: '/me',
    summary: 'Get your account',
    tags: ['Your account'],
    apiKey: true,
    roles: ACCOUNT_ROLES,
    cache: 'private',
    etag: true,
    responses: { 200: { description: 'Your account', body: userSchema, headers: ['ETag'] } },
    problems: [P.USER_NOT_FOUND],
  }),
  updateMe: defineRoute({
    operationId: 'updateMe',
    method: 'PATCH',
    path: '/me',
    summary: 'Change your account',
    description:
      'Your display name, or your password (with currentPassword). Needs If-Match with the ETag of your last read: a stale one is 412 and changes nothing.',
    tags: ['Your account'],
    apiKey: true,
    roles: ACCOUNT_ROLES,
    etag: true,
    ifMatch: 'required',
    request: { body: updateMeBody },
    responses: { 200: { description: 'Your changed account', body: userSchema, headers: ['ETag'] } },
    problems: [P.INVALID_CURRENT_PASSWORD, P.TOO_MANY_ATTEMPTS, P.USER_NOT_FOUND],
  }),
  signIn: defineRoute({
    operationId: 'signIn',
    method: 'POST',
    path: '/sessions',
    summary: 'Sign in',
    description:
      'Email and password for a 15-minute access token. After 5 failed attempts within 15 minutes, the email is locked for the rest of the window for the address that failed (only that one: nobody can lock the owner out from elsewhere).',
    tags: ['Sessions'],
    apiKey: true,
    request: { body: signInBody },
    responses: { 200: { description: 'An access token', body: accessTokenResponse } },
    problems: [P.INVALID_CREDENTIALS, P.TOO_MANY_ATTEMPTS],
  }),
  getJwks: defineRoute({
    operationId: 'getJwks',
    method: 'GET',
    path: '/.well-known/jwks.json',
    summary: 'Token verification keys',
    description: 'The JWK Set every service verifies access tokens with. Cached at the gateway.',
    tags: ['Sessions'],
    cache: 'public',
    responses: { 200: { description: 'The public keys', body: jwksResponse } },
  }),
  issueServiceToken: defineRoute({
    operationId: 'issueServiceToken',
    method: 'POST',
    path: '/service-tokens',
    summary: 'Get a service token',
    description: "Another Emporium service's client credentials for a 15-minute token with the role `service`.",
    tags: ['Sessions'],
    request: { body: serviceTokenBody },
    responses: { 200: { description: 'A service access token', body: accessTokenResponse } },
    problems: [P.INVALID_CLIENT],
  }),
  getOpenApiDocument: openApiDocumentRoute,
} as const;
