import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ChangeSource, GZIP_OFF_THREAD_BYTES, gzipOf, makeCachedPage, PageCache } from './page-cache.js';

/** A change log in memory: `commit(tags)` is what a write in any process does. */
function fakeStore() {
  let token = 0;
  let entries: Array<{ seq: number; tags: string[] }> = [];
  let pruned = 0;
  let mark = 0;
  const asked = { since: 0 };
  const source: ChangeSource = {
    changeToken: () => String(token),
    transactionMark: () => mark,
    changes: {
      latestChange: async () => entries.at(-1)?.seq ?? pruned,
      findChangesSince: async (seq) => {
        asked.since++;
        if (seq < pruned) return null;
        const later = entries.filter((e) => e.seq > seq);
        return { latest: entries.at(-1)?.seq ?? seq, tags: [...new Set(later.flatMap((e) => e.tags))] };
      },
    },
  };
  return {
    source,
    asked,
    commit(tags: string[]) {
      token++;
      if (tags.length > 0) entries.push({ seq: (entries.at(-1)?.seq ?? pruned) + 1, tags });
    },
    prune() {
      pruned = entries.at(-1)?.seq ?? pruned;
      entries = [];
    },
    /** A transaction of this store's connection starts (its writes visible to reads) or ends. */
    transaction(open: boolean) {
      if (open === (mark % 2 === 1)) throw new Error('transaction(open) out of order');
      mark++;
      if (!open) token++;
    },
  };
}

const page = (text: string) => makeCachedPage(text, 'text/html');

async function filled() {
  const store = fakeStore();
  const cache = new PageCache(store.source);
  await cache.sync();
  cache.set('/stories/a', page('a'), ['story:1', 'related:1', 'story:2']);
  cache.set('/stories/b', page('b'), ['story:2', 'related:2']);
  cache.set('/sections/world', page('w'), ['section:1', 'sections']);
  cache.set('/', page('home'), ['stories', 'sections']);
  return { store, cache };
}

const kept = (cache: PageCache) =>
  ['/stories/a', '/stories/b', '/sections/world', '/'].filter((key) => cache.get(key) !== undefined);

describe('PageCache', () => {
  it('drops exactly the pages carrying a changed tag', async () => {
    const { store, cache } = await filled();
    store.commit(['story:1']);
    await cache.sync();
    expect(kept(cache)).toEqual(['/stories/b', '/sections/world', '/']);
    store.commit(['story:2', 'stories']);
    await cache.sync();
    expect(kept(cache)).toEqual(['/sections/world']);
  });

  it('asks the change log only when the token moved, and keeps everything for writes without tags', async () => {
    const { store, cache } = await filled();
    const before = store.asked.since;
    await cache.sync();
    await cache.sync();
    expect(store.asked.since).toBe(before);
    store.commit([]);
    await cache.sync();
    expect(store.asked.since).toBe(before + 1);
    expect(kept(cache)).toHaveLength(4);
  });

  it('drops everything for `all`, too many tags, or changes it can no longer read', async () => {
    for (const change of ['all', 'many', 'pruned'] as const) {
      const { store, cache } = await filled();
      if (change === 'all') store.commit(['all']);
      if (change === 'many') store.commit(Array.from({ length: 6000 }, (_, i) => `story:${i + 100}`));
      if (change === 'pruned') {
        store.commit(['story:99']);
        store.prune();
        store.commit(['story:98']);
      }
      await cache.sync();
      expect(kept(cache), change).toEqual([]);
    }
  });

  it('does not keep a page rendered across an invalidation (it may show what just changed)', async () => {
    const { store, cache } = await filled();
    const epoch = cache.epoch;
    store.commit(['story:7']);
    await cache.sync();
    cache.set('/stories/c', page('c'), ['story:3'], epoch);
    expect(cache.get('/stories/c')).toBeUndefined();
    cache.set('/stories/c', page('c'), ['story:3'], cache.epoch);
    expect(cache.get('/stories/c')).toBeDefined();
  });

  it('does not keep a page rendered while a transaction was open, or across its start (it may roll back)', async () => {
    const store = fakeStore();
    const cache = new PageCache(store.source);
    await cache.sync();
    // Rendered while one is open: what it shows may be rolled back, which records no change.
    store.transaction(true);
    const during = cache.epoch;
    const uncommitted = page('uncommitted');
    expect(cache.set('/stories/a', uncommitted, ['story:1'], during)).toBe(false);
    // Sent without a date: the page after the rollback, made in the same second, must not
    // answer 304 to an If-Modified-Since copied from this one.
    expect(uncommitted.lastModified).toBeNull();
    store.transaction(false);
    await cache.sync();
    cache.set('/stories/a', page('uncommitted'), ['story:1'], during);
    expect(cache.get('/stories/a')).toBeUndefined();
    // Each transaction has an epoch of its own, so renders made during two never share one.
    store.transaction(true);
    const second = cache.epoch;
    expect(second).not.toBe(during);
    store.transaction(false);
    // Begun before one started and finished after it rolled back.
    const before = cache.epoch;
    store.transaction(true);
    store.transaction(false);
    cache.set('/stories/b', page('b'), ['story:2'], before);
    expect(cache.get('/stories/b')).toBeUndefined();
    // With no transaction in between, pages are kept as before.
    const quiet = cache.epoch;
    expect(cache.set('/stories/b', page('b'), ['story:2'], quiet)).toBe(true);
    expect(cache.get('/stories/b')?.body.toString()).toBe('b');
    expect(cache.get('/stories/b')?.lastModified).not.toBeNull();
  });

  it('evicts the longest-cached page when full, and forgets its tags', async () => {
    const store = fakeStore();
    const cache = new PageCache(store.source, { maxEntries: 2 });
    await cache.sync();
    cache.set('/1', page('1'), ['story:1']);
    cache.set('/2', page('2'), ['story:2']);
    cache.set('/3', page('3'), ['story:3']);
    expect([cache.get('/1'), cache.get('/2') && '/2', cache.get('/3') && '/3']).toEqual([
      undefined,
      '/2',
      '/3',
    ]);
    expect(cache.size).toBe(2);
  });
});

