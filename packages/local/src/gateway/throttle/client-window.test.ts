import { ClientWindows } from './client-window';

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('ClientWindows (an AWS WAF rate-based rule)', () => {
  it('lets a client send `limit` requests in the window, then blocks it', () => {
    const time = clock();
    const windows = new ClientWindows({ limit: 10, windowSeconds: 60 }, time.now);
    const admitted = Array.from({ length: 15 }, () => windows.admit('198.51.100.7'));
    expect(admitted.filter(Boolean)).toHaveLength(10);
    expect(admitted.slice(10)).toEqual([false, false, false, false, false]);
  });

  it('counts each client alone', () => {
    const time = clock();
    const windows = new ClientWindows({ limit: 10, windowSeconds: 60 }, time.now);
    for (let i = 0; i < 12; i += 1) windows.admit('198.51.100.7');
    expect(windows.admit('203.0.113.20')).toBe(true);
  });

  it('keeps a client that goes on sending blocked, and lets it in once it paused for the window', () => {
    const time = clock();
    const windows = new ClientWindows({ limit: 10, windowSeconds: 60 }, time.now);
    for (let i = 0; i < 10; i += 1) windows.admit('198.51.100.7');
    for (let i = 0; i < 30; i += 1) {
      time.advance(5_000);
      expect(windows.admit('198.51.100.7')).toBe(false);
    }
    time.advance(60_001);
    expect(windows.admit('198.51.100.7')).toBe(true);
  });

  it('counts a window that slides: old requests stop counting', () => {
    const time = clock();
    const windows = new ClientWindows({ limit: 10, windowSeconds: 60 }, time.now);
    for (let i = 0; i < 10; i += 1) {
      windows.admit('198.51.100.7');
      time.advance(6_000);
    }
    // The first request is now 60 s old: one place is free.
    expect(windows.admit('198.51.100.7')).toBe(true);
    expect(windows.admit('198.51.100.7')).toBe(false);
  });
});
