/**
 * Rendered pages kept as bytes, with an ETag, until something they show changes.
 *
 * Each cached page carries the change tags of what it was rendered from (`story:12`,
 * `related:12`, `section:3`, `title:<key>`, `stories`, `sections`: see `ChangeRepo` in
 * `store/types.ts`). Every write records the tags it touched in the store's change log, in the
 * same transaction, whichever process made it. On a request the cache compares the store's cheap
 * change token (`PRAGMA data_version` on SQLite); only when it moved does it read the tags
 * changed since it last looked and drop exactly the pages carrying one of them. So a learner's
 * click or a feed's poll state, which change no public page, leave every cached page warm, and a
 * corrected story re-renders its page, the lists it is on and the pages whose 相关文章 show it.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { Store } from '../store/types.js';

export interface CachedPage {
  body: Buffer;
  /**
   * gzip of `body`, made the first time a client asks for it (`gzipOf`) and kept: a page only
   * fetched by clients that do not take gzip (feed readers, crawlers, load generators) is never
   * compressed, and a cold page costs its render, not its render and its gzip.
   */
  gzipped: Buffer | null;
  /** Strong validator of `body`. */
  etag: string;
  /** Strong validator of the gzip bytes (`"…-gz"`), known before they are made. */
  gzipEtag: string;
  contentType: string;
  /**
   * When these bytes were first made, in whole seconds (ms since the epoch): `Last-Modified`.
   * `PageCache.set` keeps it across re-renders that give the same bytes and moves it forward when
   * they differ, so a page changed twice within a second never repeats one (`If-Modified-Since`
   * would then call the newer bytes unchanged): null then, and only the ETag validates.
   */
  lastModified: number | null;
}

/** Now, floored to a whole second (what an HTTP date can say). */
const thisSecond = () => Math.floor(Date.now() / 1000) * 1000;

export function makeCachedPage(body: string | Buffer, contentType: string): CachedPage {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const hash = createHash('sha1').update(bytes).digest('base64url');
  return {
    body: bytes,
    gzipped: null,
    etag: `"${hash}"`,
    gzipEtag: `"${hash}-gz"`,
    contentType,
    lastModified: thisSecond(),
  };
}

const gzipOffThread = promisify(gzip);

/** Pages at least this large are gzipped on libuv's thread pool, not on the event loop. */
export const GZIP_OFF_THREAD_BYTES = 64 * 1024;

/** gzips of large pages under way, so requests arriving meanwhile share one. */
const gzipping = new WeakMap<CachedPage, Promise<Buffer>>();

/**
 * The gzip bytes of `page`, made on first use and kept on it. A large page (the longest story's
 * 2.5 MB) is gzipped off the event loop, so it does not hold up other requests for tens of
 * milliseconds; a small one at once (a fraction of a millisecond).
 */
export function gzipOf(page: CachedPage): Buffer | Promise<Buffer> {
  if (page.gzipped) return page.gzipped;
  if (page.body.length < GZIP_OFF_THREAD_BYTES) {
    // A copy: gzipSync's result can sit on a larger pooled buffer that would stay alive with it.
    page.gzipped = Buffer.from(gzipSync(page.body, { level: 6 }));
    return page.gzipped;
  }
  let pending = gzipping.get(page);
  if (!pending) {
    pending = gzipOffThread(page.body, { level: 6 }).then(
      (bytes) => {
        page.gzipped = Buffer.from(bytes);
        gzipping.delete(page);
        return page.gzipped;
      },
      (error: unknown) => {
        // The next request tries again rather than meeting this failure for as long as the page is cached.
        gzipping.delete(page);
        throw error;
      },
    );
    gzipping.set(page, pending);
  }
  return pending;
}

/** Longest request URL the fast path remembers (characters): 20,000 of them stay under 20 MB. */
export const MAX_REMEMBERED_URL = 1000;

/** Options for `PageCache`. */
export interface PageCacheOptions {
  /** Most pages kept; the longest-cached go first. Default 5000, range ≥ 1. */
  maxEntries?: number;
  /** More changed tags than this at once drop the whole cache (cheaper than matching). Default 5000. */
  maxTags?: number;
  /** Request URLs remembered for the fast path (`fast-path.ts`); the oldest go first. Default 4 × maxEntries. */
  maxUrls?: number;
}

/** What the cache asks of the store. */
export type ChangeSource = Pick<Store, 'changeToken' | 'changes' | 'transactionMark'>;

