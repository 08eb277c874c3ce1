import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { STATE_DIR } from '../paths';

const KEYS_DIR = path.join(STATE_DIR, 'keys');
const pending = new Map<string, Promise<string>>();

/** `/emporium/local/service-clients/orders` -> `.emporium/keys/service-clients-orders` */
export const localSecretFile = (parameter: string): string =>
  path.join(KEYS_DIR, parameter.replace(/^\/emporium\/[^/]+\//, '').replace(/[^A-Za-z0-9_-]+/g, '-'));

const generate = async (parameter: string): Promise<string> => {
  // API key values are letters and digits (API Gateway's rule): 40 hex digits.
  if (parameter.includes('/api-keys/')) return randomBytes(20).toString('hex');
  if (!parameter.endsWith('jwt-signing-key')) return randomBytes(32).toString('base64url');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify({ ...jwk, kid: await calculateJwkThumbprint(jwk) });
};

/**
 * The local stand-in for an SSM SecureString: generated on first use into the ignored
 * .emporium/keys/ (mode 600) and reused afterwards, so tokens and service credentials survive
 * restarts. A `*-jwt-signing-key` parameter holds an EC P-256 private JWK; others a random secret.
 * Functions that declare `<NAME>_PARAMETER` read it as in AWS, through the Parameters and Secrets
 * extension the platform emulates (runtime/parameters-extension.ts); under `serverless offline` the
 * plugin hands it to them as `<NAME>` (serverless-offline.cjs). Never committed.
 */
export const localSecret = (parameter: string): Promise<string> => {
  let secret = pending.get(parameter);
  if (!secret) {
    secret = (async () => {
      const file = localSecretFile(parameter);
      if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
      const value = await generate(parameter);
      await mkdir(KEYS_DIR, { recursive: true });
      // Written aside, then linked into place: link fails if another platform got there first, and
      // then everyone uses that one (platforms may start in parallel).
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, `${value}\n`, { mode: 0o600 });
      await chmod(partial, 0o600);
      await link(partial, file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await unlink(partial);
      return (await readFile(file, 'utf8')).trim();
    })();
    pending.set(parameter, secret);
  }
  return secret;
};
