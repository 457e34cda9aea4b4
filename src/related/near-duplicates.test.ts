import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containment, isNearDuplicate, shingleHashes, similarity, sketch } from './near-duplicates.js';

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
const STORY =
  'the central bank raised its benchmark interest rate by half a point on thursday saying inflation was still far above its target and the currency strengthened after the decision';

function exactJaccard(a: readonly string[], b: readonly string[]): number {
  const x = new Set(shingleHashes(a));
  const y = new Set(shingleHashes(b));
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
}

describe('near-duplicates', () => {
  it('calls a story re-sent with one word changed a near-duplicate', () => {
    const edited = STORY.replace('far above', 'well above');
    expect(isNearDuplicate(sketch(words(STORY)), sketch(words(edited)))).toBe(true);
  });

  it('calls a story re-sent with an added paragraph a near-duplicate (containment)', () => {
    const longer = `${STORY} ${'analysts said the move had been expected for weeks and markets took it calmly while bond yields rose slightly in late trading and the governor repeated that further increases could follow'}`;
    const a = sketch(words(STORY));
    const b = sketch(words(longer));
    expect(similarity(a.signature, b.signature)).toBeLessThan(0.5);
    expect(containment(a, b)).toBeGreaterThan(0.8);
    expect(isNearDuplicate(a, b)).toBe(true);
  });

  it('does not call two stories on the same subject near-duplicates', () => {
    const other =
      'inflation slowed for a third month but the central bank kept interest rates on hold and said it needed more evidence before cutting borrowing costs';
    expect(isNearDuplicate(sketch(words(STORY)), sketch(words(other)))).toBe(false);
  });

  it('estimates shingle Jaccard within sampling error (property)', () => {
    const vocabulary = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');
    fc.assert(
      fc.property(
        fc.array(vocabulary, { minLength: 5, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(), vocabulary), { maxLength: 30 }),
        (base, edits) => {
          const edited = [...base];
          for (const [at, word] of edits) edited[at % edited.length] = word;
          const estimate = similarity(sketch(base).signature, sketch(edited).signature);
          // 128 hashes: standard error ≤ 0.044; 0.2 is beyond 4.5 standard errors.
          expect(Math.abs(estimate - exactJaccard(base, edited))).toBeLessThanOrEqual(0.2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives identical texts similarity 1 and is symmetric (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }),
        (a, b) => {
          const x = sketch(a);
          const y = sketch(b);
          expect(similarity(x.signature, sketch([...a]).signature)).toBe(1);
          expect(similarity(x.signature, y.signature)).toBe(similarity(y.signature, x.signature));
          expect(isNearDuplicate(x, y)).toBe(isNearDuplicate(y, x));
        },
      ),
    );
  });
});
