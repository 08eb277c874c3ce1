import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * loadSecret against a real HTTP server standing in for the AWS Parameters and Secrets Lambda
 * Extension (its port given by PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, as the extension reads it).
 */
describe('loadSecret', () => {
  const saved = { ...process.env };
  let loadSecret: typeof import('./secrets').loadSecret;
  let server: Server;
  let port: number;
  let requests: { url: string; token: string | undefined }[];
  let answer: (request: IncomingMessage, response: ServerResponse) => void;

  const ssmAnswer = (value: string) => (_: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ Parameter: { Name: '/emporium/dev/secret', Type: 'SecureString', Value: value, Version: 1 }, ResultMetadata: {} }));
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', token: request.headers['x-aws-parameters-secrets-token'] as string | undefined });
      answer(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    jest.resetModules();
    requests = [];
    answer = ssmAnswer('from-ssm');
    process.env = { ...saved, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port), AWS_SESSION_TOKEN: 'session-token' };
    delete process.env['TEST_SECRET'];
    ({ loadSecret } = await import('./secrets'));
  });

  it('takes the environment variable when it is set, without calling the extension', async () => {
    process.env['TEST_SECRET'] = 'inline-value';
    process.env['TEST_SECRET_PARAMETER'] = '/emporium/dev/secret';
    expect(await loadSecret('TEST_SECRET')).toBe('inline-value');
    expect(requests).toEqual([]);
  });

  it('reads the parameter named by <name>_PARAMETER through the extension, decrypted, with the session token, once per container', async () => {
    process.env['TEST_SECRET_PARAMETER'] = '/emporium/dev/service-clients/orders';
    expect(await loadSecret('TEST_SECRET')).toBe('from-ssm');
    expect(await loadSecret('TEST_SECRET')).toBe('from-ssm');
    expect(requests).toEqual([
      { url: '/systemsmanager/parameters/get?name=%2Femporium%2Fdev%2Fservice-clients%2Forders&withDecryption=true', token: 'session-token' },
    ]);
  });

  it('says what to set when neither is', async () => {
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow('Set TEST_SECRET_PARAMETER (an SSM SecureString name) or TEST_SECRET');
    expect(requests).toEqual([]);
  });

  it("names the parameter, the status and the extension's text when it refuses, and tries again on the next call", async () => {
    process.env['TEST_SECRET_PARAMETER'] = '/emporium/dev/secret';
    answer = (_, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('ParameterNotFound: Parameter /emporium/dev/secret not found.\n');
    };
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow(
      'Reading SSM parameter /emporium/dev/secret: the Parameters and Secrets extension answered 400: ParameterNotFound: Parameter /emporium/dev/secret not found.',
    );
    answer = ssmAnswer('');
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow('SSM parameter /emporium/dev/secret is empty');
    answer = ssmAnswer('second');
    expect(await loadSecret('TEST_SECRET')).toBe('second');
    expect(await loadSecret('TEST_SECRET')).toBe('second');
    expect(requests).toHaveLength(3);
  });

  it('says the extension layer is missing when nothing answers on its port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env['PARAMETERS_SECRETS_EXTENSION_HTTP_PORT'] = String(freePort);
    process.env['TEST_SECRET_PARAMETER'] = '/emporium/dev/secret';
    await expect(loadSecret('TEST_SECRET')).rejects.toThrow(
      `Reading SSM parameter /emporium/dev/secret: nothing answers on localhost:${freePort}; the function needs the AWS-Parameters-and-Secrets-Lambda-Extension-Arm64 layer`,
    );
  });

  it('keeps each secret apart', async () => {
    process.env['TEST_A'] = 'a';
    process.env['TEST_B'] = 'b';
    expect([await loadSecret('TEST_A'), await loadSecret('TEST_B')]).toEqual(['a', 'b']);
  });
});
