import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localSecret } from '../config/local-secrets';

/**
 * The local stand-in for the AWS Parameters and Secrets Lambda Extension: the layer that runs an
 * HTTP server on localhost in a function's sandbox and answers SSM parameters for it
 * (@emporium/common/secrets reads `*_PARAMETER` secrets through it). One server serves every
 * function locally; each function that has the layer gets its own session token, and the emulator
 * answers it what the function's role could read in AWS: the parameters it declares as
 * `*_PARAMETER` variables (the same ones its IAM statements allow), from the local secrets
 * (.emporium/keys, config/local-secrets.ts).
 *
 * The extension's API, as emulated:
 * - `GET /systemsmanager/parameters/get?name=<name>&withDecryption=true` with header
 *   `X-Aws-Parameters-Secrets-Token: <the function's AWS_SESSION_TOKEN>` -> 200 and SSM
 *   GetParameter's JSON (`{ Parameter: { Name, Type, Value, Version, ARN, ... }, ResultMetadata }`);
 *   without `withDecryption=true` a SecureString's Value is its ciphertext, as SSM answers.
 * - no token, or a token the emulator did not give -> 401;
 * - no `name` -> 400;
 * - a parameter the function may not read (not one of its own) -> 400 with SSM's AccessDeniedException
 *   text, whether it exists or not (IAM decides first);
 * - one of its own that does not exist (not under `/emporium/<stage>/`) -> 400 with SSM's
 *   ParameterNotFound text (the extension relays SSM's 400 errors);
 * - any other path -> 404; another method -> 405.
 */

/** How functions are recognised as having the extension: its layer's name in one of their layer ARNs. */
export const PARAMETERS_EXTENSION_LAYER = 'AWS-Parameters-and-Secrets-Lambda-Extension';

/** The extension's path for Parameter Store reads. */
export const PARAMETERS_PATH = '/systemsmanager/parameters/get';

/** The header carrying the function's session token (the extension refuses requests without it). */
export const TOKEN_HEADER = 'x-aws-parameters-secrets-token';

/** Whether a function's `layers` include the AWS Parameters and Secrets Lambda Extension. */
export const hasParametersExtension = (layers: readonly unknown[] | undefined): boolean =>
  (layers ?? []).some((layer) => typeof layer === 'string' && layer.includes(PARAMETERS_EXTENSION_LAYER));

/** What a function that has the extension gets in its environment. */
export interface ExtensionSession {
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: string;
  AWS_SESSION_TOKEN: string;
}

export interface ParametersExtension {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /**
   * A session for one function: its token, accepted for the given parameters only (what its role
   * may read), and the variables that point the function at the emulator.
   */
  session(functionName: string, parameters: readonly string[]): ExtensionSession;
  close(): Promise<void>;
}

export interface ParametersExtensionOptions {
  /** Parameters exist under `/emporium/<stage>/`. */
  stage: string;
  region: string;
  host?: string;
  port?: number;
  /** The parameter store: default the local secrets (.emporium/keys, generated on first use). */
  secret?: (parameter: string) => Promise<string>;
}

/** The account id in the ARNs the emulator names (no account locally). */
const LOCAL_ACCOUNT = '000000000000';

export const startParametersExtension = async (options: ParametersExtensionOptions): Promise<ParametersExtension> => {
  const { stage, region } = options;
  const secret = options.secret ?? localSecret;
  const sessions = new Map<string, { functionName: string; parameters: ReadonlySet<string> }>();
  const parameterArn = (name: string) => `arn:aws:ssm:${region}:${LOCAL_ACCOUNT}:parameter${name.startsWith('/') ? '' : '/'}${name}`;

  const answer = (response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== PARAMETERS_PATH && url.pathname !== `${PARAMETERS_PATH}/`) return answer(response, 404, 'Not Found');
    if (request.method !== 'GET') return answer(response, 405, 'Method Not Allowed');
    const token = request.headers[TOKEN_HEADER];
    const session = typeof token === 'string' ? sessions.get(token) : undefined;
    if (!session) return answer(response, 401, `Unauthorized: send the function's AWS_SESSION_TOKEN in the X-Aws-Parameters-Secrets-Token header`);
    const name = url.searchParams.get('name');
    if (!name) return answer(response, 400, 'Bad Request: the query parameter name is required');
    // As in AWS: the role is checked first (a parameter the function does not declare is denied,
    // whether or not it exists), then whether it exists (here: under /emporium/<stage>/).
    if (!session.parameters.has(name)) {
      return answer(
        response,
        400,
        `AccessDeniedException: operation error SSM: GetParameter, https response error StatusCode: 400, api error AccessDeniedException: ` +
          `User: arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${session.functionName}-role/${session.functionName} is not authorized to perform: ` +
          `ssm:GetParameter on resource: ${parameterArn(name)} because no identity-based policy allows the ssm:GetParameter action`,
      );
    }
    if (!name.startsWith(`/emporium/${stage}/`)) {
      return answer(
        response,
        400,
        `ParameterNotFound: operation error SSM: GetParameter, https response error StatusCode: 400, api error ParameterNotFound: ${name}`,
      );
    }
    const value = await secret(name);
    const decrypted = url.searchParams.get('withDecryption') === 'true';
    const body = {
      Parameter: {
        ARN: parameterArn(name),
        DataType: 'text',
        LastModifiedDate: new Date(0).toISOString(),
        Name: name,
        Selector: null,
        SourceResult: null,
        Type: 'SecureString',
        // Without decryption SSM answers a SecureString's ciphertext: never the secret.
        Value: decrypted ? value : createHash('sha256').update(value).digest('base64'),
        Version: 1,
      },
      ResultMetadata: {},
    };
    return answer(response, 200, JSON.stringify(body), 'application/json');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) answer(response, 500, `Internal Server Error: ${String(error)}`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    session: (functionName, parameters) => {
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, { functionName, parameters: new Set(parameters) });
      return { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port), AWS_SESSION_TOKEN: token };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
