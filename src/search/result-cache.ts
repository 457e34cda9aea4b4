/**
 * The store's answers to recent searches, kept until a story or section changes: a common query
 * asked by many readers (`oil`) is searched once between writes. Like the page cache
 * (`web/page-cache.ts`) it compares the store's cheap change token on every use, and only when
 * it moved reads the change log: any change tag (every story, section, copy or family write
 * records some) drops every answer, since any of them may enter or leave any result list; a write
 * that records no tag (a learner's click, the writer's heartbeat) keeps them. Per process.
 */
import type { SearchPage, Store } from '../store/types.js';

/** Answers kept; the least recently used go first. */
export const SEARCH_CACHE_ENTRIES = 1000;

export class SearchResultCache {
  private readonly entries = new Map<string, SearchPage>();
  private token: string | null = null;
  private seq: number | null = null;
  /** Moves on every drop, so an answer computed across one is not kept (it may be stale). */
  private epoch = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly store: Pick<Store, 'changeToken' | 'changes' | 'transactionMark'>,
    private readonly maxEntries = SEARCH_CACHE_ENTRIES,
  ) {}

  async get(key: string, search: () => Promise<SearchPage>): Promise<SearchPage> {
    await this.sync();
    const kept = this.entries.get(key);
    if (kept) {
      this.stats.hits++;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    this.stats.misses++;
    // Not kept when a transaction was open, or started or ended, while searching: the answer may
    // show its writes, which it may roll back (`Store.transactionMark`).
    const mark = this.store.transactionMark();
    const epoch = this.epoch;
    const page = await search();
    if (epoch === this.epoch && mark % 2 === 0 && this.store.transactionMark() === mark) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, page);
    }
    return page;
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
