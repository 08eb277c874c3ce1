import type { SigningKey } from '@emporium/common/auth/tokens';
import { publicJwk, signAccessToken } from '@emporium/common/auth/tokens';
import type { AccessTokens } from '../ports';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * Access tokens signed with the stage's key (ES256, see @emporium/common/auth/tokens). Settings and
 * key are read on first use, so functions that never sign (e.g. the JWKS) need no token settings.
 */
export const jwtAccessTokens = (settings: () => AccessTokenSettings, signingKey: () => Promise<SigningKey>): AccessTokens => ({
  async issue(claims) {
    const current = settings();
    const accessToken = await signAccessToken(claims, await signingKey(), current);
    return { accessToken, expiresIn: current.ttlSeconds };
  },

  async publicKeys() {
    return [publicJwk(await signingKey())];
  },
});
