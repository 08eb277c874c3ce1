import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { jwksResponse } from '../schemas/session';

export const getJwks = defineRoute({
  operationId: 'getJwks',
  method: 'GET',
  path: '/.well-known/jwks.json',
  summary: DOCS && 'Token verification keys',
  description: DOCS && 'The JWK Set every service verifies access tokens with. Cached at the gateway.',
  tags: DOCS && ['Sessions'],
  cache: 'public',
  responses: { 200: { description: DOCS && 'The public keys', body: DOCS && jwksResponse } },
});
