/**
 * The front thread's copy of the web thread's page cache: the same pages (their bytes shared, not
 * copied) and remembered URLs, changed only by the web thread's `PageOp`s, in its order.
 *
 * Freshness: a page may be served here only while nothing changed in the database since the web
 * thread last caught up. Each request asks `changed()` (`thread.ts`: the web thread's own writes
 * at once, anyone else's within a millisecond, as the web thread itself sees them); when it says
 * yes, this copy may be stale until the web thread has caught up with the change log, so `sync()`
 * asks it to (`sync` message) and reports "wait" until its answer, and requests meanwhile go to
 * the web thread. The web thread's catch-up starts after the request was sent, so after the
 * change was committed, and its page drops arrive before its answer: the pages left are those the
 * change did not touch.
 */

import type { PageSource } from '../fast-path.js';
import type { CachedPage } from '../page-cache.js';
import type { PageOp } from './protocol.js';

export class FrontPages implements PageSource {
  private readonly entries = new Map<string, CachedPage>();
  private readonly urls = new Map<string, string>();
  /** The sync request waited on; 0 when none. */
  private asked = 0;
  private lastId = 0;

  constructor(
    /** Whether the database changed since the last call. */
    private readonly changed: () => boolean,
    private readonly askSync: (id: number) => void,
  ) {
    // Whatever was committed before this thread first looked: caught up with before serving.
    this.asked = ++this.lastId;
    askSync(this.asked);
  }

  apply(ops: readonly PageOp[]): void {
    for (const op of ops) {
      switch (op.op) {
        case 'store': {
          const { body, ...rest } = op.page;
          const page: CachedPage = {
            ...rest,
            body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
            gzipped: null,
          };
          // Re-inserted, so its place in the map is the web thread's (newest last).
          this.entries.delete(op.key);
          this.entries.set(op.key, page);
          break;
        }
        case 'drop':
          this.entries.delete(op.key);
          break;
        case 'clear':
          this.entries.clear();
          break;
        case 'remember':
          this.urls.set(op.url, op.key);
          break;
        case 'forget':
          this.urls.delete(op.url);
          break;
      }
    }
  }

  /** The web thread's answer to sync request `id`. */
  synced(id: number): void {
    if (id === this.asked) this.asked = 0;
  }

  keyForUrl(url: string): string | undefined {
    return this.urls.get(url);
  }

  peek(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  sync(): number | null {
    if (this.changed()) {
      this.asked = ++this.lastId;
      this.askSync(this.asked);
    }
    return this.asked === 0 ? null : this.asked;
  }

  get size(): number {
    return this.entries.size;
  }
}
