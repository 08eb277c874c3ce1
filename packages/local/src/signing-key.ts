import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { STATE_DIR } from './paths';

const KEY_FILE = path.join(STATE_DIR, 'keys', 'jwt-signing-key.json');

/**
 * The local stage's access-token signing key (EC P-256 JWK with kid): generated on first start
 * into the ignored .emporium/keys/ (mode 600), reused afterwards so tokens survive restarts. In
 * AWS the key is an SSM SecureString; it is never committed.
 */
export const ensureLocalSigningKey = async (): Promise<string> => {
  if (existsSync(KEY_FILE)) return (await readFile(KEY_FILE, 'utf8')).trim();
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const key = JSON.stringify({ ...jwk, kid: await calculateJwkThumbprint(jwk) });
  await mkdir(path.dirname(KEY_FILE), { recursive: true });
  await writeFile(KEY_FILE, `${key}\n`, { mode: 0o600 });
  await chmod(KEY_FILE, 0o600);
  return key;
};