describe('PageCache Last-Modified', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a page’s date while its bytes stay the same and moves it forward when they change', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00.400Z'));
    const store = fakeStore();
    const cache = new PageCache(store.source);
    await cache.sync();
    cache.set('/', page('home'), ['stories']);
    expect(cache.get('/')!.lastModified).toBe(Date.parse('2026-12-02T10:00:00Z'));
    // Dropped and made again later with the same bytes: still the first date.
    store.commit(['stories']);
    await cache.sync();
    vi.setSystemTime(new Date('2026-12-02T10:05:00Z'));
    cache.set('/', page('home'), ['stories']);
    expect(cache.get('/')!.lastModified).toBe(Date.parse('2026-12-02T10:00:00Z'));
    // New bytes: the new time.
    store.commit(['stories']);
    await cache.sync();
    cache.set('/', page('home 2'), ['stories']);
    expect(cache.get('/')!.lastModified).toBe(Date.parse('2026-12-02T10:05:00Z'));
    // Changed again within that second: no date could tell the two apart, so none is given.
    store.commit(['stories']);
    await cache.sync();
    vi.setSystemTime(new Date('2026-12-02T10:05:00.900Z'));
    cache.set('/', page('home 3'), ['stories']);
    expect(cache.get('/')!.lastModified).toBeNull();
    // The next second dates it again.
    store.commit(['stories']);
    await cache.sync();
    vi.setSystemTime(new Date('2026-12-02T10:05:01.100Z'));
    cache.set('/', page('home 3'), ['stories']);
    expect(cache.get('/')!.lastModified).toBe(Date.parse('2026-12-02T10:05:01Z'));
  });
});

describe('gzip bytes, made when first asked for', () => {
  it('gzips a small page on first use, once', () => {
    const small = page('<p>hello</p>'.repeat(100));
    expect(small.gzipped).toBeNull();
    const bytes = gzipOf(small) as Buffer;
    expect(gunzipSync(bytes).equals(small.body)).toBe(true);
    expect(small.gzipped).toBe(bytes);
    expect(gzipOf(small)).toBe(bytes);
  });

  it('gzips a large page off the event loop, one gzip for the requests that arrive meanwhile', async () => {
    const large = page('<p>a long story</p>'.repeat(Math.ceil(GZIP_OFF_THREAD_BYTES / 10)));
    const first = gzipOf(large);
    const second = gzipOf(large);
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    expect(large.gzipped).toBeNull();
    const bytes = await first;
    expect(gunzipSync(bytes).equals(large.body)).toBe(true);
    expect(gzipOf(large)).toBe(bytes);
  });
});
