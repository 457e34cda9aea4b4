/**
 * The contract of `LearningRepo.reviewEntry`: a review reads the card, works out the next one and
 * writes it with no other write in between, so concurrent reviews of one entry (two tabs, a
 * double-click, two web processes) all count, as if answered one after the other (issue #16).
 */
import { describe, expect, it } from 'vitest';
import type { ReviewRecord, WordbookEntry } from '../../learner/model.js';
import type { Store } from '../types.js';
import { LATER, NOW, type StoreContractAdapter, twoUsers, useStores } from './fixtures.js';

/** Concurrent reviews of one entry. */
const N = 12;

/** A card that counts its reviews: each answer reads the stored count and writes one more. */
function countUp(entry: WordbookEntry): { card: string; review: ReviewRecord } {
  const reps = (JSON.parse(entry.card) as { reps: number }).reps + 1;
  // Each review's due is unique, so the final due shows which answer came last.
  const due = new Date(Date.parse(LATER) + reps * 60_000).toISOString();
  return {
    card: JSON.stringify({ reps }),
    review: { entryId: entry.id, rating: 'good', reviewedAt: NOW, due },
  };
}

async function keptWord(store: Store) {
  const { ann, bob } = await twoUsers(store);
  const kept = await store.learning.addWordbookEntry(
    ann.id,
    {
      word: 'hostilities',
      lemma: 'hostility',
      sentence: 'They discussed a cessation of hostilities.',
      storyId: null,
      meaning: 'n. 战争行动',
      note: '',
      card: JSON.stringify({ reps: 0 }),
      due: NOW,
    },
    NOW,
  );
  return { ann, bob, kept };
}

export function reviewsContract(adapter: StoreContractAdapter): void {
  describe('reviews are atomic', () => {
    const stores = useStores(adapter);

    it('answers a review from the stored card and writes the next one with its log entry', async () => {
      const store = await stores.open();
      const { ann, bob, kept } = await keptWord(store);
      let asked = 0;
      const count = (entry: WordbookEntry) => {
        asked++;
        return countUp(entry);
      };
      expect(await store.learning.reviewEntry(bob.id, kept.id, count)).toBeNull();
      expect(await store.learning.reviewEntry(ann.id, kept.id + 1000, count)).toBeNull();
      expect(asked).toBe(0);
      const after = await store.learning.reviewEntry(ann.id, kept.id, count);
      const due = countUp(kept).review.due;
      expect(after).toEqual({ ...kept, card: '{"reps":1}', due });
      expect(await store.learning.findWordbookEntry(ann.id, kept.id)).toEqual(after);
      expect(await store.learning.listReviews(ann.id)).toEqual([
        { entryId: kept.id, rating: 'good', reviewedAt: NOW, due },
      ]);
      expect(await store.learning.listReviews(bob.id)).toEqual([]);
    });

    it(`loses none of ${N} concurrent reviews of one entry`, async () => {
      const store = await stores.open();
      const { ann, kept } = await keptWord(store);
      const answers = await Promise.all(
        Array.from({ length: N }, () => store.learning.reviewEntry(ann.id, kept.id, countUp)),
      );
      // Each answer saw the card the one before it wrote: 1, 2, … N, in some order.
      expect(answers.map((a) => JSON.parse(a!.card).reps).sort((a, b) => a - b)).toEqual(
        Array.from({ length: N }, (_, i) => i + 1),
      );
      const final = await store.learning.findWordbookEntry(ann.id, kept.id);
      expect(final?.card).toBe(JSON.stringify({ reps: N }));
      expect(final?.due).toBe(countUp({ ...kept, card: JSON.stringify({ reps: N - 1 }) }).review.due);
      expect(await store.learning.listReviews(ann.id)).toHaveLength(N);
    });

    it('loses none when two connections (two web processes) review the entry at once', async () => {
      const [one, two] = await stores.openTwo();
      const { ann, kept } = await keptWord(one);
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          (i % 2 ? two : one).learning.reviewEntry(ann.id, kept.id, countUp),
        ),
      );
      expect((await one.learning.findWordbookEntry(ann.id, kept.id))?.card).toBe(JSON.stringify({ reps: N }));
      expect(await two.learning.listReviews(ann.id)).toHaveLength(N);
    });

    it('reviews inside a transaction, which a failing answer rolls back', async () => {
      const store = await stores.open();
      const { ann, kept } = await keptWord(store);
      await store.transaction(async (tx) => {
        await tx.learning.reviewEntry(ann.id, kept.id, countUp);
      });
      await expect(
        store.learning.reviewEntry(ann.id, kept.id, () => {
          throw new Error('no schedule');
        }),
      ).rejects.toThrow('no schedule');
      expect((await store.learning.findWordbookEntry(ann.id, kept.id))?.card).toBe('{"reps":1}');
      expect(await store.learning.listReviews(ann.id)).toHaveLength(1);
    });
  });
}
