import { describe, expect, it } from 'vitest';
import { fitLsa, foldIn, type SparseVector } from './lsa.js';

/** Term numbers 0–3 are one subject, 4–7 another; each story uses two of its subject's terms. */
function story(terms: number[]): SparseVector {
  const w = 1 / Math.sqrt(terms.length);
  return { terms: Uint32Array.from(terms), weights: Float32Array.from(terms, () => w) };
}
const STORIES = [
  [0, 1],
  [1, 2],
  [2, 3],
  [0, 3],
  [0, 2],
  [4, 5],
  [5, 6],
  [6, 7],
  [4, 7],
  [4, 6],
].map(story);

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('LSA', () => {
  it('brings together stories of one subject that share no term', () => {
    const model = fitLsa(STORIES, 8, { dims: 2, minDocFrequency: 1 });
    const a = foldIn(model, story([0, 1]));
    const b = foldIn(model, story([2, 3]));
    const other = foldIn(model, story([4, 5]));
    expect(cosine(a, b)).toBeGreaterThan(0.9);
    expect(Math.abs(cosine(a, other))).toBeLessThan(0.1);
  });

  it('gives a unit vector, and zeros for a story of unknown terms', () => {
    const model = fitLsa(STORIES, 8, { dims: 2, minDocFrequency: 1 });
    expect(cosine(foldIn(model, story([0])), foldIn(model, story([0])))).toBeCloseTo(1);
    expect([...foldIn(model, story([42]))]).toEqual([0, 0]);
  });

  it('is deterministic for a seed', () => {
    const a = fitLsa(STORIES, 8, { dims: 2, minDocFrequency: 1 });
    const b = fitLsa(STORIES, 8, { dims: 2, minDocFrequency: 1 });
    expect([...a.termMatrix]).toEqual([...b.termMatrix]);
  });
});
