import type { Throttle } from '@emporium/api-stage/settings';

/** Milliseconds since some fixed point; injected so tests control time. */
export type Clock = () => number;

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * API Gateway's throttle: a token bucket of `burstLimit` tokens refilled at `rateLimit` tokens a
 * second, starting full. Each request takes a token; with none left it is refused (429) and told
 * when the next token arrives. A burst of 0 refuses everything, as in API Gateway.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly throttle: Throttle,
    private readonly clock: Clock,
  ) {
    this.tokens = throttle.burstLimit;
    this.last = clock();
  }

  take(): Admission {
    const now = this.clock();
    const { rateLimit, burstLimit } = this.throttle;
    this.tokens = Math.min(burstLimit, this.tokens + ((now - this.last) / 1000) * rateLimit);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    const retryAfterSeconds = rateLimit > 0 && burstLimit >= 1 ? Math.max(1, Math.ceil((1 - this.tokens) / rateLimit)) : 60;
    return { allowed: false, retryAfterSeconds };
  }
}

/** Token buckets by key, each made on first use with its throttle. */
export class Buckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: Clock = Date.now) {}

  take(key: string, throttle: Throttle): Admission {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(throttle, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
