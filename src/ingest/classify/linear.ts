/**
 * A trained linear multi-class model over sparse vectors, and turning its scores into
 * probabilities: `weights[feature * classes + class]` and a bias per class (the layout the one-vs-rest
 * SVM in `svm.ts` produces and the stored model keeps).
 */
import type { SparseVector } from './features.js';

export interface LinearWeights {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** The class scores of `x`. */
export function linearScores(model: LinearWeights, x: SparseVector): Float64Array {
  const { classes, weights } = model;
  const out = Float64Array.from(model.bias);
  for (let k = 0; k < x.index.length; k++) {
    const base = (x.index[k] as number) * classes;
    const xv = x.value[k] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + (weights[base + c] as number) * xv;
  }
  return out;
}

/** Turns scores into probabilities, in place: a softmax of `scores / temperature`. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s / temperature);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] as number) / temperature - max);
    sum += scores[c] as number;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum;
}
