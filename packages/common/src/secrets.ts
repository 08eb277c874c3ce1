/** The AWS Parameters and Secrets Lambda Extension's layer (arm64), which answers on localhost (serverless.base.yml: custom.secretsExtension). */
export const SECRETS_EXTENSION_LAYER = 'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64';

const cache = new Map<string, Promise<string>>();

/** The SSM GetParameter answer the extension relays. */
interface GetParameterAnswer {
  Parameter?: { Name?: string; Value?: string; Type?: string };
}

/**
 * Reads an SSM parameter, decrypted, through the AWS Parameters and Secrets Lambda Extension: a
 * layer running an HTTP server on localhost (PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, default 2773)
 * that calls SSM GetParameter with the function's role and caches the answer
 * (SSM_PARAMETER_STORE_TTL). It answers only callers that send the function's session token in
 * X-Aws-Parameters-Secrets-Token, and only during an invocation (not at init).
 */
const fromExtension = async (parameter: string): Promise<string> => {
  const port = process.env['PARAMETERS_SECRETS_EXTENSION_HTTP_PORT'] ?? '2773';
  const url = `http://localhost:${port}/systemsmanager/parameters/get?name=${encodeURIComponent(parameter)}&withDecryption=true`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'X-Aws-Parameters-Secrets-Token': process.env['AWS_SESSION_TOKEN'] ?? '' } });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') {
      throw new Error(
        `Reading SSM parameter ${parameter}: nothing answers on localhost:${port}; the function needs the ${SECRETS_EXTENSION_LAYER} layer (custom.secretsExtension in serverless.base.yml)`,
        { cause: error },
      );
    }
    throw new Error(`Reading SSM parameter ${parameter} through the Parameters and Secrets extension on localhost:${port} failed: ${String(error)}`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`Reading SSM parameter ${parameter}: the Parameters and Secrets extension answered ${response.status}: ${text.trim()}`);
  }
  let answer: GetParameterAnswer;
  try {
    answer = JSON.parse(text) as GetParameterAnswer;
  } catch {
    throw new Error(`Reading SSM parameter ${parameter}: the Parameters and Secrets extension answered ${response.status} with no JSON`);
  }
  const value = answer.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${parameter} is empty`);
  return value;
};

/**
 * A secret, loaded once per container: the environment variable `name` when set (`serverless
 * offline` and tests set it), else the SSM SecureString named by `<name>_PARAMETER`, decrypted at
 * run time through the Parameters and Secrets Lambda Extension (no SDK client in the bundle), so the
 * secret is never in a template or in the function's configuration. Call it during an invocation:
 * the extension does not answer at init. A failure is not cached: the next call tries again.
 *
 * @example
 * const secret = await loadSecret('SERVICE_CLIENT_SECRET'); // SERVICE_CLIENT_SECRET_PARAMETER=/emporium/dev/...
 */
export const loadSecret = (name: string): Promise<string> => {
  let secret = cache.get(name);
  if (!secret) {
    secret = (async () => {
      const inline = process.env[name];
      if (inline) return inline;
      const parameter = process.env[`${name}_PARAMETER`];
      if (!parameter) throw new Error(`Set ${name}_PARAMETER (an SSM SecureString name) or ${name}`);
      return fromExtension(parameter);
    })().catch((error: unknown) => {
      cache.delete(name); // retry on the next invocation rather than caching a failure
      throw error;
    });
    cache.set(name, secret);
  }
  return secret;
};
