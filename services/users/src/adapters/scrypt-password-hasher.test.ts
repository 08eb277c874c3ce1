import { DUMMY_HASH, parseHash, SCRYPT_PARAMS, scryptPasswordHasher } from './scrypt-password-hasher';

const hasher = scryptPasswordHasher();
const password = 'correct horse battery staple';

describe('scrypt password hasher', () => {
  it('verifies the password it hashed', async () => {
    expect(await hasher.verify(password, await hasher.hash(password))).toBe(true);
  });

  it('rejects a wrong password', async () => {
    const hash = await hasher.hash(password);
    expect(await hasher.verify('correct horse battery stapler', hash)).toBe(false);
    expect(await hasher.verify('', hash)).toBe(false);
  });

  it('salts every hash: two hashes of one password differ and both verify', async () => {
    const [first, second] = await Promise.all([hasher.hash(password), hasher.hash(password)]);
    expect(first).not.toBe(second);
    expect(await hasher.verify(password, first)).toBe(true);
    expect(await hasher.verify(password, second)).toBe(true);
  });

  it('stores its parameters with the hash and never the password', async () => {
    const hash = await hasher.hash(password);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(hash).not.toContain(password);
    const parsed = parseHash(hash);
    expect(parsed?.salt).toHaveLength(SCRYPT_PARAMS.saltLength);
    expect(parsed?.key).toHaveLength(SCRYPT_PARAMS.keyLength);
  });

  it('verifies with the parameters stored in the hash, so the cost can be raised later', async () => {
    const cheaper = scryptPasswordHasher({ ...SCRYPT_PARAMS, N: 1024, r: 4 });
    const old = await cheaper.hash(password);
    expect(old.startsWith('scrypt$1024$4$1$')).toBe(true);
    expect(await hasher.verify(password, old)).toBe(true);
  });

  it('compares passwords as Unicode NFKC (composed and decomposed accents match)', async () => {
    const composed = 'caf\u00e9-au-lait-please';
    const decomposed = 'cafe\u0301-au-lait-please';
    expect(await hasher.verify(decomposed, await hasher.hash(composed))).toBe(true);
  });

  it('treats a tampered hash as no match', async () => {
    const hash = await hasher.hash(password);
    const parts = hash.split('$');
    const key = Buffer.from(parts[5]!, 'base64');
    key[0] = key[0]! ^ 0xff;
    const tamperedKey = [...parts.slice(0, 5), key.toString('base64')].join('$');
    const otherSalt = [...parts.slice(0, 4), Buffer.alloc(16, 7).toString('base64'), parts[5]].join('$');
    const otherCost = hash.replace('scrypt$16384$', 'scrypt$8192$');
    for (const tampered of [tamperedKey, otherSalt, otherCost]) {
      expect(await hasher.verify(password, tampered)).toBe(false);
    }
  });

  it.each([
    ['an empty string', ''],
    ['another algorithm', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['a plain password', password],
    ['a cost that is not a power of two', 'scrypt$16385$8$1$UhK+UYmc1j4kPQhUmzmvcA==$LKHb5OwVsC6hn6RQ+M5XDGU0mjW4llEHnTv+eAr79LU='],
    ['a memory cost above the bound', 'scrypt$1048576$32$1$UhK+UYmc1j4kPQhUmzmvcA==$LKHb5OwVsC6hn6RQ+M5XDGU0mjW4llEHnTv+eAr79LU='],
    ['a short salt', 'scrypt$16384$8$1$AAAA$LKHb5OwVsC6hn6RQ+M5XDGU0mjW4llEHnTv+eAr79LU='],
    ['a missing part', 'scrypt$16384$8$1$UhK+UYmc1j4kPQhUmzmvcA=='],
  ])('treats %s as no match, without throwing', async (_, hash) => {
    await expect(hasher.verify(password, hash)).resolves.toBe(false);
  });

  it('does the same work for an unknown account (dummy hash) and answers no match', async () => {
    expect(await hasher.verify(password, undefined)).toBe(false);
  });

  it('keeps the dummy hash at the current parameters, so unknown accounts cost as much as real ones', () => {
    const parsed = parseHash(DUMMY_HASH);
    expect(parsed?.params).toEqual({ N: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p });
    expect(parsed?.salt).toHaveLength(SCRYPT_PARAMS.saltLength);
    expect(parsed?.key).toHaveLength(SCRYPT_PARAMS.keyLength);
  });
});
