/** The lemma index against a plain scan of every story's lemmas (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoryLemmaIndex } from './story-lemma-index.js';

const LEMMAS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describe('StoryLemmaIndex', () => {
  it('finds the same stories, newest first, with the same figures as scanning every story', () => {
    const story = fc.record({
      sortKey: fc.constantFrom('2020-01-01', '2021-06-01', '2022-03-03', '2023-12-31'),
      words: fc.array(fc.constantFrom(...LEMMAS), { maxLength: 30 }),
    });
    fc.assert(
      fc.property(
        fc.array(story, { maxLength: 25 }),
        fc.subarray(LEMMAS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        (stories, known, x, y, limit) => {
          const [min, max] = x <= y ? [x, y] : [y, x];
          const index = new StoryLemmaIndex();
          stories.forEach((s, i) => {
            index.add(i + 1, s.sortKey, s.words);
          });
          const got = index.newestInRange(index.knownFlags(known), min, max, limit);
          const knownSet = new Set(known);
          const expected = stories
            .map((s, i) => ({ ...s, id: i + 1 }))
            .sort((a, b) => (a.sortKey === b.sortKey ? b.id - a.id : a.sortKey < b.sortKey ? 1 : -1))
            .map((s) => ({
              id: s.id,
              knownShare:
                s.words.length === 0 ? 1 : s.words.filter((w) => knownSet.has(w)).length / s.words.length,
              unknownLemmas: new Set(s.words.filter((w) => !knownSet.has(w))).size,
            }))
            .filter((f) => f.knownShare >= min && f.knownShare <= max)
            .slice(0, limit);
          expect(got).toEqual(expected);
        },
      ),
    );
  });

  it('replaces a story added again and forgets a removed one', () => {
    const index = new StoryLemmaIndex();
    index.add(1, '2020', ['a', 'b']);
    index.add(1, '2020', ['a', 'a']);
    const flags = index.knownFlags(['a']);
    expect(index.fit(1, flags)).toEqual({ id: 1, knownShare: 1, unknownLemmas: 0 });
    index.remove(1);
    expect(index.size).toBe(0);
    expect(index.fit(1, flags)).toBeNull();
  });
});
