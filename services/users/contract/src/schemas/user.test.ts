import { signInBody } from './session';
import { registerUserBody, updateMeBody } from './user';

const valid = { email: '  Ada.Lovelace@Example.COM ', password: 'analytical-engine-1843', displayName: '  Ada  ' };

const fieldErrors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; keys?: string[] }[] } }) =>
  (result.error?.issues ?? []).flatMap((issue) => (issue.keys ? issue.keys.map((key) => `${key}:${issue.code}`) : [`${issue.path.join('.')}:${issue.code}`]));

describe('registration contract', () => {
  it('normalises the email to trimmed lowercase and trims the display name, never the password', () => {
    expect(registerUserBody.parse({ ...valid, password: ' spaces count  ' })).toEqual({
      email: 'ada.lovelace@example.com',
      password: ' spaces count  ',
      displayName: 'Ada',
    });
  });

  it.each([
    ['role', { role: 'admin' }],
    ['id', { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
    ['emailVerified', { emailVerified: true }],
    ['passwordHash', { passwordHash: 'scrypt$1$1$1$a$b' }],
    ['version', { version: 7 }],
  ])('refuses a client-chosen %s (mass assignment)', (field, extra) => {
    const result = registerUserBody.safeParse({ ...valid, ...extra });
    expect(result.success).toBe(false);
    expect(fieldErrors(result)).toEqual([`${field}:unrecognized_keys`]);
  });

  it.each([
    ['an invalid email', { email: 'ada@' }],
    ['an email without a domain', { email: 'ada' }],
    ['an email longer than 254 characters', { email: `${'a'.repeat(250)}@x.io` }],
    ['a password of 11 characters', { password: 'a'.repeat(11) }],
    ['a password of 129 characters', { password: 'a'.repeat(129) }],
    ['a blank display name', { displayName: '   ' }],
    ['a display name of 101 characters', { displayName: 'a'.repeat(101) }],
    ['a display name with control characters', { displayName: 'Ada\u0000Lovelace' }],
    ['a missing password', { password: undefined }],
  ])('rejects %s', (_, change) => {
    expect(registerUserBody.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('accepts passwords of exactly 12 and 128 characters', () => {
    expect(registerUserBody.safeParse({ ...valid, password: 'a'.repeat(12) }).success).toBe(true);
    expect(registerUserBody.safeParse({ ...valid, password: 'a'.repeat(128) }).success).toBe(true);
  });
});

describe('PATCH /me contract', () => {
  it('accepts a display name change alone', () => {
    expect(updateMeBody.parse({ displayName: ' Countess ' })).toEqual({ displayName: 'Countess' });
  });

  it('accepts a password change with the current password', () => {
    expect(updateMeBody.safeParse({ currentPassword: 'old-password-1', newPassword: 'new-password-12' }).success).toBe(true);
  });

  it('needs at least one change', () => {
    expect(updateMeBody.safeParse({}).success).toBe(false);
  });

  it.each([
    ['role', 'admin'],
    ['email', 'eve@example.com'],
    ['id', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['emailVerified', true],
    ['version', 9],
    ['passwordHash', 'x'],
  ])('refuses %s as an unknown field, even next to a valid change', (field, value) => {
    const result = updateMeBody.safeParse({ displayName: 'Ada', [field]: value });
    expect(result.success).toBe(false);
    expect(fieldErrors(result)).toEqual([`${field}:unrecognized_keys`]);
  });

  it('needs currentPassword to change the password, and newPassword when currentPassword is sent', () => {
    expect(fieldErrors(updateMeBody.safeParse({ newPassword: 'new-password-12' }))).toEqual(['currentPassword:custom']);
    expect(fieldErrors(updateMeBody.safeParse({ displayName: 'Ada', currentPassword: 'old-password-1' }))).toEqual(['newPassword:custom']);
  });

  it('holds a new password to the registration rules and refuses the current one again', () => {
    expect(updateMeBody.safeParse({ currentPassword: 'old-password-1', newPassword: 'short' }).success).toBe(false);
    expect(fieldErrors(updateMeBody.safeParse({ currentPassword: 'same-password-1', newPassword: 'same-password-1' }))).toEqual(['newPassword:custom']);
  });
});

describe('sign-in contract', () => {
  it('normalises the email like registration does', () => {
    expect(signInBody.parse({ email: ' ADA@Example.com', password: 'x' })).toEqual({ email: 'ada@example.com', password: 'x' });
  });

  it('refuses unknown fields and over-long passwords', () => {
    expect(signInBody.safeParse({ email: 'ada@example.com', password: 'x', role: 'admin' }).success).toBe(false);
    expect(signInBody.safeParse({ email: 'ada@example.com', password: 'a'.repeat(129) }).success).toBe(false);
  });
});
