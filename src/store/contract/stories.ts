/** The contract of `StoryRepo`. */
import { describe, expect, it } from 'vitest';
import { recordOf } from '../../articles/story-records.js';
import type { ListQuery, Store } from '../types.js';
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

const slugs = (rows: Array<{ slug: string }>) => rows.map((r) => r.slug);

export function storiesContract(adapter: StoreContractAdapter): void {
  describe('stories', () => {
    const stores = useStores(adapter);

    it('stores a story with every field and reads it back by id, slug and external id', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const story = await store.stories.insertStory(
        record({ sectionId: section.id, level: LEVEL, url: 'https://example.com/a' }),
        NOW,
      );
      expect(story).toEqual({
        id: story.id,
        slug: 'a-story',
        source: 'wire',
        externalId: 'a-1',
        sectionId: section.id,
        title: 'A story',
        dateline: { place: 'GENEVA', month: 3, day: 3, agency: 'Xinhua', dateText: 'March 3' },
        publishedAt: null,
        url: 'https://example.com/a',
        tags: ['one'],
        paragraphs: ['First.', 'Second.'],
        pinnedRelated: [{ sectionName: '欧美文化', title: 'Other' }],
        level: LEVEL,
        author: null,
        license: null,
        feed: null,
        fetchedAt: null,
        language: null,
        textFrom: null,
        createdAt: NOW,
        updatedAt: NOW,
        duplicateOf: null,
        status: 'published',
        levelOverride: null,
        pinnedIds: [],
        group: null,
        groupLevel: null,
      });
      expect(await store.stories.findStoryById(story.id)).toEqual(story);
      expect(await store.stories.findStoryBySlug('a-story')).toEqual(story);
      expect(await store.stories.findStoryByExternalId('wire', 'a-1')).toEqual(story);
      expect(await store.stories.isSlugTaken('a-story')).toBe(true);
    });

    it.each<[string, (store: Store) => Promise<unknown>]>([
      ['findStoryById', (s) => s.stories.findStoryById(9999)],
      ['findStoryBySlug', (s) => s.stories.findStoryBySlug('nope')],
      ['findStoryByExternalId (other source)', (s) => s.stories.findStoryByExternalId('other', 'a-1')],
    ])('%s is null when there is no such story', async (_, find) => {
      const store = await stores.open();
      await store.stories.insertStory(record({ sectionId: (await addSection(store, 'w')).id }), NOW);
      expect(await find(store)).toBeNull();
      expect(await store.stories.isSlugTaken('nope')).toBe(false);
    });

    it('lists newest first by publication date, else by when stored, per section, with counts', async () => {
      const store = await stores.open();
      const a = await addSection(store, 'a');
      const b = await addSection(store, 'b');
      await addStory(store, a.id, 1, { publishedAt: '2016-01-01', paragraphs: ['Old news.'] });
      await addStory(store, b.id, 2, { publishedAt: '2022-01-01', level: LEVEL });
      await addStory(store, a.id, 3, { publishedAt: '2019-01-01', dateline: null });
      const all = await store.stories.listStories({ limit: 10, offset: 0 });
      expect(slugs(all)).toEqual(['s2', 's3', 's1']);
      expect(all[0]).toMatchObject({
        title: 'Story 2',
        sectionId: b.id,
        levelBand: 'B2',
        levelScore: 3.5,
        levelUnrated: false,
      });
      expect(all[1]).toMatchObject({ dateline: null, publishedAt: '2019-01-01', createdAt: NOW });
      expect(all[2]).toMatchObject({
        firstParagraph: 'Old news.',
        levelBand: null,
        levelScore: null,
        levelUnrated: false,
      });
      expect(slugs(await store.stories.listStories({ sectionId: a.id, limit: 1, offset: 1 }))).toEqual([
        's1',
      ]);
      expect(await store.stories.listStories({ limit: 10, offset: 3 })).toEqual([]);
      expect(await store.stories.countStories()).toBe(3);
      expect(await store.stories.countStories(a.id)).toBe(2);
      expect(await store.stories.countStories(9999)).toBe(0);
    });

    it('keeps a level too short to rate apart from no level at all, read back and in lists', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      const unrated = { ...LEVEL, score: null, band: null, runningWords: 6 };
      const id = await addStory(store, section.id, 1, { level: unrated });
      await addStory(store, section.id, 2, { level: null });
      expect((await store.stories.findStoryById(id))?.level).toEqual(unrated);
      const rows = await store.stories.listStories({ limit: 10, offset: 0 });
      expect(rows.map((r) => [r.slug, r.levelBand, r.levelScore, r.levelUnrated])).toEqual([
        ['s2', null, null, false],
        ['s1', null, null, true],
      ]);
    });

    it('lists undated stories after the dated ones, even when stored later, and keeps that through updates', async () => {
      const store = await stores.open();
      const a = await addSection(store, 'a');
      const undated = await addStory(store, a.id, 1);
      await addStory(store, a.id, 2, { publishedAt: '2016-02-21' });
      await addStory(store, a.id, 3, { publishedAt: '2022-05-16T08:00:00Z' });
      const rows = await store.stories.listStories({ limit: 10, offset: 0 });
      expect(slugs(rows)).toEqual(['s3', 's2', 's1']);
      expect(rows[2]).toMatchObject({ publishedAt: null, createdAt: NOW, updatedAt: NOW });
      // An update that keeps it undated keeps it last; giving it a date moves it into place.
      const story = (await store.stories.findStoryById(undated))!;
      await store.stories.updateStory(undated, recordOf(story), LATER);
      expect(slugs(await store.stories.listStories({ limit: 10, offset: 0 }))).toEqual(['s3', 's2', 's1']);
      await store.stories.updateStory(undated, { ...recordOf(story), publishedAt: '2019-01-01' }, LATER);
      const after = await store.stories.listStories({ limit: 10, offset: 0 });
      expect(slugs(after)).toEqual(['s3', 's1', 's2']);
      expect(after[1]).toMatchObject({ updatedAt: LATER });
    });

    it('filters lists by section, source, date range and level band, and counts what a filter lists', async () => {
      const store = await stores.open();
      const a = await addSection(store, 'a');
      const b = await addSection(store, 'b');
      const c1 = { ...LEVEL, band: 'C1', score: 4.5 };
      await addStory(store, a.id, 1, { publishedAt: '2016-02-21T08:00:00Z', level: LEVEL });
      await addStory(store, a.id, 2, { publishedAt: '2016-02-22', level: c1, source: 'other' });
      await addStory(store, b.id, 3, { publishedAt: '2016-02-23', level: LEVEL });
      await addStory(store, b.id, 4, { level: LEVEL });
      const list = async (filter: Omit<ListQuery, 'limit' | 'offset'>) => {
        const rows = slugs(await store.stories.listStories({ ...filter, limit: 10, offset: 0 }));
        expect(await store.stories.countFilteredStories(filter)).toBe(rows.length);
        return rows;
      };
      expect(await list({})).toEqual(['s3', 's2', 's1', 's4']);
      expect(await list({ sectionId: b.id })).toEqual(['s3', 's4']);
      expect(await list({ source: 'other' })).toEqual(['s2']);
      expect(await list({ from: '2016-02-22' })).toEqual(['s3', 's2']);
      expect(await list({ toBefore: '2016-02-22' })).toEqual(['s1']);
      expect(await list({ from: '2016-02-21', toBefore: '2016-02-23' })).toEqual(['s2', 's1']);
      expect(await list({ levelBands: ['C1'] })).toEqual(['s2']);
      expect(await list({ levelBands: ['B2', 'C1'], sectionId: a.id })).toEqual(['s2', 's1']);
      expect(await list({ levelBands: ['A1'] })).toEqual([]);
      expect(slugs(await store.stories.listStories({ sectionId: b.id, limit: 1, offset: 1 }))).toEqual([
        's4',
      ]);
    });

    it('finds stories by title keys, newest first', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      const one = await addStory(store, section.id, 1, { titleKey: 'k1', publishedAt: '2020-01-01' });
      const two = await addStory(store, section.id, 2, { titleKey: 'k2', publishedAt: '2022-01-01' });
      const three = await addStory(store, section.id, 3, { titleKey: 'k1', publishedAt: '2023-01-01' });
      await addStory(store, section.id, 4, { titleKey: 'k4' });
      expect(await store.stories.findStoriesByTitleKeys(['k1', 'k2', 'absent'])).toEqual([
        { id: three, slug: 's3', titleKey: 'k1', sectionId: section.id },
        { id: two, slug: 's2', titleKey: 'k2', sectionId: section.id },
        { id: one, slug: 's1', titleKey: 'k1', sectionId: section.id },
      ]);
      expect(await store.stories.findStoriesByTitleKeys([])).toEqual([]);
    });

    it('updates every field but id, slug and createdAt, and re-sorts the lists', async () => {
      const store = await stores.open();
      const a = await addSection(store, 'a');
      const b = await addSection(store, 'b');
      const id = await addStory(store, a.id, 1, { publishedAt: '2010-01-01' });
      await addStory(store, a.id, 2, { publishedAt: '2015-01-01' });
      const changed = record({
        sectionId: b.id,
        slug: 'ignored',
        source: 'feed',
        externalId: 'x-9',
        title: 'New title',
        titleKey: 'new title',
        dateline: null,
        publishedAt: '2020-01-01',
        url: 'https://example.com/new',
        tags: ['two'],
        paragraphs: ['Only.'],
        pinnedRelated: [],
        level: LEVEL,
        group: 'g-1',
        groupLevel: 'advanced',
      });
      const updated = await store.stories.updateStory(id, changed, LATER);
      const { slug: _, titleKey: __, ...fields } = changed;
      expect(updated).toEqual({
        ...fields,
        id,
        slug: 's1',
        createdAt: NOW,
        updatedAt: LATER,
        duplicateOf: null,
        status: 'published',
        levelOverride: null,
        pinnedIds: [],
      });
      expect(await store.stories.findStoryById(id)).toEqual(updated);
      expect(await store.stories.findStoryByExternalId('feed', 'x-9')).toEqual(updated);
      expect(await store.stories.findStoriesByTitleKeys(['story 1'])).toEqual([]);
      expect(slugs(await store.stories.listStories({ limit: 10, offset: 0 }))).toEqual(['s1', 's2']);
      expect(await store.stories.countStories(b.id)).toBe(1);
    });

    it('refuses to update a story that is not there (STORY_NOT_FOUND)', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      await expect(
        store.stories.updateStory(9999, record({ sectionId: section.id }), LATER),
      ).rejects.toMatchObject({
        code: 'STORY_NOT_FOUND',
      });
      expect(await store.stories.countStories()).toBe(0);
    });

    it('deletes a story once; the second time there is nothing to delete', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      const id = await addStory(store, section.id, 1);
      await addStory(store, section.id, 2);
      expect(await store.stories.deleteStory(id)).toBe(true);
      expect(await store.stories.deleteStory(id)).toBe(false);
      expect(await store.stories.findStoryById(id)).toBeNull();
      expect(await store.stories.isSlugTaken('s1')).toBe(false);
      expect(slugs(await store.stories.listStories({ limit: 10, offset: 0 }))).toEqual(['s2']);
    });

    it('iterates every story oldest first, across batches', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      const ids = [];
      for (const n of [1, 2, 3, 4, 5])
        ids.push(await addStory(store, section.id, n, { publishedAt: `201${n}-01-01` }));
      const seen = [];
      for await (const story of store.stories.iterateStories(2)) seen.push(story.id);
      expect(seen).toEqual(ids);
      const all = [];
      for await (const story of store.stories.iterateStories()) all.push(story);
      expect(all.map((s) => s.slug)).toEqual(['s1', 's2', 's3', 's4', 's5']);
      expect(all[0]).toEqual(await store.stories.findStoryById(ids[0]!));
    });
  });
}
