import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../ports';

/**
 * Password hashing with scrypt (memory-hard, in node:crypto, so no native dependency). Hashes are
 * self-describing, `scrypt$N$r$p$<salt base64>$<key base64>`, so the cost can be raised later
 * without invalidating stored hashes: verify always uses the parameters stored with the hash.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory is about 128 * N * r bytes (16 MiB here). */
  N: number;
  r: number;
  p: number;
  keyLength: number;
  saltLength: number;
}

export const SCRYPT_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1, keyLength: 64, saltLength: 16 };

/**
 * Bounds for parameters read back from a stored hash: a corrupted or planted hash must not make
 * verification allocate gigabytes. Raise them together with SCRYPT_PARAMS.
 */
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;
const MAX_P = 4;

/**
 * Verified when the account does not exist, so unknown emails cost as much as wrong passwords.
 * Made once with SCRYPT_PARAMS from 32 random bytes nobody kept (a unit test checks it still
 * matches SCRYPT_PARAMS).
 */
export const DUMMY_HASH = 'scrypt$16384$8$1$UhK+UYmc1j4kPQhUmzmvcA==$LKHb5OwVsC6hn6RQ+M5XDGU0mjW4llEHnTv+eAr79LVJ6jRUID4vB4meajS+WdNBD59wKeVG1WBbFDsdtYHgMQ==';

const B64 = '[A-Za-z0-9+/]+={0,2}';
const HASH_FORMAT = new RegExp(`^scrypt\\$(\\d{1,8})\\$(\\d{1,3})\\$(\\d{1,3})\\$(${B64})\\$(${B64})$`);

interface ParsedHash {
  params: Omit<ScryptParams, 'saltLength' | 'keyLength'>;
  salt: Buffer;
  key: Buffer;
}

/** The parts of a stored hash, or undefined when it is not one we can (safely) verify against. */
export const parseHash = (encoded: string): ParsedHash | undefined => {
  const match = HASH_FORMAT.exec(encoded);
  if (!match) return undefined;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const key = Buffer.from(match[5] ?? '', 'base64');
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || p < 1 || p > MAX_P || 128 * N * r > MAX_MEMORY_BYTES) return undefined;
  if (salt.length < 16 || key.length < 32 || key.length > 128) return undefined;
  return { params: { N, r, p }, salt, key };
};

/**
 * Passwords are compared as Unicode NFKC (NIST SP 800-63B), so the same password typed on another
 * keyboard or OS (composed vs decomposed accents) still matches.
 */
const derive = (password: string, salt: Buffer, params: Omit<ScryptParams, 'saltLength'>): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const { N, r, p, keyLength } = params;
    // Runs on libuv's thread pool: the event loop stays free while a hash is computed.
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 2 * 128 * N * r * p }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });

const verifyAgainst = async (password: string, encoded: string): Promise<boolean> => {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, { ...parsed.params, keyLength: parsed.key.length });
  return timingSafeEqual(key, parsed.key);
};

export const scryptPasswordHasher = (params: ScryptParams = SCRYPT_PARAMS): PasswordHasher => ({
  async hash(password) {
    const salt = randomBytes(params.saltLength);
    const key = await derive(password, salt, params);
    return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
  },

  async verify(password, hash) {
    if (hash === undefined) {
      await verifyAgainst(password, DUMMY_HASH);
      return false;
    }
    return verifyAgainst(password, hash);
  },
});
