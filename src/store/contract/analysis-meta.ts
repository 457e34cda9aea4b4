/** The contract of `AnalysisRepo` and `MetaRepo`. */
import { describe, expect, it } from 'vitest';
import { addSection, addStory, type StoreContractAdapter, useStores } from './fixtures.js';

export function analysisAndMetaContract(adapter: StoreContractAdapter): void {
  describe('analysis', () => {
    const stores = useStores(adapter);

    it('saves a story analysis, replaces it, and drops it with its story', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      const two = await addStory(store, section.id, 2);
      expect(await store.analysis.findStoryAnalysis(one)).toBeNull();
      await store.analysis.saveStoryAnalysis(one, 1, '{"words":1}');
      await store.analysis.saveStoryAnalysis(one, 2, '{"words":2}');
      await store.analysis.saveStoryAnalysis(two, 1, '{"words":3}');
      expect(await store.analysis.findStoryAnalysis(one)).toEqual({ version: 2, data: '{"words":2}' });
      expect(await store.analysis.findStoryAnalysis(two)).toEqual({ version: 1, data: '{"words":3}' });
      await store.stories.deleteStory(one);
      expect(await store.analysis.findStoryAnalysis(one)).toBeNull();
    });

    it('finds the stories without an analysis of a version, in id order', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const ids = [];
      for (const n of [1, 2, 3, 4]) ids.push(await addStory(store, section.id, n));
      const [one, two, three, four] = ids as [number, number, number, number];
      await store.analysis.saveStoryAnalysis(two, 2, '{}');
      await store.analysis.saveStoryAnalysis(three, 1, '{}');
      expect(await store.analysis.findStoryIdsWithoutAnalysis(2)).toEqual([one, three, four]);
      expect(await store.analysis.findStoryIdsWithoutAnalysis(1)).toEqual([one, two, four]);
    });

    it('refuses an analysis for a story that is not there (STORY_NOT_FOUND)', async () => {
      const store = await stores.open();
      await expect(store.analysis.saveStoryAnalysis(9999, 1, '{}')).rejects.toMatchObject({
        code: 'STORY_NOT_FOUND',
      });
    });
  });

  describe('meta', () => {
    const stores = useStores(adapter);

    it('saves a value by key and replaces it; an unknown key is null', async () => {
      const store = await stores.open();
      expect(await store.meta.findMeta('writer.heartbeat')).toBeNull();
      await store.meta.saveMeta('writer.heartbeat', '2026-01-01T00:00:00Z');
      await store.meta.saveMeta('writer.heartbeat', '2026-01-01T00:01:00Z');
      await store.meta.saveMeta('other', '');
      expect(await store.meta.findMeta('writer.heartbeat')).toBe('2026-01-01T00:01:00Z');
      expect(await store.meta.findMeta('other')).toBe('');
    });

    it('keeps analysis and meta written in a transaction only when it commits', async () => {
      const store = await stores.open();
      const story = await addStory(store, (await addSection(store, 'x')).id, 1);
      await expect(
        store.transaction(async (tx) => {
          await tx.analysis.saveStoryAnalysis(story, 1, '{}');
          await tx.meta.saveMeta('k', 'v');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.analysis.findStoryAnalysis(story)).toBeNull();
      expect(await store.meta.findMeta('k')).toBeNull();
      await store.transaction(async (tx) => {
        await tx.analysis.saveStoryAnalysis(story, 1, '{}');
        await tx.meta.saveMeta('k', 'v');
        expect(await tx.analysis.findStoryAnalysis(story)).toEqual({ version: 1, data: '{}' });
        expect(await tx.meta.findMeta('k')).toBe('v');
      });
      expect(await store.analysis.findStoryAnalysis(story)).toEqual({ version: 1, data: '{}' });
      expect(await store.meta.findMeta('k')).toBe('v');
    });
  });
}
