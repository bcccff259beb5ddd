import Redis from 'ioredis';

/**
 * Counts failed sign-ins per key (an IP address) in a fixed window. Only failures count, so a
 * hall full of phones behind one office router can all sign in; guessing from one address cannot.
 */
export interface FailureCounter {
  /** Records one failure and returns the count in the current window. */
  add(key: string, windowMs: number): Promise<number>;
  count(key: string): Promise<number>;
}

export class MemoryFailureCounter implements FailureCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async add(key: string, windowMs: number): Promise<number> {
    const now = Date.now();
    const current = this.windows.get(key);
    const window = current && current.resetAt > now ? current : { count: 0, resetAt: now + windowMs };
    window.count++;
    this.windows.set(key, window);
    if (this.windows.size > 100_000) this.sweep(now);
    return window.count;
  }

  async count(key: string): Promise<number> {
    const window = this.windows.get(key);
    return window && window.resetAt > Date.now() ? window.count : 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** Shared by every instance of the scaled profile. */
export class RedisFailureCounter implements FailureCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async add(key: string, windowMs: number): Promise<number> {
    const name = `${this.prefix}:signin-failures:${key}`;
    const [[, count]] = (await this.redis.multi().incr(name).pexpire(name, windowMs, 'NX').exec()) as [
      [Error | null, number],
      unknown,
    ];
    return count;
  }

  async count(key: string): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}:signin-failures:${key}`)) ?? 0);
  }
}
