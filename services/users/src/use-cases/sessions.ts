import type { AccessTokenGrant, JsonWebKeySet, ServiceTokenBody, SignInBody } from '@emporium/users-contract/schemas/session';
import { jwksResponse } from '@emporium/users-contract/schemas/session';
import { createHash, timingSafeEqual } from 'node:crypto';
import { InvalidClientError, InvalidCredentialsError } from '../domain/errors';
import type { Deps } from '../ports';
import { countPasswordAttempt } from './password-attempts';
import { countEvent } from '@emporium/common/metrics';

type SignInDeps = Pick<Deps, 'users' | 'signInAttempts' | 'passwords' | 'tokens' | 'now'>;

/**
 * Exchanges email and password for an access token. Unknown email and wrong password take the same
 * path (the hasher verifies against a dummy hash when there is no account) and end in the same
 * 401; the attempt limit applies to every email alike. So the answer never says whether an
 * account exists. `client` is who is trying (attemptClient): failures lock out that client only.
 */
export const signIn = async (input: SignInBody, client: string, deps: SignInDeps): Promise<AccessTokenGrant> => {
  const subject = { email: input.email, client };
  await countPasswordAttempt(subject, deps);
  const user = await deps.users.findByEmail(input.email);
  const matches = await deps.passwords.verify(input.password, user?.passwordHash);
  if (!user || !matches) {
    countEvent('SignInsFailed');
    throw new InvalidCredentialsError();
  }
  await deps.signInAttempts.reset(subject);
  const { accessToken, expiresIn } = await deps.tokens.issue({ sub: user.id, role: user.role });
  return { accessToken, tokenType: 'Bearer', expiresIn };
};

/** The JWK Set every authorizer verifies access tokens with, checked against its published shape (never a private part). */
export const jsonWebKeySet = async (deps: Pick<Deps, 'tokens'>): Promise<JsonWebKeySet> => jwksResponse.parse({ keys: await deps.tokens.publicKeys() });

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Exchanges another service's client credentials for a short-lived access token with the role
 * `service` (subject `service:<clientId>`). Secrets are compared in constant time (as digests, so
 * lengths do not leak either); an unknown client and a wrong secret get the same 401.
 */
export const issueServiceToken = async (input: ServiceTokenBody, deps: Pick<Deps, 'serviceClients' | 'tokens'>): Promise<AccessTokenGrant> => {
  const secret = await deps.serviceClients.secretOf(input.clientId);
  const matches = timingSafeEqual(digest(input.clientSecret), digest(secret ?? `unknown:${input.clientSecret}`));
  if (secret === undefined || !matches) throw new InvalidClientError();
  const { accessToken, expiresIn } = await deps.tokens.issue({ sub: `service:${input.clientId}`, role: 'service' });
  return { accessToken, tokenType: 'Bearer', expiresIn };
};
