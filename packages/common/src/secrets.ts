import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const cache = new Map<string, Promise<string>>();

/**
 * A secret, loaded once per container: the environment variable `name` when set (the local
 * platform sets it), else the SSM SecureString named by `<name>_PARAMETER`, decrypted at run time so
 * the secret is never in a template or in the function's configuration.
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
      const { Parameter } = await new SSMClient({}).send(new GetParameterCommand({ Name: parameter, WithDecryption: true }));
      if (!Parameter?.Value) throw new Error(`SSM parameter ${parameter} is empty`);
      return Parameter.Value;
    })().catch((error: unknown) => {
      cache.delete(name); // retry on the next invocation rather than caching a failure
      throw error;
    });
    cache.set(name, secret);
  }
  return secret;
};
