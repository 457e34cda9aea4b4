/**
 * The front thread's copy of the page cache, without a thread: `PageMirror` (the web thread's
 * side) sends every change of a real `PageCache` to a `FrontPages` (the front's side) in order, and
 * the copy answers exactly what the cache holds, before and after a catch-up the front asked for.
 */
import { describe, expect, it } from 'vitest';
import { type ChangeSource, makeCachedPage, PageCache } from '../page-cache.js';
import { PageMirror } from './mirror.js';
import { FrontPages } from './pages.js';
import type { ToFront } from './protocol.js';

/**
 * A change log whose token, like the SQLite store's, is read from the database at most once in a
 * while: `changeToken()` answers the last reading, `changeToken(true)` reads now.
 */
function throttledStore() {
  let committed = 0;
  let read = 0;
  const entries: Array<{ seq: number; tags: string[] }> = [];
  const source: ChangeSource = {
    changeToken: (fresh?: boolean) => {
      if (fresh) read = committed;
      return String(read);
    },
    changes: {
      latestChange: async () => entries.at(-1)?.seq ?? 0,
      findChangesSince: async (seq) => ({
        latest: entries.at(-1)?.seq ?? seq,
        tags: [...new Set(entries.filter((e) => e.seq > seq).flatMap((e) => e.tags))],
      }),
    },
  };
  return {
    source,
    commit(tags: string[]) {
      committed++;
      entries.push({ seq: entries.length + 1, tags });
    },
    /** The store's periodic reading of its counter. */
    look() {
      read = committed;
    },
  };
}

/** A cache, its mirror and the front's copy, wired as `client.ts` and `thread.ts` wire them (messages in order). */
function wired(source: ChangeSource) {
  const cache = new PageCache(source);
  let moved = false;
  const asked: number[] = [];
  const sent: ToFront[] = [];
  const pages = new FrontPages(
    () => {
      const was = moved;
      moved = false;
      return was;
    },
    (id) => asked.push(id),
  );
  const mirror = new PageMirror((message) => {
    sent.push(message);
    if (message.type === 'pages') pages.apply(message.ops);
    if (message.type === 'synced') pages.synced(message.id);
  });
  return {
    cache,
    pages,
    mirror,
    asked,
    sent,
    /** The front saw the database move. */
    seeChange: () => {
      moved = true;
    },
  };
}

const page = (text: string) => makeCachedPage(text, 'text/html; charset=utf-8');

describe('the front’s copy of the page cache', () => {
  it('holds what the cache holds: stored, remembered, dropped and evicted alike, bodies shared', async () => {
    const store = throttledStore();
    const { cache, pages, mirror } = wired(store.source);
    await cache.sync();
    cache.observe(mirror);
    cache.set('/stories/a', page('a'), ['story:1']);
    cache.remember('/stories/a', '/stories/a');
    cache.remember('/stories/a?utm=x', '/stories/a');
    cache.set('/stories/b', page('b'), ['story:2']);
    mirror.flush();
    expect(pages.keyForUrl('/stories/a?utm=x')).toBe('/stories/a');
    const copy = pages.peek('/stories/a')!;
    expect(copy.body.toString()).toBe('a');
    expect(copy.etag).toBe(cache.get('/stories/a')!.etag);
    // One copy of the bytes for both threads.
    expect(copy.body.buffer).toBe(cache.get('/stories/a')!.body.buffer);
    expect(copy.body.buffer).toBeInstanceOf(SharedArrayBuffer);

    cache.invalidate(['story:1']);
    mirror.flush();
    expect(pages.peek('/stories/a')).toBeUndefined();
    expect(pages.peek('/stories/b')).toBeDefined();
    cache.clear();
    mirror.flush();
    expect(pages.size).toBe(0);
  });

  it('takes pages the cache held before it was watched, and evicts as the cache does', async () => {
    const store = throttledStore();
    const cache = new PageCache(store.source, { maxEntries: 2, maxUrls: 2 });
    await cache.sync();
    cache.set('/one', page('1'), []);
    cache.remember('/one', '/one');
    const pages = new FrontPages(
      () => false,
      () => {},
    );
    const mirror = new PageMirror((message) => message.type === 'pages' && pages.apply(message.ops));
    cache.observe(mirror);
    cache.set('/two', page('2'), []);
    cache.set('/three', page('3'), []);
    cache.remember('/two', '/two');
    cache.remember('/three', '/three');
    mirror.flush();
    expect(
      [pages.peek('/one'), pages.peek('/two'), pages.peek('/three')].map((p) => p?.body.toString()),
    ).toEqual([undefined, '2', '3']);
    expect([pages.keyForUrl('/one'), pages.keyForUrl('/two'), pages.keyForUrl('/three')]).toEqual([
      undefined,
      '/two',
      '/three',
    ]);
  });

  it('waits for its first catch-up, and for one after every change it sees', async () => {
    const store = throttledStore();
    const { cache, pages, mirror, asked } = wired(store.source);
    // A new front knows nothing of what was committed before it looked.
    expect(asked).toEqual([1]);
    expect(pages.sync()).not.toBeNull();
    await mirror.answerSync(cache, 1);
    expect(pages.sync()).toBeNull();
  });

  it('drops a changed page before the answer, even when the store read its counter just before the commit', async () => {
    const store = throttledStore();
    const { cache, pages, mirror, asked, sent, seeChange } = wired(store.source);
    await mirror.answerSync(cache, asked[0]!);
    cache.observe(mirror);
    cache.set('/stories/a', page('a'), ['story:1']);
    cache.remember('/stories/a', '/stories/a');
    mirror.flush();
    expect(pages.peek('/stories/a')).toBeDefined();

    // The web thread reads its counter, another connection commits, the front sees it at once.
    store.look();
    store.commit(['story:1']);
    seeChange();
    expect(pages.sync()).not.toBeNull();
    const id = asked.at(-1)!;
    sent.length = 0;
    await mirror.answerSync(cache, id);
    // The drop arrived, and before the answer that lets the front serve again.
    expect(sent.map((m) => m.type)).toEqual(['pages', 'synced']);
    expect(pages.peek('/stories/a')).toBeUndefined();
    expect(pages.sync()).toBeNull();
  });
});
