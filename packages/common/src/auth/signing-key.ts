import { loadSecret } from '../secrets';
import type { SigningKey } from './tokens';
import { signingKeySchema } from './tokens';

/**
 * The access-token signing key (an EC P-256 private JWK with kid), loaded once per container:
 * JWT_SIGNING_KEY, or the SSM SecureString named by JWT_SIGNING_KEY_PARAMETER (see loadSecret).
 */
export const loadSigningKey = async (): Promise<SigningKey> => {
  const json = await loadSecret('JWT_SIGNING_KEY');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('The JWT signing key is not JSON');
  }
  const key = signingKeySchema.safeParse(value);
  if (!key.success) throw new Error('The JWT signing key is not an EC P-256 private JWK with a kid');
  return key.data;
};
