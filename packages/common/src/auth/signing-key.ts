import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SigningKey } from './tokens';
import { signingKeySchema } from './tokens';

let cached: Promise<SigningKey> | undefined;

const parse = (json: string, source: string): SigningKey => {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${source} is not JSON`);
  }
  const key = signingKeySchema.safeParse(value);
  if (!key.success) throw new Error(`${source} is not an EC P-256 private JWK with a kid`);
  return key.data;
};

/**
 * The access-token signing key, loaded once per container. In AWS it comes from the SSM
 * SecureString named by JWT_SIGNING_KEY_PARAMETER (decrypted at cold start, never in the template
 * or the function's environment); the local platform passes its generated key in JWT_SIGNING_KEY.
 */
export const loadSigningKey = (): Promise<SigningKey> => {
  cached ??= (async () => {
    const inline = process.env.JWT_SIGNING_KEY;
    if (inline) return parse(inline, 'JWT_SIGNING_KEY');
    const name = process.env.JWT_SIGNING_KEY_PARAMETER;
    if (!name) throw new Error('Set JWT_SIGNING_KEY_PARAMETER (SSM SecureString name) or JWT_SIGNING_KEY');
    const { Parameter } = await new SSMClient({}).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return parse(Parameter?.Value ?? '', `SSM parameter ${name}`);
  })().catch((error: unknown) => {
    cached = undefined; // retry on the next invocation rather than caching a failure
    throw error;
  });
  return cached;
};
