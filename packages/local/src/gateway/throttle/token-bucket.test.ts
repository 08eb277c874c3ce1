import { Buckets, TokenBucket } from './token-bucket';

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const takeMany = (bucket: { take(): { allowed: boolean } }, times: number) => Array.from({ length: times }, () => bucket.take().allowed).filter(Boolean).length;

describe('TokenBucket (API Gateway throttle)', () => {
  it('lets a full burst through at once, then refuses', () => {
    const time = clock();
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 20 }, time.now);
    expect(takeMany(bucket, 25)).toBe(20);
  });

  it('refills at the rate: after half a second, rate/2 more requests pass', () => {
    const time = clock();
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 20 }, time.now);
    takeMany(bucket, 20);
    time.advance(500);
    expect(takeMany(bucket, 10)).toBe(5);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const time = clock();
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 5 }, time.now);
    time.advance(60_000);
    expect(takeMany(bucket, 10)).toBe(5);
  });

  it('holds the long-run rate: in 10 seconds at rate 3 and burst 6, at most 6 + 30 of 1000 pass', () => {
    const time = clock();
    const bucket = new TokenBucket({ rateLimit: 3, burstLimit: 6 }, time.now);
    let passed = 0;
    for (let i = 0; i < 1000; i += 1) {
      time.advance(10);
      if (bucket.take().allowed) passed += 1;
    }
    // The 36th token is due at exactly 10 s; floating point may deliver it a hair later.
    expect(passed).toBeGreaterThanOrEqual(35);
    expect(passed).toBeLessThanOrEqual(36);
  });

  it('says when the next token comes, at least a second', () => {
    const time = clock();
    const slow = new TokenBucket({ rateLimit: 0.25, burstLimit: 1 }, time.now);
    slow.take();
    expect(slow.take()).toEqual({ allowed: false, retryAfterSeconds: 4 });
    const fast = new TokenBucket({ rateLimit: 100, burstLimit: 1 }, time.now);
    fast.take();
    expect(fast.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refuses everything with a burst of 0, as API Gateway does', () => {
    const time = clock();
    expect(takeMany(new TokenBucket({ rateLimit: 100, burstLimit: 0 }, time.now), 5)).toBe(0);
  });
});

describe('Buckets', () => {
  it('keeps one bucket per key', () => {
    const time = clock();
    const buckets = new Buckets(time.now);
    const throttle = { rateLimit: 1, burstLimit: 2 };
    expect([1, 2, 3].map(() => buckets.take('a', throttle).allowed)).toEqual([true, true, false]);
    expect(buckets.take('b', throttle).allowed).toBe(true);
  });
});
