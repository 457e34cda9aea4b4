/**
 * Answers read from the store, kept until a story or section changes: a common search (`oil`), or
 * the count of stories a list API reports on every page, is read once between writes. Like the
 * page cache (`web/page-cache.ts`) it compares the store's cheap change token on every use, and
 * only when it moved reads the change log: any change tag (every story, section, copy or family
 * write records some) drops every answer, since any of them may change any answer; a write that
 * records no tag (a learner's click, the writer's heartbeat) keeps them. An answer read while a
 * transaction of this store was open, or across its start or end, is not kept: it may show rows
 * the transaction rolls back (`Store.transactionMark`). Per process.
 */
import type { Store } from './types.js';

export class AnswerCache<T> {
  private readonly entries = new Map<string, T>();
  private token: string | null = null;
  private seq: number | null = null;
  /** Moves on every drop, so an answer read across one is not kept (it may be stale). */
  private epoch = 0;
  readonly stats = { hits: 0, misses: 0 };

  /** `maxEntries`: answers kept; the least recently used go first. */
  constructor(
    private readonly store: Pick<Store, 'changeToken' | 'changes' | 'transactionMark'>,
    private readonly maxEntries: number,
  ) {}

  /** The answer kept under `key`, or `read()`'s (kept when nothing changed meanwhile). */
  async get(key: string, read: () => Promise<T>): Promise<T> {
    await this.sync();
    if (this.entries.has(key)) {
      const kept = this.entries.get(key) as T;
      this.stats.hits++;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    this.stats.misses++;
    const mark = this.store.transactionMark();
    const epoch = this.epoch;
    const answer = await read();
    if (epoch === this.epoch && mark % 2 === 0 && this.store.transactionMark() === mark) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, answer);
    }
    return answer;
  }

  private async sync(): Promise<void> {
    const token = this.store.changeToken();
    if (token === this.token) return;
    try {
      const changes = this.seq === null ? null : await this.store.changes.findChangesSince(this.seq);
      if (changes === null || changes.tags.length > 0) this.clear();
      this.seq = changes?.latest ?? (await this.store.changes.latestChange());
      this.token = token;
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  private clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}
