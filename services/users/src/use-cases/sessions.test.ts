import { memoryDeps } from '../../test/memory-ports';
import { InvalidClientError, InvalidCredentialsError, TooManyAttemptsError } from '../domain/errors';
import { issueServiceToken, jsonWebKeySet, signIn } from './sessions';
import { createAccount, registerUser } from './users';

const ada = { email: 'ada@example.com', password: 'analytical-engine', displayName: 'Ada' };
/** The client trying: the attacker's address, and the owner's. */
const attacker = 'ip:198.51.100.7';
const owner = 'ip:203.0.113.20';

const setup = async () => {
  const ports = memoryDeps();
  await registerUser(ada, ports.deps);
  return ports;
};

const failedAttempts = async (deps: Parameters<typeof signIn>[2], email: string, times: number, client = attacker) => {
  for (let i = 0; i < times; i += 1) {
    await expect(signIn({ email, password: 'wrong-password' }, client, deps)).rejects.toBeInstanceOf(InvalidCredentialsError);
  }
};

describe('signIn', () => {
  it('issues a Bearer token carrying the user id and role for the right password', async () => {
    const { deps } = await setup();
    const user = await deps.users.findByEmail(ada.email);
    expect(await signIn({ email: ada.email, password: ada.password }, attacker, deps)).toEqual({
      accessToken: `token-for:${user!.id}:customer`,
      tokenType: 'Bearer',
      expiresIn: 900,
    });
  });

  it('carries the admin role for an admin', async () => {
    const { deps } = memoryDeps();
    const admin = await createAccount({ ...ada, email: 'root@example.com', role: 'admin' }, deps);
    expect((await signIn({ email: 'root@example.com', password: ada.password }, attacker, deps)).accessToken).toBe(`token-for:${admin.id}:admin`);
  });

  it('answers a wrong password and an unknown email alike, checking a password either way', async () => {
    const { deps, passwords } = await setup();
    const wrongPassword = await signIn({ email: ada.email, password: 'not-her-password' }, attacker, deps).catch((e: unknown) => e);
    const unknownEmail = await signIn({ email: 'nobody@example.com', password: 'not-her-password' }, attacker, deps).catch((e: unknown) => e);
    expect(wrongPassword).toBeInstanceOf(InvalidCredentialsError);
    expect(unknownEmail).toBeInstanceOf(InvalidCredentialsError);
    expect(JSON.stringify(wrongPassword)).toBe(JSON.stringify(unknownEmail));
    expect((wrongPassword as Error).message).toBe((unknownEmail as Error).message);
    // The unknown email is still verified (against the hasher's dummy hash): same work, same time.
    expect(passwords.verified).toEqual([
      { password: 'not-her-password', hash: 'hashed:analytical-engine' },
      { password: 'not-her-password', hash: undefined },
    ]);
  });

  it('counts failures per email whether or not the account exists', async () => {
    const { deps, attempts } = await setup();
    await failedAttempts(deps, ada.email, 2);
    await failedAttempts(deps, 'nobody@example.com', 3);
    expect(attempts.windows.get(`${ada.email} ${attacker}`)?.attempts).toBe(2);
    expect(attempts.windows.get(`nobody@example.com ${attacker}`)?.attempts).toBe(3);
  });

  it('refuses every attempt after 5 failures, even the right password, without checking it', async () => {
    const { deps, passwords } = await setup();
    await failedAttempts(deps, ada.email, 5);
    const checked = passwords.verified.length;
    const refused = await signIn({ email: ada.email, password: ada.password }, attacker, deps).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).headers).toEqual(expect.objectContaining({ 'retry-after': '900' }));
    expect(passwords.verified).toHaveLength(checked);
  });

  it('locks an unknown email the same way, so the lock does not reveal whether it exists', async () => {
    const { deps } = await setup();
    await failedAttempts(deps, 'nobody@example.com', 5);
    await expect(signIn({ email: 'nobody@example.com', password: 'anything-at-all' }, attacker, deps)).rejects.toBeInstanceOf(TooManyAttemptsError);
  });

  it('counts down Retry-After and lets attempts through again once the window has ended', async () => {
    const { deps, time } = await setup();
    await failedAttempts(deps, ada.email, 5);
    time.advanceSeconds(600);
    const refused = await signIn({ email: ada.email, password: ada.password }, attacker, deps).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).headers?.['retry-after']).toBe('300');
    time.advanceSeconds(300);
    await expect(signIn({ email: ada.email, password: ada.password }, attacker, deps)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('locks out only the client that failed: the owner signs in from elsewhere meanwhile', async () => {
    const { deps } = await setup();
    await failedAttempts(deps, ada.email, 5, attacker);
    await expect(signIn({ email: ada.email, password: ada.password }, attacker, deps)).rejects.toBeInstanceOf(TooManyAttemptsError);
    await expect(signIn({ email: ada.email, password: ada.password }, owner, deps)).resolves.toMatchObject({ tokenType: 'Bearer' });
    // The owner's success does not unlock the attacker.
    await expect(signIn({ email: ada.email, password: 'wrong-password' }, attacker, deps)).rejects.toBeInstanceOf(TooManyAttemptsError);
  });

  it('counts each client of one email in a window of its own', async () => {
    const { deps, attempts } = await setup();
    await failedAttempts(deps, ada.email, 3, attacker);
    await failedAttempts(deps, ada.email, 2, owner);
    expect(attempts.windows.get(`${ada.email} ${attacker}`)?.attempts).toBe(3);
    expect(attempts.windows.get(`${ada.email} ${owner}`)?.attempts).toBe(2);
  });

  it('resets the count on success', async () => {
    const { deps, attempts } = await setup();
    await failedAttempts(deps, ada.email, 4);
    await signIn({ email: ada.email, password: ada.password }, attacker, deps);
    expect(attempts.windows.has(`${ada.email} ${attacker}`)).toBe(false);
    await failedAttempts(deps, ada.email, 5);
  });
});

describe('jsonWebKeySet', () => {
  it('publishes the token public keys as a JWK Set', async () => {
    const { deps } = memoryDeps();
    expect(await jsonWebKeySet(deps)).toEqual({ keys: [expect.objectContaining({ kid: 'k1', alg: 'ES256' })] });
  });
});

describe('issueServiceToken', () => {
  it('issues a service token to a known client with the right secret', async () => {
    const { deps } = memoryDeps();
    expect(await issueServiceToken({ clientId: 'orders', clientSecret: 'orders-secret' }, deps)).toEqual({
      accessToken: 'token-for:service:orders:service',
      tokenType: 'Bearer',
      expiresIn: 900,
    });
  });

  it.each([
    ['a wrong secret', { clientId: 'orders', clientSecret: 'guess' }],
    ['an unknown client', { clientId: 'billing', clientSecret: 'orders-secret' }],
    ['a secret that only shares a prefix', { clientId: 'orders', clientSecret: 'orders-secret-and-more' }],
  ])('refuses %s with the same 401', async (_, input) => {
    const { deps } = memoryDeps();
    await expect(issueServiceToken(input, deps)).rejects.toBeInstanceOf(InvalidClientError);
  });
});
