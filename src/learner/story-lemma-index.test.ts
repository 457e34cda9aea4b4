/** The lemma index against a plain scan of every story's lemmas (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StoryFit, StoryLemmaIndex } from './story-lemma-index.js';

const LEMMAS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

interface TestStory {
  id: number;
  sortKey: string;
  words: string[];
}

/** What a scan of every story's words finds. */
function scan(stories: TestStory[], known: string[], min: number, max: number, limit: number): StoryFit[] {
  const knownSet = new Set(known);
  return [...stories]
    .sort((a, b) => (a.sortKey === b.sortKey ? b.id - a.id : a.sortKey < b.sortKey ? 1 : -1))
    .map((s) => ({
      id: s.id,
      knownShare: s.words.length === 0 ? 1 : s.words.filter((w) => knownSet.has(w)).length / s.words.length,
      unknownLemmas: new Set(s.words.filter((w) => !knownSet.has(w))).size,
    }))
    .filter((f) => f.knownShare >= min && f.knownShare <= max)
    .slice(0, limit);
}

const story = fc.record({
  sortKey: fc.constantFrom('2020-01-01', '2021-06-01', '2022-03-03', '2023-12-31'),
  words: fc.array(fc.constantFrom(...LEMMAS), { maxLength: 30 }),
  // What happens after adding it: nothing, the postings rebuilt, the pending stories sealed into a
  // segment of their own, or an earlier story removed.
  next: fc.constantFrom('none', 'none', 'compact', 'seal', 'seal', 'remove'),
});

describe('StoryLemmaIndex', () => {
  it('finds the same stories, newest first, with the same figures as scanning every story', () => {
    fc.assert(
      fc.property(
        fc.array(story, { maxLength: 25 }),
        fc.subarray(LEMMAS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (stories, known, x, y, limit, roundTrip) => {
          const [min, max] = x <= y ? [x, y] : [y, x];
          let index = new StoryLemmaIndex();
          const kept = new Map<number, TestStory>();
          stories.forEach((s, i) => {
            const id = i + 1;
            index.add(id, s.sortKey, s.words);
            kept.set(id, { id, sortKey: s.sortKey, words: s.words });
            if (s.next === 'compact') index.compact();
            if (s.next === 'seal') index.seal();
            if (s.next === 'remove' && i > 0) {
              index.remove(Math.ceil(id / 2));
              kept.delete(Math.ceil(id / 2));
            }
          });
          if (roundTrip) {
            // Moved through an export (as from the loading thread), then a story more.
            index = StoryLemmaIndex.fromExport(index.export());
            index.add(1000, '2022-03-03', ['a', 'h', 'h']);
            kept.set(1000, { id: 1000, sortKey: '2022-03-03', words: ['a', 'h', 'h'] });
          }
          // Flags made before lemmas were added count the new ones as not known.
          const got = index.newestInRange(index.knownFlags(known), min, max, limit);
          expect(got).toEqual(scan([...kept.values()], known, min, max, limit));
          expect(index.size).toBe(kept.size);
        },
      ),
    );
  });

  it('keeps a learner’s totals right through changes of their words, one lemma’s postings at a time', () => {
    fc.assert(
      fc.property(
        fc.array(story, { maxLength: 20 }),
        fc.subarray(LEMMAS),
        fc.array(fc.tuple(fc.constantFrom(...LEMMAS), fc.boolean()), { maxLength: 10 }),
        (stories, known, changes) => {
          const index = new StoryLemmaIndex();
          const all = stories.map((s, i) => ({
            id: i + 1,
            sortKey: s.sortKey,
            words: s.words,
            next: s.next,
          }));
          for (const s of all) {
            index.add(s.id, s.sortKey, s.words);
            // Some stories in the first segment, others in segments sealed as they came.
            if (s.id === 5) index.compact();
            if (s.next === 'seal') index.seal();
          }
          const flags = index.knownFlags(known);
          const totals = index.knownTotals(flags);
          const now = new Set(known);
          for (const [lemma, isKnown] of changes) {
            const id = index.lemmaId(lemma);
            if (isKnown) now.add(lemma);
            else now.delete(lemma);
            if (id === undefined || (flags[id] === 1) === isKnown) continue;
            flags[id] = isKnown ? 1 : 0;
            index.applyChange(totals, id, isKnown);
          }
          expect(index.newestInRange(flags, 0, 1, 100, 0, totals)).toEqual(scan(all, [...now], 0, 1, 100));
        },
      ),
    );
  });

  it('seals stories as they come into at most nine segments, the first left as it was', () => {
    const index = new StoryLemmaIndex();
    for (let id = 1; id <= 40; id++) {
      index.add(id, `2020-01-${String(id).padStart(2, '0')}`, [LEMMAS[id % 8]!, LEMMAS[(id * 3) % 8]!]);
      if (id === 10) index.compact();
      else if (id > 10) index.seal();
      expect(index.segmentCount).toBeLessThanOrEqual(9);
    }
    expect(index.pendingCount).toBe(0);
    const known = index.knownFlags(['a', 'b', 'c']);
    const all = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      sortKey: `2020-01-${String(i + 1).padStart(2, '0')}`,
      words: [LEMMAS[(i + 1) % 8]!, LEMMAS[((i + 1) * 3) % 8]!],
    }));
    expect(index.newestInRange(known, 0, 1, 100)).toEqual(scan(all, ['a', 'b', 'c'], 0, 1, 100));
  });

  it('replaces a story added again and forgets a removed one', () => {
    const index = new StoryLemmaIndex();
    index.add(1, '2020', ['a', 'b']);
    index.compact();
    index.add(1, '2020', ['a', 'a']);
    const flags = index.knownFlags(['a']);
    expect(index.newestInRange(flags, 0, 1, 10)).toEqual([{ id: 1, knownShare: 1, unknownLemmas: 0 }]);
    index.compact();
    expect(index.newestInRange(flags, 0, 1, 10)).toEqual([{ id: 1, knownShare: 1, unknownLemmas: 0 }]);
    index.remove(1);
    expect(index.size).toBe(0);
    expect(index.has(1)).toBe(false);
    expect(index.newestInRange(flags, 0, 1, 10)).toEqual([]);
  });

  it('sums from the side with fewer postings: a learner who knows most lemmas and one who knows few agree with the scan', () => {
    const index = new StoryLemmaIndex();
    const all: TestStory[] = [];
    for (let i = 1; i <= 50; i++) {
      const words = LEMMAS.slice(0, 1 + (i % 8)).concat(LEMMAS.slice(0, i % 3));
      index.add(i, `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`, words);
      all.push({ id: i, sortKey: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`, words });
    }
    index.compact();
    for (const known of [LEMMAS.slice(0, 7), ['h']]) {
      expect(index.newestInRange(index.knownFlags(known), 0, 1, 100)).toEqual(scan(all, known, 0, 1, 100));
    }
  });
});
