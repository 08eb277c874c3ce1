import type { ClientRateLimit } from '@emporium/api-stage/settings';
import type { Clock } from './token-bucket';

/**
 * An AWS WAF rate-based rule, per client: it counts every request of the client that matches the
 * rule (blocked ones too) over the last `windowSeconds`, and blocks while that count is above
 * `limit`. So a client that keeps sending stays blocked; one that pauses for the window is let
 * through again. (WAF evaluates its counts every few seconds; this counts exactly.)
 */
export class ClientWindows {
  /** Per client, the times of its latest requests (at most limit + 1 are needed to decide). */
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limit: ClientRateLimit,
    private readonly clock: Clock = Date.now,
  ) {}

  /** Counts the request; true when it is within the limit. */
  admit(client: string): boolean {
    const now = this.clock();
    const since = now - this.limit.windowSeconds * 1000;
    const times = (this.seen.get(client) ?? []).filter((time) => time > since);
    times.push(now);
    if (times.length > this.limit.limit + 1) times.splice(0, times.length - (this.limit.limit + 1));
    this.seen.set(client, times);
    return times.length <= this.limit.limit;
  }
}
