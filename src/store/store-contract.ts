/**
 * What every store adapter must do, as one test suite: the SQLite adapter runs it now, a
 * PostgreSQL adapter will run the same suite. Not a test file itself: adapters call
 * `describeStoreContract` from theirs.
 */
import { describe, expect, it } from 'vitest';
import type { Store, StoryRecord } from './types.js';

const NOW = '2026-01-02T03:04:05.000Z';

export function record(overrides: Partial<StoryRecord> & { sectionId: number }): StoryRecord {
  return {
    slug: 'a-story',
    source: 'wire',
    externalId: 'a-1',
    title: 'A story',
    titleKey: 'a story',
    dateline: { place: 'GENEVA', month: 3, day: 3, agency: 'Xinhua', dateText: 'March 3' },
    publishedAt: null,
    url: null,
    tags: ['one'],
    paragraphs: ['First.', 'Second.'],
    pinnedRelated: [{ sectionName: '欧美文化', title: 'Other' }],
    level: null,
    ...overrides,
  };
}

export function describeStoreContract(name: string, open: () => Store | Promise<Store>): void {
  describe(`${name}: store contract`, () => {
    it('creates and finds sections; a missing one is null', async () => {
      const store = await open();
      const section = await store.sections.createSection({
        slug: 'world',
        nameZh: '国际英语新闻',
        nameEn: 'International News',
      });
      expect(await store.sections.findSectionBySlug('world')).toEqual(section);
      expect(await store.sections.findSectionByNameZh('国际英语新闻')).toEqual(section);
      expect(await store.sections.findSectionBySlug('nope')).toBeNull();
      await store.close();
    });

    it('stores a story with every field and reads it back by id, slug and external id', async () => {
      const store = await open();
      const section = await store.sections.createSection({
        slug: 'world',
        nameZh: '国际英语新闻',
        nameEn: '',
      });
      const level = {
        score: 3.5,
        band: 'B2',
        runningWords: 10,
        bands: { zk: 1 },
        offList: 0,
        fleschKincaid: 9,
        colemanLiau: 10,
      };
      const story = await store.stories.insertStory(record({ sectionId: section.id, level }), NOW);
      expect(story).toMatchObject({
        slug: 'a-story',
        title: 'A story',
        tags: ['one'],
        paragraphs: ['First.', 'Second.'],
        level,
      });
      expect(story.dateline?.place).toBe('GENEVA');
      expect(await store.stories.findStoryById(story.id)).toEqual(story);
      expect(await store.stories.findStoryBySlug('a-story')).toEqual(story);
      expect(await store.stories.findStoryByExternalId('wire', 'a-1')).toEqual(story);
      expect(await store.stories.findStoryByExternalId('other', 'a-1')).toBeNull();
      expect(await store.stories.isSlugTaken('a-story')).toBe(true);
      await store.close();
    });

    it('lists newest first by publication date, else by when stored, per section', async () => {
      const store = await open();
      const a = await store.sections.createSection({ slug: 'a', nameZh: '甲', nameEn: '' });
      const b = await store.sections.createSection({ slug: 'b', nameZh: '乙', nameEn: '' });
      await store.stories.insertStory(
        record({ sectionId: a.id, slug: 'old', externalId: '1', publishedAt: '2016-01-01' }),
        NOW,
      );
      await store.stories.insertStory(
        record({ sectionId: b.id, slug: 'new', externalId: '2', publishedAt: '2022-01-01' }),
        NOW,
      );
      await store.stories.insertStory(
        record({ sectionId: a.id, slug: 'mid', externalId: '3', publishedAt: '2019-01-01' }),
        NOW,
      );
      expect((await store.stories.listStories({ limit: 10, offset: 0 })).map((s) => s.slug)).toEqual([
        'new',
        'mid',
        'old',
      ]);
      expect(
        (await store.stories.listStories({ sectionId: a.id, limit: 1, offset: 1 })).map((s) => s.slug),
      ).toEqual(['old']);
      expect(await store.stories.countStories(a.id)).toBe(2);
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['a', 'b']);
      await store.close();
    });

    it('rolls a failed transaction back completely', async () => {
      const store = await open();
      await expect(
        store.transaction(async (tx) => {
          const section = await tx.sections.createSection({ slug: 'x', nameZh: '某', nameEn: '' });
          await tx.stories.insertStory(record({ sectionId: section.id }), NOW);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.stories.countStories()).toBe(0);
      expect(await store.sections.listSections()).toEqual([]);
      await store.close();
    });

    it('changes its change token on every write', async () => {
      const store = await open();
      const before = store.changeToken();
      await store.sections.createSection({ slug: 'x', nameZh: '某', nameEn: '' });
      expect(store.changeToken()).not.toBe(before);
      await store.close();
    });

    it('keeps related lists in rank order and drops them with their story', async () => {
      const store = await open();
      const section = await store.sections.createSection({ slug: 'x', nameZh: '某', nameEn: '' });
      const ids = [];
      for (const n of [1, 2, 3]) {
        ids.push(
          (
            await store.stories.insertStory(
              record({ sectionId: section.id, slug: `s${n}`, externalId: `${n}` }),
              NOW,
            )
          ).id,
        );
      }
      const [one, two, three] = ids as [number, number, number];
      await store.related.replaceRelatedList(one, [
        { relatedId: three, score: 0.9 },
        { relatedId: two, score: 0.5 },
      ]);
      expect((await store.related.findRelatedList(one)).map((r) => [r.slug, r.score])).toEqual([
        ['s3', 0.9],
        ['s2', 0.5],
      ]);
      expect(await store.related.findAllRelatedLists()).toEqual(
        new Map([
          [
            one,
            [
              { relatedId: three, score: 0.9 },
              { relatedId: two, score: 0.5 },
            ],
          ],
        ]),
      );
      await store.related.saveRelatedVector(one, '{"v":1}');
      expect(await store.related.countRelatedVectors()).toBe(1);
      expect(await store.related.findStoryIdsWithoutVector()).toEqual([two, three]);
      await store.stories.deleteStory(three);
      expect((await store.related.findRelatedList(one)).map((r) => r.slug)).toEqual(['s2']);
      await store.related.clearRelated();
      expect(await store.related.findRelatedList(one)).toEqual([]);
      await store.close();
    });
  });
}
