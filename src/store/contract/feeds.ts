/** The contract of `FeedRepo`, and of the provenance columns of a story. */
import { describe, expect, it } from 'vitest';
import type { NewFeed } from '../../ingest/polling/model.js';
import { addSection, addStory, NOW, type StoreContractAdapter, useStores } from './fixtures.js';

const FEED: NewFeed = {
  url: 'https://news.example.com/feed.xml',
  title: '',
  section: 'world',
  language: 'en',
  intervalMinutes: 30,
  allowPrivate: false,
  classify: 'auto',
};

export function feedsContract(adapter: StoreContractAdapter): void {
  describe('feeds', () => {
    const stores = useStores(adapter);

    it('adds a feed due at once with an empty state, finds it by id and URL, lists in id order', async () => {
      const store = await stores.open();
      const one = await store.feeds.createFeed(FEED, NOW);
      const two = await store.feeds.createFeed(
        {
          ...FEED,
          url: 'http://127.0.0.1:8080/f',
          section: null,
          language: 'any',
          allowPrivate: true,
          classify: 'never',
        },
        NOW,
      );
      expect(one).toEqual({
        ...FEED,
        id: one.id,
        createdAt: NOW,
        paused: false,
        state: {
          lastPolledAt: null,
          lastSuccessAt: null,
          lastError: null,
          consecutiveFailures: 0,
          etag: null,
          lastModified: null,
          nextPollAt: NOW,
          itemsSeen: 0,
          itemsStored: 0,
          itemsSkipped: 0,
        },
      });
      expect(two).toMatchObject({ section: null, language: 'any', allowPrivate: true });
      expect(await store.feeds.findFeedById(one.id)).toEqual(one);
      expect(await store.feeds.findFeedByUrl(FEED.url)).toEqual(one);
      expect(await store.feeds.findFeedById(9999)).toBeNull();
      expect(await store.feeds.findFeedByUrl('https://other.example/')).toBeNull();
      expect((await store.feeds.listFeeds()).map((f) => f.id)).toEqual([one.id, two.id]);
    });

    it('refuses a second subscription to one URL (FEED_EXISTS)', async () => {
      const store = await stores.open();
      await store.feeds.createFeed(FEED, NOW);
      await expect(store.feeds.createFeed({ ...FEED, title: 'again' }, NOW)).rejects.toMatchObject({
        code: 'FEED_EXISTS',
        message: expect.stringContaining(FEED.url),
      });
      expect(await store.feeds.listFeeds()).toHaveLength(1);
    });

    it('saves state (and the title when given) without a change tag; finds due feeds, most overdue first', async () => {
      const store = await stores.open();
      const a = await store.feeds.createFeed(FEED, NOW);
      const b = await store.feeds.createFeed({ ...FEED, url: 'https://b.example/rss' }, NOW);
      const before = await store.changes.latestChange();
      const state = {
        ...a.state,
        lastPolledAt: '2026-01-02T04:00:00.000Z',
        lastSuccessAt: '2026-01-02T04:00:00.000Z',
        etag: '"v1"',
        lastModified: 'Fri, 02 Jan 2026 04:00:00 GMT',
        nextPollAt: '2026-01-02T04:30:00.000Z',
        itemsSeen: 3,
        itemsStored: 2,
        itemsSkipped: 1,
      };
      expect(await store.feeds.saveFeedState(a.id, state, 'News & Co')).toBe(true);
      await store.feeds.saveFeedState(b.id, {
        ...b.state,
        lastError: 'fetch: boom',
        consecutiveFailures: 2,
        nextPollAt: '2026-01-02T04:10:00.000Z',
      });
      expect(await store.changes.latestChange()).toBe(before);
      expect(await store.feeds.findFeedById(a.id)).toMatchObject({ title: 'News & Co', state });
      expect((await store.feeds.findFeedById(b.id))?.state).toMatchObject({
        lastError: 'fetch: boom',
        consecutiveFailures: 2,
      });
      expect((await store.feeds.findFeedById(b.id))?.title).toBe('');
      expect(await store.feeds.saveFeedState(9999, state)).toBe(false);
      expect(await store.feeds.findDueFeeds('2026-01-02T04:00:00.000Z')).toEqual([]);
      expect((await store.feeds.findDueFeeds('2026-01-02T04:15:00.000Z')).map((f) => f.id)).toEqual([b.id]);
      expect((await store.feeds.findDueFeeds('2026-01-03T00:00:00.000Z')).map((f) => f.id)).toEqual([
        b.id,
        a.id,
      ]);
    });

    it('removes a feed and leaves its stories', async () => {
      const store = await stores.open();
      const feed = await store.feeds.createFeed(FEED, NOW);
      const story = await addStory(store, (await addSection(store, 'x')).id, 1, { feed: FEED.url });
      expect(await store.feeds.deleteFeed(feed.id)).toBe(true);
      expect(await store.feeds.deleteFeed(feed.id)).toBe(false);
      expect(await store.feeds.findFeedById(feed.id)).toBeNull();
      expect((await store.stories.findStoryById(story))?.feed).toBe(FEED.url);
    });

    it('keeps feed state written in a transaction only when it commits', async () => {
      const store = await stores.open();
      const feed = await store.feeds.createFeed(FEED, NOW);
      await expect(
        store.transaction(async (tx) => {
          await tx.feeds.saveFeedState(feed.id, { ...feed.state, itemsSeen: 5 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.feeds.findFeedById(feed.id))?.state.itemsSeen).toBe(0);
    });
  });

  describe('story provenance', () => {
    const stores = useStores(adapter);

    it('stores and updates author, licence, feed, fetch time, language and where the text came from', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const provenance = {
        author: 'Mary Fields',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        feed: FEED.url,
        fetchedAt: '2026-01-02T03:00:00.000Z',
        language: 'en',
        textFrom: 'summary' as const,
      };
      const id = await addStory(store, section.id, 1, provenance);
      expect(await store.stories.findStoryById(id)).toMatchObject(provenance);
      const plain = await addStory(store, section.id, 2);
      expect(await store.stories.findStoryById(plain)).toMatchObject({
        author: null,
        license: null,
        feed: null,
        fetchedAt: null,
        language: null,
        textFrom: null,
      });
      const story = (await store.stories.findStoryById(id))!;
      const { id: _, createdAt, updatedAt, ...fields } = story;
      await store.stories.updateStory(
        id,
        { ...fields, titleKey: 'story 1', textFrom: 'page', language: 'fr', author: null },
        NOW,
      );
      expect(await store.stories.findStoryById(id)).toMatchObject({
        textFrom: 'page',
        language: 'fr',
        author: null,
      });
    });
  });
}
