import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { JWTVerifyGetKey } from 'jose';
import * as z from 'zod/mini';
import { defineConfig } from '../config';
import { getLogger } from '../logger';
import { InvalidTokenError, jwksFrom, verifyAccessToken } from './tokens';

const config = defineConfig(
  z.object({
    JWKS_URL: z.url(),
    AUTH_ISSUER: z.string().check(z.minLength(1)),
    AUTH_AUDIENCE: z.string().check(z.minLength(1)),
  }),
);

let keys: JWTVerifyGetKey | undefined;

/** `arn:aws:execute-api:region:account:api/stage/METHOD/path` -> `arn:...:api/stage/*` */
const wholeApi = (methodArn: string): string => {
  const [arn = '', stage = '*'] = methodArn.split('/');
  return `${arn}/${stage}/*`;
};

/**
 * The one Lambda TOKEN authorizer of every service (declared once in serverless.base.yml).
 * Verifies the bearer token against the users service's JWKS and hands the caller's id and role
 * to the handlers through the authorizer context. The policy covers the whole API so the gateway's
 * authorizer cache (keyed by token) serves every route; each route checks roles itself (403).
 * Any invalid token is `Unauthorized` (401) and the reason is only logged.
 */
export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const { JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE } = config();
  keys ??= jwksFrom({ url: JWKS_URL });
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(event.authorizationToken ?? '');
  if (!match?.[1]) throw new Error('Unauthorized');
  try {
    const claims = await verifyAccessToken(match[1], keys, { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE });
    return {
      principalId: claims.sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: wholeApi(event.methodArn) }],
      },
      context: { role: claims.role },
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      getLogger().info('token rejected', { reason: error.message });
      throw new Error('Unauthorized');
    }
    throw error;
  }
};
