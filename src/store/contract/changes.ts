/**
 * The contract of the change log and `changeToken`: which tags each write records, one entry per
 * transaction, pruning, and what another connection (another process) sees.
 */
import { describe, expect, it } from 'vitest';
import type { Store, StoreTx } from '../types.js';
import {
  addSection,
  addStory,
  LATER,
  NOW,
  record,
  type StoreContractAdapter,
  useStores,
} from './fixtures.js';

/** What the tag cases start from: two sections, three stories, two related lists. */
interface World {
  a: number;
  b: number;
  one: number;
  two: number;
  three: number;
}

async function world(store: Store): Promise<World> {
  const a = (await addSection(store, 'a')).id;
  const b = (await addSection(store, 'b')).id;
  const one = await addStory(store, a, 1);
  const two = await addStory(store, a, 2);
  const three = await addStory(store, b, 3);
  await store.related.replaceRelatedList(one, [
    { relatedId: three, score: 0.9 },
    { relatedId: two, score: 0.5 },
  ]);
  await store.related.replaceRelatedList(two, [{ relatedId: three, score: 0.4 }]);
  return { a, b, one, two, three };
}

interface TagCase {
  write: string;
  run: (store: StoreTx, w: World) => Promise<unknown>;
  /** The tags of the entry it appends; none for a write that appends no entry. */
  tags: (w: World, result: unknown) => string[];
}

const TAG_CASES: TagCase[] = [
  {
    write: 'createSection',
    run: (s) => addSection(s, 'c'),
    tags: () => ['sections'],
  },
  {
    write: 'insertStory',
    run: (s, w) => addStory(s, w.b, 4),
    tags: (w, id) => [`story:${id}`, `section:${w.b}`, 'title:story 4', 'stories'],
  },
  {
    write: 'updateStory (moved to another section, retitled)',
    run: (s, w) =>
      s.stories.updateStory(w.one, record({ sectionId: w.b, slug: 's1', titleKey: 'renamed' }), LATER),
    tags: (w) => [
      `story:${w.one}`,
      `section:${w.a}`,
      `section:${w.b}`,
      'title:story 1',
      'title:renamed',
      'stories',
    ],
  },
  {
    write: 'updateStory (same section and title)',
    run: (s, w) =>
      s.stories.updateStory(
        w.two,
        record({ sectionId: w.a, slug: 's2', titleKey: 'story 2', tags: ['x'] }),
        LATER,
      ),
    tags: (w) => [`story:${w.two}`, `section:${w.a}`, 'title:story 2', 'stories'],
  },
  {
    write: 'deleteStory (in two related lists)',
    run: (s, w) => s.stories.deleteStory(w.three),
    tags: (w) => [
      `story:${w.three}`,
      `section:${w.b}`,
      'title:story 3',
      'stories',
      `related:${w.one}`,
      `related:${w.two}`,
    ],
  },
  { write: 'deleteStory (no such story)', run: (s) => s.stories.deleteStory(9999), tags: () => [] },
  {
    write: 'replaceRelatedList (a different list)',
    run: (s, w) => s.related.replaceRelatedList(w.one, [{ relatedId: w.two, score: 0.9 }]),
    tags: (w) => [`related:${w.one}`],
  },
  {
    write: 'replaceRelatedList (the same list)',
    run: (s, w) =>
      s.related.replaceRelatedList(w.one, [
        { relatedId: w.three, score: 0.9 },
        { relatedId: w.two, score: 0.5 },
      ]),
    tags: () => [],
  },
  { write: 'clearRelated', run: (s) => s.related.clearRelated(), tags: () => ['all'] },
  {
    write: 'saveStoryAnalysis',
    run: (s, w) => s.analysis.saveStoryAnalysis(w.two, 1, '{}'),
    tags: (w) => [`story:${w.two}`],
  },
  { write: 'saveRelatedVector', run: (s, w) => s.related.saveRelatedVector(w.one, '{}'), tags: () => [] },
  {
    write: 'saveRelatedModel',
    run: (s) => s.related.saveRelatedModel('{}', 3, NOW),
    tags: () => ['related-model'],
  },
  { write: 'saveMeta', run: (s) => s.meta.saveMeta('writer.heartbeat', NOW), tags: () => [] },
];

