/**
 * The emulated AWS Parameters and Secrets Lambda Extension (src/runtime/parameters-extension.ts):
 * its HTTP API as functions call it, the session token it requires, the parameters each function
 * may read, and loadSecret (@emporium/common/secrets) reading through it as in AWS.
 */
import type { ParametersExtension } from '../src/runtime/parameters-extension';
import { hasParametersExtension, startParametersExtension } from '../src/runtime/parameters-extension';

const SIGNING_KEY = '/emporium/local/jwt-signing-key';
const CLIENT_SECRET = '/emporium/local/service-clients/orders';
const STORE: Record<string, string> = { [SIGNING_KEY]: '{"kty":"EC"}', [CLIENT_SECRET]: 'client-secret' };

describe('the emulated Parameters and Secrets extension', () => {
  let extension: ParametersExtension;
  let token: string;
  const get = (query: string, headers: Record<string, string> = { 'X-Aws-Parameters-Secrets-Token': token }) =>
    fetch(`${extension.url}/systemsmanager/parameters/get?${query}`, { headers });

  beforeAll(async () => {
    extension = await startParametersExtension({
      stage: 'local',
      region: 'eu-west-1',
      secret: (parameter) => Promise.resolve(STORE[parameter] ?? `generated ${parameter}`),
    });
    token = extension.session('users-local-signIn', [SIGNING_KEY]).AWS_SESSION_TOKEN;
  });
  afterAll(() => extension.close());

  it('gives each function its port and its own session token', () => {
    const a = extension.session('users-local-getJwks', [SIGNING_KEY]);
    const b = extension.session('users-local-getJwks', [SIGNING_KEY]);
    expect(a.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).toBe(String(extension.port));
    expect(a.AWS_SESSION_TOKEN).not.toBe(b.AWS_SESSION_TOKEN);
  });

  it('answers SSM GetParameter JSON, decrypted, for a parameter of the function', async () => {
    const response = await get(`name=${encodeURIComponent(SIGNING_KEY)}&withDecryption=true`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      Parameter: expect.objectContaining({
        Name: SIGNING_KEY,
        Type: 'SecureString',
        Value: STORE[SIGNING_KEY],
        Version: 1,
        ARN: `arn:aws:ssm:eu-west-1:000000000000:parameter${SIGNING_KEY}`,
      }) as unknown,
      ResultMetadata: {},
    });
  });

  it("answers a SecureString's ciphertext, not the secret, without withDecryption=true", async () => {
    const response = await get(`name=${encodeURIComponent(SIGNING_KEY)}`);
    expect(response.status).toBe(200);
    const { Parameter } = (await response.json()) as { Parameter: { Value: string } };
    expect(Parameter.Value).not.toBe(STORE[SIGNING_KEY]);
  });

  it.each([
    ['no token', {}],
    ['a token it did not give', { 'X-Aws-Parameters-Secrets-Token': 'not-a-session' }],
  ])('refuses a request with %s (401)', async (_, headers: Record<string, string>) => {
    const response = await get(`name=${encodeURIComponent(SIGNING_KEY)}&withDecryption=true`, headers);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('X-Aws-Parameters-Secrets-Token');
  });

  it("answers 400 with SSM's ParameterNotFound for a parameter of its own that does not exist, and AccessDeniedException for one not its own", async () => {
    const elsewhere = '/emporium/prod/jwt-signing-key';
    const declaring = extension.session('users-local-misconfigured', [elsewhere]).AWS_SESSION_TOKEN;
    const notFound = await get(`name=${encodeURIComponent(elsewhere)}&withDecryption=true`, { 'X-Aws-Parameters-Secrets-Token': declaring });
    expect(notFound.status).toBe(400);
    expect(await notFound.text()).toContain('ParameterNotFound: /emporium/prod/jwt-signing-key');
    // IAM decides first: a parameter the function does not declare is denied, existing or not.
    const denied = await get(`name=${encodeURIComponent(elsewhere)}&withDecryption=true`);
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain('AccessDeniedException');
  });

  it("answers 400 with SSM's AccessDeniedException for a parameter its role may not read", async () => {
    const response = await get(`name=${encodeURIComponent(CLIENT_SECRET)}&withDecryption=true`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      `AccessDeniedException: User: arn:aws:sts::000000000000:assumed-role/users-local-signIn-role/users-local-signIn is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:eu-west-1:000000000000:parameter${CLIENT_SECRET}`,
    );
  });

  it('answers 400 without a name, 404 on another path, 405 for another method', async () => {
    expect((await get('withDecryption=true')).status).toBe(400);
    expect((await fetch(`${extension.url}/secretsmanager/get?secretId=x`, { headers: { 'X-Aws-Parameters-Secrets-Token': token } })).status).toBe(404);
    expect(
      (await fetch(`${extension.url}/systemsmanager/parameters/get?name=x`, { method: 'POST', headers: { 'X-Aws-Parameters-Secrets-Token': token } })).status,
    ).toBe(405);
  });

  it('serves loadSecret (@emporium/common/secrets) as the extension does in AWS', async () => {
    const saved = { ...process.env };
    try {
      jest.resetModules();
      Object.assign(process.env, extension.session('orders-local-placeOrder', [CLIENT_SECRET]), { SERVICE_CLIENT_SECRET_PARAMETER: CLIENT_SECRET });
      delete process.env['SERVICE_CLIENT_SECRET'];
      const { loadSecret } = await import('@emporium/common/secrets');
      expect(await loadSecret('SERVICE_CLIENT_SECRET')).toBe('client-secret');
    } finally {
      process.env = saved;
    }
  });

  it('recognises the layer by its name in a layer ARN', () => {
    expect(hasParametersExtension(['arn:aws:lambda:eu-west-1:015030872274:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:18'])).toBe(true);
    expect(hasParametersExtension(['arn:aws:lambda:eu-west-1:123456789012:layer:other:1'])).toBe(false);
    expect(hasParametersExtension(undefined)).toBe(false);
  });
});
