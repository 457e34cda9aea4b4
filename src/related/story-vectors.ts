/**
 * One story's numbers: term counts, its two weighted vectors, latent vector and duplicate sketch.
 * Kept apart from the engine so that the weighting formulas live in one small place.
 */
import type { SparseVector } from './lsa.js';
import type { DuplicateSketch } from './near-duplicates.js';
import type { TermTable } from './term-index.js';

/** Everything the engine holds for one story (no text). */
export interface StoryRecord {
  id: string;
  /** Milliseconds since the epoch, or NaN when unknown. */
  publishedAt: number;
  /** Ascending term numbers. */
  terms: Uint32Array;
  /** Weighted counts from the analyzer, parallel to `terms`. */
  counts: Float32Array;
  /** L2-normalised lexical weights, parallel to `terms`. */
  lexical: Float32Array;
  sketch: DuplicateSketch;
}

/** Smoothed idf, as in scikit-learn: ln((1 + N) / (1 + df)) + 1, always ≥ 1. */
export function inverseDocumentFrequency(stories: number, frequency: number): number {
  return Math.log((1 + stories) / (1 + Math.max(0, frequency))) + 1;
}

/** Sublinear tf × idf^power, L2-normalised; zero vector when there are no terms. */
export function weigh(
  terms: Uint32Array,
  counts: Float32Array,
  table: TermTable,
  stories: number,
  idfPower: number,
): Float32Array {
  const weights = new Float32Array(terms.length);
  let norm = 0;
  for (let i = 0; i < terms.length; i++) {
    const idf = inverseDocumentFrequency(stories, table.frequency(terms[i]!));
    const w = (1 + Math.log(Math.max(1, counts[i]!))) * (idfPower === 1 ? idf : idf ** idfPower);
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
  return weights;
}

/** Term map → ascending term numbers and counts, interning new terms. */
export function toArrays(
  terms: Map<string, number>,
  table: TermTable,
): { terms: Uint32Array; counts: Float32Array } {
  const entries = [...terms].map(([term, count]) => [table.intern(term), count] as const);
  entries.sort((a, b) => a[0] - b[0]);
  return {
    terms: Uint32Array.from(entries, (entry) => entry[0]),
    counts: Float32Array.from(entries, (entry) => entry[1]),
  };
}

/** The LSA input of a story: full-idf weights (the latent space was tuned on them). */
export function latentInput(record: StoryRecord, table: TermTable, stories: number): SparseVector {
  return { terms: record.terms, weights: weigh(record.terms, record.counts, table, stories, 1) };
}
