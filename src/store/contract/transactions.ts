/**
 * The contract of `transaction`: all or nothing, one at a time, and repositories that refuse the
 * uses that would only work on SQLite (see `Store` in `../types.ts`).
 */
import { describe, expect, it } from 'vitest';
import type { StoreTx } from '../types.js';
import { addSection, addStory, gate, NOW, record, type StoreContractAdapter, useStores } from './fixtures.js';

/** One call of every repository method, by name: for the misuse cases. */
const EVERY_CALL: Array<[string, (repos: StoreTx) => Promise<unknown>]> = [
  ['sections.findSectionBySlug', (r) => r.sections.findSectionBySlug('a')],
  ['sections.findSectionByNameZh', (r) => r.sections.findSectionByNameZh('栏目a')],
  ['sections.findSectionById', (r) => r.sections.findSectionById(1)],
  ['sections.listSections', (r) => r.sections.listSections()],
  ['sections.createSection', (r) => r.sections.createSection({ slug: 'late', nameZh: '迟', nameEn: '' })],
  ['stories.findStoryById', (r) => r.stories.findStoryById(1)],
  ['stories.findStoryBySlug', (r) => r.stories.findStoryBySlug('s1')],
  ['stories.findStoryByExternalId', (r) => r.stories.findStoryByExternalId('wire', '1')],
  ['stories.findStoriesByTitleKeys', (r) => r.stories.findStoriesByTitleKeys(['story 1'])],
  ['stories.isSlugTaken', (r) => r.stories.isSlugTaken('s1')],
  ['stories.insertStory', (r) => r.stories.insertStory(record({ sectionId: 1, slug: 'late' }), NOW)],
  ['stories.updateStory', (r) => r.stories.updateStory(1, record({ sectionId: 1 }), NOW)],
  ['stories.deleteStory', (r) => r.stories.deleteStory(1)],
  ['stories.listStories', (r) => r.stories.listStories({ limit: 10, offset: 0 })],
  ['stories.countStories', (r) => r.stories.countStories()],
  ['stories.iterateStories', (r) => r.stories.iterateStories()[Symbol.asyncIterator]().next()],
  ['related.saveRelatedVector', (r) => r.related.saveRelatedVector(1, '{}')],
  ['related.iterateRelatedVectors', (r) => r.related.iterateRelatedVectors()[Symbol.asyncIterator]().next()],
  ['related.countRelatedVectors', (r) => r.related.countRelatedVectors()],
  ['related.findStoryIdsWithoutVector', (r) => r.related.findStoryIdsWithoutVector()],
  ['related.findRelatedVector', (r) => r.related.findRelatedVector(1)],
  ['related.replaceRelatedList', (r) => r.related.replaceRelatedList(1, [])],
  ['related.findRelatedList', (r) => r.related.findRelatedList(1)],
  ['related.findAllRelatedLists', (r) => r.related.findAllRelatedLists()],
  ['related.saveRelatedModel', (r) => r.related.saveRelatedModel('{}', 1, NOW)],
  ['related.findRelatedModel', (r) => r.related.findRelatedModel()],
  ['related.clearRelated', (r) => r.related.clearRelated()],
  ['analysis.saveStoryAnalysis', (r) => r.analysis.saveStoryAnalysis(1, 1, '{}')],
  ['analysis.findStoryAnalysis', (r) => r.analysis.findStoryAnalysis(1)],
  ['analysis.findStoryIdsWithoutAnalysis', (r) => r.analysis.findStoryIdsWithoutAnalysis(1)],
  ['meta.findMeta', (r) => r.meta.findMeta('k')],
  ['meta.saveMeta', (r) => r.meta.saveMeta('k', 'late')],
];

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

