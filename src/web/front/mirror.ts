/**
 * The web thread's side of the front thread's page copy: every change to the page cache becomes a
 * `PageOp`, sent in batches (one message per turn of the event loop's microtasks), in order.
 */
import type { CachedPage, PageCache, PageCacheObserver } from '../page-cache.js';
import type { PageOp, ToFront } from './protocol.js';

/**
 * `page.body`, moved onto a `SharedArrayBuffer` (one copy, once per render) so the front thread
 * reads the same bytes instead of a copy of every page.
 */
function share(page: CachedPage): Uint8Array {
  if (!(page.body.buffer instanceof SharedArrayBuffer)) {
    const shared = Buffer.from(new SharedArrayBuffer(page.body.length));
    page.body.copy(shared);
    page.body = shared;
  }
  return page.body;
}

export class PageMirror implements PageCacheObserver {
  private ops: PageOp[] = [];
  private scheduled = false;

  constructor(private readonly post: (message: ToFront) => void) {}

  stored(key: string, page: CachedPage): void {
    const { etag, gzipEtag, contentType, lastModified } = page;
    this.push({ op: 'store', key, page: { body: share(page), etag, gzipEtag, contentType, lastModified } });
  }

  dropped(key: string): void {
    this.push({ op: 'drop', key });
  }

  cleared(): void {
    this.push({ op: 'clear' });
  }

  remembered(url: string, key: string): void {
    this.push({ op: 'remember', url, key });
  }

  forgot(url: string): void {
    this.push({ op: 'forget', url });
  }

  /** Sends what is waiting now (before an answer that must follow it). */
  flush(): void {
    this.scheduled = false;
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.post({ type: 'pages', ops });
  }

  /**
   * Answers the front's sync request `id`: catches the cache up with every change committed before
   * now, sends the drops that makes, then the answer. Twice: a catch-up already under way when
   * the request came may have read the change log before the change the front saw.
   */
  async answerSync(cache: PageCache, id: number): Promise<void> {
    try {
      // Fresh: the store's counter may have been read just before the commit the front saw.
      for (let round = 0; round < 2; round++) await cache.sync(true);
    } catch {
      // The cache cleared itself (and told the front): nothing stale is left to serve.
    }
    this.flush();
    this.post({ type: 'synced', id });
  }

  private push(op: PageOp): void {
    this.ops.push(op);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }
}
