import { attemptClient, decideAttempt, epochSeconds, isWindowOpen, SIGN_IN_LIMIT, windowExpiry } from './sign-in-attempts';

const now = new Date('2026-05-01T10:00:00.000Z');
const open = (attempts: number) => ({ attempts, expiresAt: epochSeconds(now) + 600 });

describe('sign-in attempt limit', () => {
  it('is 5 failures in a window of 15 minutes', () => {
    expect(SIGN_IN_LIMIT).toEqual({ maxFailures: 5, windowSeconds: 900 });
    expect(windowExpiry(now)).toBe(epochSeconds(now) + 900);
  });

  it('allows the first attempt and each attempt after up to 4 failures', () => {
    for (const attempts of [1, 2, 3, 4, 5]) expect(decideAttempt(open(attempts), now)).toEqual({ allowed: true });
  });

  it('refuses the attempt after 5 failures, with the seconds left in the window', () => {
    expect(decideAttempt(open(6), now)).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect(decideAttempt(open(50), now)).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it('allows again once the window has ended, however many attempts it held', () => {
    const ended = { attempts: 50, expiresAt: epochSeconds(now) };
    expect(isWindowOpen(ended, now)).toBe(false);
    expect(decideAttempt(ended, now)).toEqual({ allowed: true });
  });

  it('never tells a client to retry in less than a second', () => {
    const endingNow = { attempts: 6, expiresAt: epochSeconds(now) + 1 };
    expect(decideAttempt(endingNow, new Date(now.getTime() + 999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('follows a custom limit', () => {
    const limit = { maxFailures: 2, windowSeconds: 60 };
    expect(decideAttempt(open(3), now, limit)).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect(decideAttempt(open(2), now, limit)).toEqual({ allowed: true });
  });
});

describe('sign-in attempt windows at the edges', () => {
  it('counts per client address', () => {
    expect(attemptClient({ sourceIp: '203.0.113.7' })).toBe('ip:203.0.113.7');
  });

  it('reads epoch seconds, rounding down', () => {
    expect(epochSeconds(new Date('1970-01-01T00:00:01.999Z'))).toBe(1);
    expect(epochSeconds(now)).toBe(1777629600);
  });

  it('is open until its expiry second, not at it', () => {
    const expiresAt = epochSeconds(now) + 1;
    expect(isWindowOpen({ expiresAt }, now)).toBe(true);
    expect(isWindowOpen({ expiresAt }, new Date((expiresAt - 1) * 1000 + 999))).toBe(true);
    expect(isWindowOpen({ expiresAt }, new Date(expiresAt * 1000))).toBe(false);
  });

  it('opens a window for the custom limit given', () => {
    expect(windowExpiry(now, { maxFailures: 1, windowSeconds: 60 })).toBe(epochSeconds(now) + 60);
  });

  it('refuses exactly at maxFailures earlier failures, not one before', () => {
    const limit = { maxFailures: 3, windowSeconds: 60 };
    expect(decideAttempt(open(3), now, limit)).toEqual({ allowed: true });
    expect(decideAttempt(open(4), now, limit)).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });
});
