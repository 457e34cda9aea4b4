/** The contract of a learner's progress aggregates and 为我推荐 feed tokens (`learner-types.ts`). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import {
  addSection,
  addStory,
  type StoreContractAdapter,
  twoUsers as twoAccounts,
  useStores,
} from './fixtures.js';

const DAY1 = '2026-03-01T08:00:00.000Z';
const DAY1_LATE = '2026-03-01T23:59:59.000Z';
const DAY2 = '2026-03-02T09:30:00.000Z';
const DAY4 = '2026-03-04T10:00:00.000Z';

const twoUsers = (store: Store) => twoAccounts(store, DAY1);

export function progressContract(adapter: StoreContractAdapter): void {
  describe('learner progress and feed tokens', () => {
    const stores = useStores(adapter);

    it('counts known words gained and lost per day, from single changes and from markKnown', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      await l.saveWordStatus(ann.id, { lemma: 'a', status: 'known', stage: null }, DAY1);
      await l.saveWordStatus(ann.id, { lemma: 'a', status: 'known', stage: null }, DAY1_LATE); // no change
      await l.saveWordStatus(ann.id, { lemma: 'b', status: 'learning', stage: 2 }, DAY1_LATE);
      expect(await l.markKnown(ann.id, ['a', 'b', 'c', 'd'], ['learning', 'known'], DAY2)).toBe(3);
      await l.saveWordStatus(ann.id, { lemma: 'a', status: 'unknown', stage: null }, DAY4);
      await l.saveWordStatus(ann.id, { lemma: 'e', status: 'ignored', stage: null }, DAY4);
      await l.saveWordStatus(bob.id, { lemma: 'a', status: 'known', stage: null }, DAY2);
      expect(await l.knownWordsByDay(ann.id)).toEqual([
        { day: '2026-03-01', gained: 1, lost: 0 },
        { day: '2026-03-02', gained: 3, lost: 0 },
        { day: '2026-03-04', gained: 0, lost: 1 },
      ]);
      expect(await l.knownWordsByDay(bob.id)).toEqual([{ day: '2026-03-02', gained: 1, lost: 0 }]);
      // The running total matches the statuses stored.
      const total = (await l.knownWordsByDay(ann.id)).reduce((n, d) => n + d.gained - d.lost, 0);
      expect(total).toBe(await l.countWordStatuses(ann.id, 'known'));
    });

    it('gives the statuses changed after a words version, by single changes and by markKnown', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      await l.saveWordStatus(ann.id, { lemma: 'a', status: 'known', stage: null }, DAY1);
      await l.saveWordStatus(ann.id, { lemma: 'b', status: 'learning', stage: 1 }, DAY1);
      const seen = await l.wordsVersion(ann.id);
      expect(await l.findStatusesChangedAfter(ann.id, seen)).toEqual([]);
      const byLemma = async (after: number) =>
        (await l.findStatusesChangedAfter(ann.id, after)).sort((x, y) => (x.lemma < y.lemma ? -1 : 1));
      expect(await byLemma(0)).toEqual([
        { lemma: 'a', status: 'known', stage: null },
        { lemma: 'b', status: 'learning', stage: 1 },
      ]);
      await l.saveWordStatus(ann.id, { lemma: 'a', status: 'unknown', stage: null }, DAY2);
      await l.markKnown(ann.id, ['b', 'c'], ['learning'], DAY2);
      await l.saveWordStatus(bob.id, { lemma: 'z', status: 'known', stage: null }, DAY2);
      expect(await byLemma(seen)).toEqual([
        { lemma: 'a', status: 'unknown', stage: null },
        { lemma: 'b', status: 'known', stage: null },
        { lemma: 'c', status: 'known', stage: null },
      ]);
      const later = await l.wordsVersion(ann.id);
      expect(later).toBeGreaterThan(seen);
      expect(await l.findStatusesChangedAfter(ann.id, later)).toEqual([]);
      expect(await l.findStatusesChangedAfter(bob.id, 0)).toEqual([
        { lemma: 'z', status: 'known', stage: null },
      ]);
    });

    it('counts reviews and finished stories per day from a given day, one learner at a time', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      const base = {
        word: 'ceased',
        lemma: 'cease',
        sentence: 'They ceased.',
        storyId: null,
        meaning: 'v. 停止',
        note: '',
        card: '{}',
        due: DAY1,
      };
      const kept = await l.addWordbookEntry(ann.id, base, DAY1);
      const bobs = await l.addWordbookEntry(bob.id, base, DAY1);
      for (const at of [DAY1, DAY1_LATE, DAY2, DAY4])
        await l.recordReview(ann.id, kept.id, '{}', {
          entryId: kept.id,
          rating: 'good',
          reviewedAt: at,
          due: DAY4,
        });
      await l.recordReview(bob.id, bobs.id, '{}', {
        entryId: bobs.id,
        rating: 'good',
        reviewedAt: DAY2,
        due: DAY4,
      });
      expect(await l.reviewsByDay(ann.id, '2026-01-01')).toEqual([
        { day: '2026-03-01', count: 2 },
        { day: '2026-03-02', count: 1 },
        { day: '2026-03-04', count: 1 },
      ]);
      expect(await l.reviewsByDay(ann.id, '2026-03-02')).toEqual([
        { day: '2026-03-02', count: 1 },
        { day: '2026-03-04', count: 1 },
      ]);
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      const two = await addStory(store, section.id, 2);
      await l.recordStoryRead(ann.id, one, DAY1);
      await l.recordStoryRead(ann.id, two, DAY1_LATE);
      await l.recordStoryRead(bob.id, one, DAY4);
      expect(await l.storyReadsByDay(ann.id, '2026-01-01')).toEqual([{ day: '2026-03-01', count: 2 }]);
      await l.recordStoryRead(ann.id, two, DAY4); // finished again: counted on the newer day
      expect(await l.storyReadsByDay(ann.id, '2026-01-01')).toEqual([
        { day: '2026-03-01', count: 1 },
        { day: '2026-03-04', count: 1 },
      ]);
      expect(await l.storyReadsByDay(bob.id, '2026-03-05')).toEqual([]);
    });

    it('keeps one feed token per learner: replaced when made again, gone when deleted', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const a = store.accounts;
      expect(await a.feedTokenCreatedAt(ann.id)).toBeNull();
      await a.setFeedToken(ann.id, 'f1', DAY1);
      await a.setFeedToken(bob.id, 'f2', DAY1);
      expect(await a.findUserIdByFeedToken('f1')).toBe(ann.id);
      expect(await a.findUserIdByFeedToken('f2')).toBe(bob.id);
      expect(await a.feedTokenCreatedAt(ann.id)).toBe(DAY1);
      await a.setFeedToken(ann.id, 'f3', DAY2);
      expect(await a.findUserIdByFeedToken('f1')).toBeNull();
      expect(await a.findUserIdByFeedToken('f3')).toBe(ann.id);
      expect(await a.feedTokenCreatedAt(ann.id)).toBe(DAY2);
      // A feed token is not an API token, nor the other way round.
      expect(await a.findUserIdByToken('f3')).toBeNull();
      await a.createApiToken(ann.id, 'api', DAY1);
      expect(await a.findUserIdByFeedToken('api')).toBeNull();
      expect(await a.deleteFeedTokenOf(ann.id)).toBe(1);
      expect(await a.deleteFeedTokenOf(ann.id)).toBe(0);
      expect(await a.findUserIdByFeedToken('f3')).toBeNull();
      expect(await a.findUserIdByFeedToken('f2')).toBe(bob.id);
      expect(await a.deleteUser(bob.id)).toBe(true);
      expect(await a.findUserIdByFeedToken('f2')).toBeNull();
    });
  });
}
