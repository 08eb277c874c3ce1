import { newUser, toPublicUser } from './user';

const now = new Date('2026-02-03T04:05:06.000Z');
const input = { email: 'ada@example.com', displayName: 'Ada', role: 'customer' as const, passwordHash: 'scrypt$hash' };

describe('newUser', () => {
  it('is the input at version 1, created and updated now', () => {
    expect(newUser(input, 'U1', now)).toEqual({
      id: 'U1',
      ...input,
      version: 1,
      createdAt: '2026-02-03T04:05:06.000Z',
      updatedAt: '2026-02-03T04:05:06.000Z',
    });
  });
});

describe('toPublicUser', () => {
  it('shows everything but the password hash', () => {
    const user = { ...newUser(input, 'U1', now), version: 4, updatedAt: '2026-02-04T00:00:00.000Z' };
    expect(toPublicUser(user)).toEqual({
      id: 'U1',
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'customer',
      version: 4,
      createdAt: '2026-02-03T04:05:06.000Z',
      updatedAt: '2026-02-04T00:00:00.000Z',
    });
  });

  it('keeps a field added to the stored user private until listed', () => {
    const user = { ...newUser(input, 'U1', now), secret: 'x' };
    expect(Object.keys(toPublicUser(user))).toEqual(['id', 'email', 'displayName', 'role', 'version', 'createdAt', 'updatedAt']);
  });
});