export function transactionsContract(adapter: StoreContractAdapter): void {
  describe('transactions', () => {
    const stores = useStores(adapter);

    it("commits every write of the work and returns the work's result", async () => {
      const store = await stores.open();
      const result = await store.transaction(async (tx) => {
        const section = await addSection(tx, 'a');
        await addStory(tx, section.id, 1);
        expect(await tx.stories.countStories()).toBe(1);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.stories.countStories()).toBe(1);
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['a']);
    });

    it('rolls a failed transaction back completely and passes its error on', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      const one = await addStory(store, section.id, 1);
      const two = await addStory(store, section.id, 2);
      const failure = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await addSection(tx, 'b');
          await addStory(tx, section.id, 3);
          await tx.related.replaceRelatedList(two, [{ relatedId: one, score: 1 }]);
          await tx.stories.deleteStory(one);
          await tx.analysis.saveStoryAnalysis(two, 1, '{}');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['a']);
      expect((await store.stories.listStories({ limit: 10, offset: 0 })).map((s) => s.slug).sort()).toEqual([
        's1',
        's2',
      ]);
      expect(await store.related.findRelatedList(two)).toEqual([]);
      expect(await store.analysis.findStoryAnalysis(two)).toBeNull();
    });

    it('runs transactions one at a time, the second seeing what the first committed', async () => {
      const store = await stores.open();
      const events: string[] = [];
      const { opened, open } = gate();
      const first = store.transaction(async (tx) => {
        events.push('first begins');
        await addSection(tx, 'a');
        await opened;
        events.push('first ends');
      });
      const second = store.transaction(async (tx) => {
        events.push('second begins');
        expect(await tx.sections.findSectionBySlug('a')).not.toBeNull();
        events.push('second ends');
      });
      await tick();
      expect(events).toEqual(['first begins']);
      open();
      await Promise.all([first, second]);
      expect(events).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
    });

    it.each(EVERY_CALL)(
      'refuses tx.%s after its transaction ended (STORE_MISUSE), writing nothing',
      async (name, call) => {
        const store = await stores.open();
        const section = await addSection(store, 'a');
        await addStory(store, section.id, 1);
        let committed: StoreTx | undefined;
        await store.transaction(async (tx) => {
          committed = tx;
        });
        let rolledBack: StoreTx | undefined;
        await store
          .transaction(async (tx) => {
            rolledBack = tx;
            throw new Error('boom');
          })
          .catch(() => undefined);
        for (const tx of [committed!, rolledBack!]) {
          await expect(call(tx)).rejects.toMatchObject({
            code: 'STORE_MISUSE',
            message: expect.stringContaining(`store: tx.${name} used after its transaction ended`),
          });
        }
        expect(await store.stories.countStories()).toBe(1);
        expect(await store.meta.findMeta('k')).toBeNull();
      },
    );

    it.each(EVERY_CALL)(
      'refuses store.%s inside a transaction (STORE_MISUSE) and rolls back',
      async (name, call) => {
        const store = await stores.open();
        const section = await addSection(store, 'a');
        await addStory(store, section.id, 1);
        await expect(
          store.transaction(async (tx) => {
            await addSection(tx, 'b');
            await call(store);
          }),
        ).rejects.toMatchObject({
          code: 'STORE_MISUSE',
          message: `store: ${name} called on the store inside a transaction; use the transaction's repositories (tx.${name.split('.')[0]})`,
        });
        expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['a']);
        expect(await store.stories.countStories()).toBe(1);
      },
    );

    it('refuses a transaction inside a transaction (STORE_MISUSE) instead of waiting forever', async () => {
      const store = await stores.open();
      await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toMatchObject({
        code: 'STORE_MISUSE',
      });
      expect(await store.transaction(async () => 2)).toBe(2);
    });

    it('refuses to go on with an iteration begun in a transaction that has ended', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      for (const n of [1, 2, 3]) await addStory(store, section.id, n);
      const iterator = await store.transaction(async (tx) => {
        const it = tx.stories.iterateStories(1)[Symbol.asyncIterator]();
        expect((await it.next()).value?.slug).toBe('s1');
        return it;
      });
      await expect(iterator.next()).rejects.toMatchObject({ code: 'STORE_MISUSE' });
    });

    it('serves other async contexts (a web request) while a transaction is open', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      await addStory(store, section.id, 1);
      const { opened, open } = gate();
      const running = store.transaction(async (tx) => {
        await addStory(tx, section.id, 2);
        await opened;
      });
      await tick();
      expect(await store.stories.findStoryBySlug('s1')).not.toBeNull();
      const write = store.meta.saveMeta('writer.heartbeat', 'now');
      open();
      await Promise.all([running, write]);
      expect(await store.meta.findMeta('writer.heartbeat')).toBe('now');
      expect(await store.stories.countStories()).toBe(2);
    });

    it('marks the time a read may see writes that are not committed, and moves the mark at the end', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'a');
      const before = store.transactionMark();
      expect(before % 2).toBe(0);
      const { opened, open } = gate();
      const running = store.transaction(async (tx) => {
        await addStory(tx, section.id, 1);
        await opened;
        throw new Error('rolled back');
      });
      await tick();
      // What a page rendered now would show, and whether the mark says it may not be kept.
      const seen = (await store.stories.findStoryBySlug('s1')) !== null;
      const during = store.transactionMark();
      // Odd exactly when such a read sees them: SQLite's one connection does, PostgreSQL's pool does not.
      expect(during % 2 === 1).toBe(seen);
      open();
      await expect(running).rejects.toThrow('rolled back');
      expect(await store.stories.findStoryBySlug('s1')).toBeNull();
      const after = store.transactionMark();
      expect(after % 2).toBe(0);
      // Between two equal even readings nothing uncommitted could have been read.
      if (seen) expect(after).not.toBe(before);
    });

    it("does not bind another connection's store: it reads the last commit meanwhile", async () => {
      const [server, importer] = await stores.openTwo();
      await addSection(importer, 'a');
      await importer.transaction(async (tx) => {
        await addSection(tx, 'b');
        expect((await server.sections.listSections()).map((s) => s.slug)).toEqual(['a']);
      });
      expect((await server.sections.listSections()).map((s) => s.slug)).toEqual(['a', 'b']);
    });

    it('lets work that outlives its transaction use the store once the transaction has ended', async () => {
      const store = await stores.open();
      const { opened, open } = gate();
      let later: Promise<number> | undefined;
      await store.transaction(async (tx) => {
        await addSection(tx, 'a');
        later = opened.then(() => store.sections.listSections().then((s) => s.length));
      });
      open();
      expect(await later).toBe(1);
    });
  });
}
