/**
 * The baseline the related-stories engine is measured against: TF-IDF cosine over title and body,
 * sublinear tf (1 + ln tf), English stop words, smoothed idf ln((1 + N) / (1 + df)) + 1 (it measured
 * stronger than ln(N / df) on both corpora, so the comparison is with the better variant), vectors
 * L2-normalised, ranking every other story. No title weight, no names, no stemming.
 */
import { storyTerms } from './story-terms.js';
import { inverseDocumentFrequency } from './story-vectors.js';
import { TermTable } from './term-index.js';

const PLAIN = { titleBoost: 0, nameBoost: 1, phraseWeight: 0, stem: false } as const;

/** A sparse TF-IDF vector: ascending term numbers and L2-normalised weights. */
export interface TfidfVector {
  terms: Uint32Array;
  weights: Float32Array;
}

export class TfidfBaseline {
  private readonly table = new TermTable();
  private readonly counts: { terms: Uint32Array; tf: Float32Array }[] = [];
  private vectors: TfidfVector[] = [];
  private postingStart = new Int32Array(0);
  private postingDocs = new Int32Array(0);
  private postingWeights = new Float32Array(0);

  /** Builds the index over stories, numbered in the given order (read once; the text is not kept). */
  constructor(stories: Iterable<{ title: string; body: string }>) {
    for (const story of stories) {
      const entries = [...storyTerms(story, PLAIN).terms].map(([t, c]) => [this.table.intern(t), c] as const);
      entries.sort((a, b) => a[0] - b[0]);
      for (const [t] of entries) this.table.adjustFrequency(t, 1);
      this.counts.push({
        terms: Uint32Array.from(entries, (e) => e[0]),
        tf: Float32Array.from(entries, (e) => e[1]),
      });
    }
    this.vectors = this.counts.map(({ terms, tf }) => this.weigh(terms, tf));
    this.index();
  }

  get size(): number {
    return this.vectors.length;
  }

  /** The stored vector of story `i`. */
  vector(i: number): TfidfVector {
    return this.vectors[i]!;
  }

  /** The vector of a story not in the index (terms it does not know are dropped). */
  vectorOf(story: { title: string; body: string }): TfidfVector {
    const known = [...storyTerms(story, PLAIN).terms]
      .map(([t, c]) => [this.table.find(t), c] as const)
      .filter(([t]) => t >= 0)
      .sort((a, b) => a[0] - b[0]);
    return this.weigh(
      Uint32Array.from(known, (e) => e[0]),
      Float32Array.from(known, (e) => e[1]),
    );
  }

  /** Cosine of `query` with every story (via posting lists; the same numbers as a scan). */
  scores(query: TfidfVector, out = new Float64Array(this.size)): Float64Array {
    out.fill(0);
    for (let i = 0; i < query.terms.length; i++) {
      const t = query.terms[i]!;
      const qw = query.weights[i]!;
      for (let j = this.postingStart[t]!; j < this.postingStart[t + 1]!; j++) {
        out[this.postingDocs[j]!]! += qw * this.postingWeights[j]!;
      }
    }
    return out;
  }

  /**
   * Brute force: the cosine of `query` with every story by walking each story's vector against a
   * dense copy of the query. This is what the speed bench times the engine against.
   */
  scanScores(query: TfidfVector, dense: Float32Array, out = new Float64Array(this.size)): Float64Array {
    for (let i = 0; i < query.terms.length; i++) dense[query.terms[i]!] = query.weights[i]!;
    for (let d = 0; d < this.vectors.length; d++) {
      const { terms, weights } = this.vectors[d]!;
      let dot = 0;
      for (let i = 0; i < terms.length; i++) dot += dense[terms[i]!]! * weights[i]!;
      out[d] = dot;
    }
    for (let i = 0; i < query.terms.length; i++) dense[query.terms[i]!] = 0;
    return out;
  }

  /** Number of distinct terms (the length a dense query buffer needs). */
  get termCount(): number {
    return this.table.size;
  }

  private weigh(terms: Uint32Array, tf: Float32Array): TfidfVector {
    const weights = new Float32Array(terms.length);
    let norm = 0;
    for (let i = 0; i < terms.length; i++) {
      const w =
        (1 + Math.log(tf[i]!)) *
        inverseDocumentFrequency(this.counts.length, this.table.frequency(terms[i]!));
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { terms, weights };
  }

  private index(): void {
    const termCount = this.table.size;
    const start = new Int32Array(termCount + 1);
    for (const v of this.vectors) for (const t of v.terms) start[t + 1]!++;
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, termCount);
    this.postingDocs = new Int32Array(start[termCount]!);
    this.postingWeights = new Float32Array(start[termCount]!);
    this.vectors.forEach((v, d) => {
      for (let i = 0; i < v.terms.length; i++) {
        const at = fill[v.terms[i]!]!++;
        this.postingDocs[at] = d;
        this.postingWeights[at] = v.weights[i]!;
      }
    });
    this.postingStart = start;
  }
}