export function changesContract(adapter: StoreContractAdapter): void {
  describe('change log', () => {
    const stores = useStores(adapter);

    it('starts empty', async () => {
      const store = await stores.open();
      expect(await store.changes.latestChange()).toBe(0);
      expect(await store.changes.findChangesSince(0)).toEqual({ latest: 0, tags: [] });
    });

    it.each(TAG_CASES)('$write outside a transaction records its own entry', async ({ run, tags }) => {
      const store = await stores.open();
      const w = await world(store);
      const before = await store.changes.latestChange();
      const result = await run(store, w);
      const expected = tags(w, result);
      const latest = expected.length === 0 ? before : before + 1;
      expect(await store.changes.latestChange()).toBe(latest);
      expect(await store.changes.findChangesSince(before)).toEqual({ latest, tags: [...expected].sort() });
    });

    it.each(TAG_CASES)('$write inside a transaction joins its one entry', async ({ run, tags }) => {
      const store = await stores.open();
      const w = await world(store);
      const before = await store.changes.latestChange();
      const result = await store.transaction(async (tx) => {
        await tx.meta.saveMeta('k', 'v');
        const result = await run(tx, w);
        await addSection(tx, 'extra');
        return result;
      });
      const latest = before + 1;
      expect(await store.changes.latestChange()).toBe(latest);
      expect(await store.changes.findChangesSince(before)).toEqual({
        latest,
        tags: [...new Set([...tags(w, result), 'sections'])].sort(),
      });
    });

    it('records nothing for a rolled-back transaction, or one whose writes change no page', async () => {
      const store = await stores.open();
      const w = await world(store);
      const before = await store.changes.latestChange();
      await store
        .transaction(async (tx) => {
          await tx.stories.deleteStory(w.one);
          throw new Error('boom');
        })
        .catch(() => undefined);
      await store.transaction(async (tx) => {
        await tx.meta.saveMeta('k', 'v');
        await tx.related.saveRelatedVector(w.one, '{}');
      });
      await expect(store.stories.updateStory(9999, record({ sectionId: w.a }), LATER)).rejects.toMatchObject({
        code: 'STORY_NOT_FOUND',
      });
      expect(await store.changes.latestChange()).toBe(before);
    });

    it("reads inside a transaction what others committed, and not the transaction's own entry until it commits", async () => {
      const store = await stores.open();
      const w = await world(store);
      const before = await store.changes.latestChange();
      await store.transaction(async (tx) => {
        await tx.stories.deleteStory(w.one);
        expect(await tx.changes.latestChange()).toBe(before);
        expect(await tx.changes.findChangesSince(before)).toEqual({ latest: before, tags: [] });
      });
      expect(await store.changes.latestChange()).toBe(before + 1);
    });

    it('answers the union of the tags since a point, and null for a point beyond the newest', async () => {
      const store = await stores.open();
      const start = await store.changes.latestChange();
      const a = await addSection(store, 'a');
      const mid = await store.changes.latestChange();
      const id = await addStory(store, a.id, 1);
      await store.analysis.saveStoryAnalysis(id, 1, '{}');
      const latest = await store.changes.latestChange();
      expect(latest).toBe(start + 3);
      expect(await store.changes.findChangesSince(start)).toEqual({
        latest,
        tags: [`section:${a.id}`, 'sections', 'stories', `story:${id}`, 'title:story 1'],
      });
      expect(await store.changes.findChangesSince(mid)).toEqual({
        latest,
        tags: [`section:${a.id}`, 'stories', `story:${id}`, 'title:story 1'],
      });
      expect(await store.changes.findChangesSince(latest)).toEqual({ latest, tags: [] });
      expect(await store.changes.findChangesSince(latest + 1)).toBeNull();
    });

    it('keeps only the newest entries, and answers null for a point whose changes were pruned', async () => {
      const store = await stores.open({ changeLogKeep: 3, changeLogPruneEvery: 2 });
      for (const n of [1, 2, 3, 4, 5, 6]) await addSection(store, `s${n}`);
      const latest = await store.changes.latestChange();
      expect(latest).toBe(6);
      expect(await store.changes.findChangesSince(0)).toBeNull();
      expect(await store.changes.findChangesSince(latest - 4)).toBeNull();
      expect(await store.changes.findChangesSince(latest - 3)).toEqual({ latest, tags: ['sections'] });
    });
  });

  describe('change token', () => {
    const stores = useStores(adapter);

    it.each(TAG_CASES.filter((c) => !c.write.includes('(no such') && !c.write.includes('(the same')))(
      'moves for $write',
      async ({ run }) => {
        const store = await stores.open();
        const w = await world(store);
        const before = store.changeToken();
        expect(store.changeToken()).toBe(before);
        await run(store, w);
        expect(store.changeToken()).not.toBe(before);
      },
    );

    it('moves when another connection commits, whose changes this one then reads', async () => {
      const [server, importer] = await stores.openTwo();
      const seen = await server.changes.latestChange();
      const before = server.changeToken();
      expect(server.changeToken()).toBe(before);
      const story = await importer.transaction(async (tx) => {
        const section = await addSection(tx, 'w');
        return addStory(tx, section.id, 1);
      });
      await stores.settle?.(server);
      const after = server.changeToken();
      expect(after).not.toBe(before);
      expect(await server.stories.findStoryById(story)).not.toBeNull();
      const changes = await server.changes.findChangesSince(seen);
      expect(changes?.tags).toEqual(expect.arrayContaining(['sections', 'stories', `story:${story}`]));
      expect(changes?.latest).toBe(await importer.changes.latestChange());
      await importer.meta.saveMeta('writer.heartbeat', NOW);
      await stores.settle?.(server);
      expect(server.changeToken()).not.toBe(after);
      expect(await server.meta.findMeta('writer.heartbeat')).toBe(NOW);
    });
  });
}
