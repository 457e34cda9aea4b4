import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ndcgAt, precisionAt } from './metrics.js';

describe('metrics', () => {
  it.each([
    [[true, true, false, false, true], 5, 0.6],
    [[true, false], 5, 0.2],
    [[], 5, 0],
  ])('precisionAt(%j, %i) = %f', (relevant, k, expected) =>
    expect(precisionAt(relevant, k)).toBeCloseTo(expected),
  );

  it('scores a list with the relevant stories first as 1, and lower when they come later', () => {
    expect(ndcgAt([true, true, false], 3, 2)).toBeCloseTo(1);
    expect(ndcgAt([false, true, true], 3, 2)).toBeLessThan(1);
    expect(ndcgAt([false, false, false], 3, 0)).toBe(0);
  });

  it('stays between 0 and 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.nat(40),
        (rel, k, extra) => {
          const total = rel.filter(Boolean).length + extra;
          for (const value of [precisionAt(rel, k), ndcgAt(rel, k, total)]) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1 + 1e-12);
          }
        },
      ),
    );
  });
});
