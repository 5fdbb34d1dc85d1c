/**
 * Token buckets, one per key (a terminal): `burst` tokens at once, then one more every
 * `intervalMs`. Kept in this process's memory: a hall running several hall-server processes
 * behind a load balancer allows each terminal at most that many times the rate, which still
 * bounds it; what must be exact (the daily quota, the numbers) is counted by the database.
 * Keys are enrolled terminals only (the limit runs after the device token is checked), so the
 * map stays as small as the fleet.
 */
export interface BucketRule {
  burst: number;
  intervalMs: number;
}

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /** `now` is read at every call: the hall's clock may be replaced (tests, KIOSK_NOW). */
  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number,
  ) {}

  /** Takes `cost` tokens of `key`'s bucket, or says how long until there are enough. */
  take(key: string, cost = 1): Admission {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= cost) {
      this.buckets.set(key, { tokens: bucket.tokens - cost, at: now });
      return { admitted: true };
    }
    this.buckets.set(key, bucket);
    // A cost above the burst never fits: say so with the time a full bucket takes.
    const missing = Math.min(cost, this.rule.burst) - bucket.tokens;
    return { admitted: false, retryAfterMs: Math.ceil(missing * this.rule.intervalMs) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.rule.burst, at: now };
    // A clock set back (a test, a corrected system time) refills nothing rather than draining.
    const elapsed = Math.max(0, now - bucket.at);
    return { tokens: Math.min(this.rule.burst, bucket.tokens + elapsed / this.rule.intervalMs), at: now };
  }
}
