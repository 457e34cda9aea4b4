/** The contract of `StoryEditRepo`: status, level override, pins, history; and what the public then sees. */

import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../search/query.js';
import { familyTag } from '../change-tags.js';
import type { Store } from '../types.js';
import {
  addSection,
  addStory,
  LATER,
  LEVEL,
  NOW,
  record,
  type StoreContractAdapter,
  useStores,
} from './fixtures.js';

async function tagsOf(store: Store, write: () => Promise<unknown>): Promise<string[]> {
  const before = await store.changes.latestChange();
  await write();
  return (await store.changes.findChangesSince(before))!.tags;
}

async function searchIds(store: Store, q: string): Promise<number[]> {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return (await store.search.searchStories({ terms: parsed.query, limit: 10, offset: 0 })).hits.map(
    (h) => h.id,
  );
}

export function storyEditsContract(adapter: StoreContractAdapter): void {
  describe('story edits', () => {
    const stores = useStores(adapter);

    it('stores a new story as published, with no override and no pins', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const id = await addStory(store, section.id, 1);
      const story = (await store.stories.findStoryById(id))!;
      expect(story.status).toBe('published');
      expect(story.levelOverride).toBeNull();
      expect(story.pinnedIds).toEqual([]);
    });

    it('takes an unpublished or draft story out of lists, counts, search, families and related lists', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const family = { source: 'wire', group: 'g1' };
      const a = await addStory(store, section.id, 1, {
        ...family,
        paragraphs: ['Giraffes crossed the river.'],
      });
      const b = await addStory(store, section.id, 2, { ...family, paragraphs: ['Giraffes ate the leaves.'] });
      await store.related.replaceRelatedList(b, [{ relatedId: a, score: 0.9 }]);
      expect(await searchIds(store, 'giraffes')).toHaveLength(1); // one hit a family
      const tags = await tagsOf(store, () =>
        store.stories.updateEditorial(a, { status: 'unpublished' }, LATER),
      );
      expect(tags).toEqual(
        // Its family too: the other version's page links it (本文其他难度).
        expect.arrayContaining([
          `story:${a}`,
          `section:${section.id}`,
          'stories',
          `related:${b}`,
          familyTag('wire', 'g1'),
        ]),
      );
      expect((await store.stories.listStories({ limit: 10, offset: 0 })).map((r) => r.id)).toEqual([b]);
      expect(await store.stories.countStories()).toBe(1);
      expect(await store.stories.countStories(section.id)).toBe(1);
      expect(await searchIds(store, 'giraffes')).toEqual([b]);
      expect(await searchIds(store, 'river')).toEqual([]);
      expect((await store.stories.findFamily('wire', 'g1')).map((m) => m.id)).toEqual([b]);
      // The stored list keeps it (the engine's own state); 相关文章 leaves it out by its status.
      expect((await store.related.findRelatedList(b)).map((r) => [r.id, r.status])).toEqual([
        [a, 'unpublished'],
      ]);
      expect(await store.stories.findStoriesByTitleKeys(['story 1'])).toEqual([]);
      // The desk still finds it, by status or all together.
      const drafts = await store.stories.listStories({ limit: 10, offset: 0, status: 'unpublished' });
      expect(drafts.map((r) => r.id)).toEqual([a]);
      expect(await store.stories.countFilteredStories({ status: 'any' })).toBe(2);
      const back = await store.stories.updateEditorial(a, { status: 'published' }, LATER);
      expect(back.status).toBe('published');
      expect(back.updatedAt).toBe(LATER);
      expect(await searchIds(store, 'river')).toEqual([a]);
      expect((await store.related.findRelatedList(b)).map((r) => r.id)).toEqual([a]);
    });

    it('lets a level override stand over re-ratings, and the computed band come back when cleared', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const id = await addStory(store, section.id, 1, { level: LEVEL });
      const overridden = await store.stories.updateEditorial(id, { levelOverride: 'A2' }, LATER);
      expect(overridden.levelOverride).toBe('A2');
      expect(overridden.level?.band).toBe('B2'); // the computed level is kept as it was
      const inBand = (bands: string[]) =>
        store.stories
          .listStories({ limit: 10, offset: 0, levelBands: bands })
          .then((rows) => rows.map((r) => r.id));
      expect(await inBand(['A2'])).toEqual([id]);
      expect(await inBand(['B2'])).toEqual([]);
      // A re-rating (a record written again) leaves the override in the list column.
      await store.stories.updateStory(
        id,
        record({ sectionId: section.id, slug: 's1', externalId: '1', level: { ...LEVEL, band: 'C1' } }),
        LATER,
      );
      expect(await inBand(['A2'])).toEqual([id]);
      const cleared = await store.stories.updateEditorial(id, { levelOverride: null }, LATER);
      expect(cleared.levelOverride).toBeNull();
      expect(await inBand(['C1'])).toEqual([id]);
    });

    it('keeps pinned ids in order, and leaves fields it was not given alone', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const a = await addStory(store, section.id, 1);
      await store.stories.updateEditorial(a, { pinnedIds: [3, 99, 2], status: 'draft' }, NOW);
      const after = await store.stories.updateEditorial(a, { levelOverride: 'B1' }, LATER);
      expect(after.pinnedIds).toEqual([3, 99, 2]);
      expect(after.status).toBe('draft');
      await expect(store.stories.updateEditorial(999, { status: 'draft' }, NOW)).rejects.toMatchObject({
        code: 'STORY_NOT_FOUND',
      });
    });

    it('finds stories by title, feed and classifier confidence for the desk', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const a = await addStory(store, section.id, 1, {
        title: 'Floods 100% worse in Wales',
        feed: 'http://f/a',
      });
      const b = await addStory(store, section.id, 2, { title: 'Wales wins the cup' });
      await store.filing.saveFiling(a, { source: 'classifier', confidence: 0.3 });
      await store.filing.saveFiling(b, { source: 'classifier', confidence: 0.9 });
      const ids = (filter: object) =>
        store.stories
          .listStories({ limit: 10, offset: 0, ...filter })
          .then((rows) => rows.map((r) => r.id).sort());
      expect(await ids({ titleContains: 'WALES' })).toEqual([a, b].sort());
      expect(await ids({ titleContains: '100%' })).toEqual([a]);
      expect(await ids({ titleContains: '_' })).toEqual([]);
      expect(await ids({ feed: 'http://f/a' })).toEqual([a]);
      expect(await ids({ confidenceBelow: 0.5 })).toEqual([a]);
    });

    it('records a history, oldest first, kept after the story is deleted', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const id = await addStory(store, section.id, 1);
      const change = { field: 'title', before: 'Story 1', after: 'Story one' };
      await store.stories.recordStoryEdit({
        storyId: id,
        actor: 'ed@example.com',
        at: NOW,
        action: 'edit',
        changes: [change],
      });
      await store.stories.deleteStory(id);
      await store.stories.recordStoryEdit({
        storyId: id,
        actor: 'cli',
        at: LATER,
        action: 'delete',
        changes: [],
      });
      const history = await store.stories.findStoryEdits(id);
      expect(history.map((e) => [e.actor, e.at, e.action])).toEqual([
        ['ed@example.com', NOW, 'edit'],
        ['cli', LATER, 'delete'],
      ]);
      expect(history[0]!.changes).toEqual([change]);
      expect(await store.stories.findStoryEdits(id + 1)).toEqual([]);
    });
  });
}
