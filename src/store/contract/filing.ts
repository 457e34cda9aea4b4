/** The contract of `FilingRepo`: how stories were filed, and the section classifier's model. */
import { describe, expect, it } from 'vitest';
import { addSection, addStory, LATER, type StoreContractAdapter, useStores } from './fixtures.js';

export function filingContract(adapter: StoreContractAdapter): void {
  describe('filing', () => {
    const stores = useStores(adapter);

    it('records, replaces and forgets a filing, and drops it with its story', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      const two = await addStory(store, section.id, 2);
      const three = await addStory(store, section.id, 3);
      expect(await store.filing.findFilings([one, two, three])).toEqual(new Map());
      await store.filing.saveFiling(one, { source: 'classifier', confidence: 0.25 });
      await store.filing.saveFiling(one, { source: 'classifier', confidence: 0.875 });
      await store.filing.saveFiling(two, { source: 'editor', confidence: null });
      await store.filing.saveFiling(three, { source: 'feed', confidence: null });
      await store.filing.saveFiling(three, null);
      expect(await store.filing.findFilings([one, two, three, 9999])).toEqual(
        new Map([
          [one, { source: 'classifier', confidence: 0.875 }],
          [two, { source: 'editor', confidence: null }],
        ]),
      );
      expect(await store.filing.findFilings([])).toEqual(new Map());
      await store.stories.deleteStory(one);
      expect(await store.filing.findFilings([one])).toEqual(new Map());
    });

    it('refuses a filing for a story that is not there (STORY_NOT_FOUND)', async () => {
      const store = await stores.open();
      await expect(
        store.filing.saveFiling(9999, { source: 'editor', confidence: null }),
      ).rejects.toMatchObject({
        code: 'STORY_NOT_FOUND',
      });
    });

    it('a filing records the story change tag', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      const before = await store.changes.latestChange();
      await store.filing.saveFiling(one, { source: 'editor', confidence: null });
      expect((await store.changes.findChangesSince(before))?.tags).toEqual([`story:${one}`]);
    });

    it('counts and lists only what an editor or a feed filed, newest first', async () => {
      const store = await stores.open();
      const world = await addSection(store, 'world');
      const sport = await addSection(store, 'sport');
      const ids: number[] = [];
      for (const n of [1, 2, 3]) {
        ids.push(
          await addStory(store, world.id, n, { publishedAt: `2020-01-0${n}`, paragraphs: [`World ${n}.`] }),
        );
      }
      const s4 = await addStory(store, sport.id, 4);
      const s5 = await addStory(store, sport.id, 5);
      const unfiled = await addStory(store, sport.id, 6);
      await store.filing.saveFiling(ids[0] as number, { source: 'editor', confidence: null });
      await store.filing.saveFiling(ids[1] as number, { source: 'feed', confidence: null });
      await store.filing.saveFiling(ids[2] as number, { source: 'editor', confidence: null });
      await store.filing.saveFiling(s4, { source: 'feed', confidence: null });
      await store.filing.saveFiling(s5, { source: 'classifier', confidence: 0.99 });
      void unfiled;
      expect(await store.filing.countFiledStories()).toEqual([
        { sectionId: world.id, stories: 3 },
        { sectionId: sport.id, stories: 1 },
      ]);
      expect(await store.filing.findFiledStories(world.id, 2)).toEqual([
        { id: ids[2], title: 'Story 3', paragraphs: ['World 3.'] },
        { id: ids[1], title: 'Story 2', paragraphs: ['World 2.'] },
      ]);
      expect((await store.filing.findFiledStories(sport.id, 10)).map((s) => s.id)).toEqual([s4]);
    });

    it('keeps one section model, replaced by the next', async () => {
      const store = await stores.open();
      expect(await store.filing.findSectionModel()).toBeNull();
      await store.filing.saveSectionModel('{"v":1}', 40);
      await store.filing.saveSectionModel('{"v":2}', 55);
      const model = await store.filing.findSectionModel();
      expect(model).toMatchObject({ data: '{"v":2}', trainedOn: 55 });
      expect(Date.parse(model?.updatedAt ?? '')).toBeGreaterThan(Date.parse(LATER) - 1e12);
    });

    it('a transaction that rolls back leaves no filing', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      await expect(
        store.transaction(async (tx) => {
          await tx.filing.saveFiling(one, { source: 'classifier', confidence: 0.5 });
          await tx.filing.saveSectionModel('{}', 1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.filing.findFilings([one])).toEqual(new Map());
      expect(await store.filing.findSectionModel()).toBeNull();
    });
  });
}
