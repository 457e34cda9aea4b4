/**
 * Rendered pages kept as bytes, with an ETag, until stored content changes.
 *
 * The story page is what the site serves most, and it only changes when a story is written, so it
 * is rendered once and then served from memory. Validity is checked against the store's change
 * token on each request (one cheap `PRAGMA data_version` on SQLite), which also catches writes
 * from another process such as `lingwire import` while the server runs. Any change drops the
 * whole cache: related links and section lists tie pages to many stories, and re-rendering a page
 * costs about a millisecond, so precise invalidation would buy little.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Store } from '../store/types.js';

export interface CachedPage {
  body: Buffer;
  /** gzip of `body`, made once when cached. */
  gzipped: Buffer;
  /** Strong validator of `body`. */
  etag: string;
  /** Strong validator of `gzipped` (`"…-gz"`). */
  gzipEtag: string;
  contentType: string;
}

export function makeCachedPage(body: string | Buffer, contentType: string): CachedPage {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const hash = createHash('sha1').update(bytes).digest('base64url');
  return {
    body: bytes,
    // A copy: gzipSync's result can sit on a larger pooled buffer that would stay alive with it.
    gzipped: Buffer.from(gzipSync(bytes, { level: 6 })),
    etag: `"${hash}"`,
    gzipEtag: `"${hash}-gz"`,
    contentType,
  };
}

/** Options for `PageCache`. */
export interface PageCacheOptions {
  /** Most pages kept; the longest-cached go first. Default 5000, range ≥ 1. */
  maxEntries?: number;
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private token: string | null = null;
  private readonly maxEntries: number;

  constructor(
    private readonly store: Pick<Store, 'changeToken'>,
    options: PageCacheOptions = {},
  ) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 5000);
  }

  /** Drops everything if stored content changed since the last call. */
  sync(): void {
    const token = this.store.changeToken();
    if (token !== this.token) {
      this.entries.clear();
      this.token = token;
    }
  }

  get(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  set(key: string, page: CachedPage): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, page);
  }

  get size(): number {
    return this.entries.size;
  }
}
