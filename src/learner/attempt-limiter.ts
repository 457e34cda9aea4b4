/**
 * Attempts per key (an account, a client address) in a sliding window, so passwords cannot be
 * guessed at speed and registrations (each an expensive scrypt hash) cannot be flooded. Kept in
 * the web process's memory: with several web processes each allows its own quota (see README);
 * the store is not written on every failed guess.
 */

/** Keys tracked at most (the least recently used dropped first), so a flood of addresses cannot exhaust memory. */
const MAX_KEYS = 100_000;

export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  /**
   * @param limit attempts allowed per key in the window (≥ 1)
   * @param windowMs the window, in ms
   */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const times = this.recent(key);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[times.length - this.limit]! + this.windowMs - this.now()) / 1000));
  }

  /** Counts an attempt of `key`. */
  record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.attempts.delete(key);
    this.attempts.set(key, times);
    while (this.attempts.size > MAX_KEYS) {
      const oldest = this.attempts.keys().next().value;
      if (oldest === undefined) break;
      this.attempts.delete(oldest);
    }
  }

  /** Forgets `key`'s attempts (a successful login clears its account's failures). */
  clear(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.attempts.get(key) ?? []).filter((t) => t > since);
  }
}