interface Entry {
  page: CachedPage;
  tags: readonly string[];
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  /** Key → the ETag and Last-Modified it was last cached with, kept after the page is dropped. */
  private readonly validators = new Map<
    string,
    { etag: string; lastModified: number | null; latest: number }
  >();
  /** Tag → keys of the cached pages carrying it. */
  private readonly byTag = new Map<string, Set<string>>();
  private token: string | null = null;
  /** The newest change applied; null until the first sync. */
  private seq: number | null = null;
  private syncing: Promise<void> | null = null;
  /**
   * Moves on every invalidation, and when a transaction of the store starts or ends, so a render
   * that straddles one is not cached (it may be stale, or show rows that were rolled back).
   */
  private epochValue = 0;
  /** The store's `transactionMark` when last looked at. */
  private mark = 0;
  private readonly maxEntries: number;
  private readonly maxTags: number;
  /** Exact request URL → the key it was served under, for the fast path. */
  private readonly urls = new Map<string, string>();
  private readonly maxUrls: number;
  /** Lookups answered from the cache and not (for operators and tests). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly source: ChangeSource,
    options: PageCacheOptions = {},
  ) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 5000);
    this.maxTags = options.maxTags ?? 5000;
    this.maxUrls = Math.max(1, options.maxUrls ?? 4 * this.maxEntries);
  }

  /**
   * Drops the pages that changes since the last call touched. Null when nothing changed (one
   * cheap token check, and no promise for the hot path to wait on); else a promise to await.
   */
  sync(): Promise<void> | null {
    const token = this.source.changeToken();
    if (token === this.token) return null;
    this.syncing ??= this.catchUp(token).finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async catchUp(token: string): Promise<void> {
    try {
      if (this.seq === null) {
        this.seq = await this.source.changes.latestChange();
        this.clear();
      } else {
        const changes = await this.source.changes.findChangesSince(this.seq);
        if (!changes) {
          this.clear();
          this.seq = await this.source.changes.latestChange();
        } else {
          this.invalidate(changes.tags);
          this.seq = changes.latest;
        }
      }
      this.token = token;
    } catch (error) {
      // Unsure what changed: serve nothing stale; the next request tries again.
      this.clear();
      throw error;
    }
  }

  /**
   * The number that moves on each invalidation: read it before rendering, pass it to `set`. While
   * a transaction whose writes the render could see is open, a negative number of that
   * transaction's own (the epoch moves at each start and end), which `set` never accepts.
   */
  get epoch(): number {
    return this.noteTransactions() ? -1 - this.epochValue : this.epochValue;
  }

  /** Moves the epoch when the store's transaction mark moved; true while one is open. */
  private noteTransactions(): boolean {
    const mark = this.source.transactionMark();
    if (mark !== this.mark) {
      this.mark = mark;
      this.epochValue++;
    }
    return mark % 2 === 1;
  }

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key)?.page;
    if (page) this.stats.hits++;
    else this.stats.misses++;
    return page;
  }

  /** The page under `key` if cached, counting a hit but not a miss (the fast path's lookup). */
  peek(key: string): CachedPage | undefined {
    const page = this.entries.get(key)?.page;
    if (page) this.stats.hits++;
    return page;
  }

  /**
   * Notes that a request for exactly `url` (path and query as sent) was answered with the page
   * under `key`, so the fast path may answer the next one. Only for routes whose page depends on
   * nothing but the URL (every route that sends through this cache).
   */
  remember(url: string, key: string): void {
    // A long URL (a random query string, say) is left to the normal path: the map stays small.
    if (url.length > MAX_REMEMBERED_URL || this.urls.get(url) === key) return;
    if (this.urls.size >= this.maxUrls && !this.urls.has(url)) {
      const oldest = this.urls.keys().next().value;
      if (oldest !== undefined) this.urls.delete(oldest);
    }
    this.urls.set(url, key);
  }

  /** The key a request for exactly `url` was last answered under, if remembered. */
  keyForUrl(url: string): string | undefined {
    return this.urls.get(url);
  }

  /**
   * Keeps `page` under `key` until one of `tags` changes. Not kept when an invalidation happened
   * since `epoch` was read (the page may have been rendered from data that just changed), nor
   * when a transaction started or ended meanwhile (it may show writes that were rolled back).
   * Returns whether it was kept: a page that was not is sent without a `Last-Modified`
   * (only its ETag validates it), so no client revalidates the next version of the page against its date.
   */
  set(key: string, page: CachedPage, tags: readonly string[], epoch = this.epoch): boolean {
    if (this.noteTransactions() || epoch !== this.epochValue) {
      page.lastModified = null;
      return false;
    }
    this.delete(key);
    this.dateChange(key, page);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.entries.set(key, { page, tags });
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (keys) keys.add(key);
      else this.byTag.set(tag, new Set([key]));
    }
    return true;
  }

  /** Gives `page` a `Last-Modified` after every other version of `key` this cache served. */
  private dateChange(key: string, page: CachedPage): void {
    const before = this.validators.get(key);
    if (before) {
      const kept = before.etag === page.etag ? before.lastModified : null;
      // A new date only after every date this key had: else the newer bytes would look older.
      page.lastModified =
        kept ?? (page.lastModified !== null && page.lastModified > before.latest ? page.lastModified : null);
      this.validators.delete(key);
    } else if (this.validators.size >= this.maxEntries * 4) {
      const oldest = this.validators.keys().next().value;
      if (oldest !== undefined) this.validators.delete(oldest);
    }
    const latest = Math.max(before?.latest ?? 0, page.lastModified ?? 0);
    this.validators.set(key, { etag: page.etag, lastModified: page.lastModified, latest });
  }

  /** Drops every page carrying one of `tags` (`all`, or too many tags, drops everything). */
  invalidate(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.epochValue++;
    if (tags.length > this.maxTags || tags.includes('all')) {
      this.clear();
      return;
    }
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.delete(key);
    }
  }

  clear(): void {
    this.epochValue++;
    this.entries.clear();
    this.byTag.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
