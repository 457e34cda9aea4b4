/** The contract of `RelatedRepo`. */
import { describe, expect, it } from 'vitest';
import { addSection, addStory, NOW, type StoreContractAdapter, useStores } from './fixtures.js';

export function relatedContract(adapter: StoreContractAdapter): void {
  describe('related', () => {
    const stores = useStores(adapter);

    it('keeps related lists in rank order, replaces them whole and drops entries with their story', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const [one, two, three] = [
        await addStory(store, section.id, 1),
        await addStory(store, section.id, 2),
        await addStory(store, section.id, 3),
      ];
      expect(await store.related.findRelatedList(one)).toEqual([]);
      const wire = { source: 'wire', group: null, duplicateOf: null, status: 'published' };
      await store.related.replaceRelatedList(one, [{ relatedId: two, score: 0.1 }]);
      await store.related.replaceRelatedList(one, [
        { relatedId: three, score: 0.9 },
        { relatedId: two, score: 0.5 },
      ]);
      expect(await store.related.findRelatedList(one)).toEqual([
        {
          id: three,
          slug: 's3',
          title: 'Story 3',
          sectionId: section.id,
          externalId: '3',
          score: 0.9,
          ...wire,
        },
        {
          id: two,
          slug: 's2',
          title: 'Story 2',
          sectionId: section.id,
          externalId: '2',
          score: 0.5,
          ...wire,
        },
      ]);
      await store.related.replaceRelatedList(two, [{ relatedId: one, score: 0.7 }]);
      expect(await store.related.findAllRelatedLists()).toEqual(
        new Map([
          [
            one,
            [
              { relatedId: three, score: 0.9 },
              { relatedId: two, score: 0.5 },
            ],
          ],
          [two, [{ relatedId: one, score: 0.7 }]],
        ]),
      );
      await store.stories.deleteStory(three);
      expect((await store.related.findRelatedList(one)).map((r) => r.slug)).toEqual(['s2']);
      await store.related.replaceRelatedList(one, []);
      expect(await store.related.findAllRelatedLists()).toEqual(
        new Map([[two, [{ relatedId: one, score: 0.7 }]]]),
      );
    });

    it('saves vectors (replacing), counts them, iterates them in story order and finds stories without one', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const ids = [];
      for (const n of [1, 2, 3, 4]) ids.push(await addStory(store, section.id, n));
      const [one, two, three, four] = ids as [number, number, number, number];
      expect(await store.related.countRelatedVectors()).toBe(0);
      await store.related.saveRelatedVector(three, '{"v":3}');
      await store.related.saveRelatedVector(one, '{"v":0}');
      await store.related.saveRelatedVector(one, '{"v":1}');
      await store.related.saveRelatedVector(four, '{"v":4}');
      expect(await store.related.countRelatedVectors()).toBe(3);
      const seen = [];
      for await (const vector of store.related.iterateRelatedVectors(2)) seen.push(vector);
      expect(seen).toEqual([
        { storyId: one, data: '{"v":1}' },
        { storyId: three, data: '{"v":3}' },
        { storyId: four, data: '{"v":4}' },
      ]);
      expect(await store.related.findStoryIdsWithoutVector()).toEqual([two]);
      expect(await store.related.findRelatedVector(one)).toBe('{"v":1}');
      expect(await store.related.findRelatedVector(two)).toBeNull();
      await store.stories.deleteStory(three);
      expect(await store.related.countRelatedVectors()).toBe(2);
    });

    it('saves the fitted model (replacing it); none is null', async () => {
      const store = await stores.open();
      expect(await store.related.findRelatedModel()).toBeNull();
      await store.related.saveRelatedModel('{"m":1}', 10, NOW);
      await store.related.saveRelatedModel('{"m":2}', 12, NOW);
      expect(await store.related.findRelatedModel()).toEqual({ data: '{"m":2}', stories: 12 });
    });

    it('clears every vector, list and the model, and keeps the stories', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      const two = await addStory(store, section.id, 2);
      await store.related.saveRelatedVector(one, '{}');
      await store.related.replaceRelatedList(one, [{ relatedId: two, score: 1 }]);
      await store.related.saveRelatedModel('{}', 2, NOW);
      await store.related.clearRelated();
      expect(await store.related.findRelatedList(one)).toEqual([]);
      expect(await store.related.findAllRelatedLists()).toEqual(new Map());
      expect(await store.related.countRelatedVectors()).toBe(0);
      expect(await store.related.findRelatedModel()).toBeNull();
      expect(await store.stories.countStories()).toBe(2);
    });
  });
}
