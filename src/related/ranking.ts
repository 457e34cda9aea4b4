/**
 * Scoring for the related engine (`engine.ts` has the method and its figures): candidate stories
 * from the posting lists of a query's best terms, then the exact score (lexical cosine mixed with
 * the latent cosine, plus the optional recency bonus) for the best of them. Holds the scratch
 * buffers a query reuses, so ranking allocates little per story.
 */

import type { LatentSpace } from './latent-space.js';
import type { RelatedOptions } from './options.js';
import { inverseDocumentFrequency, type StoryRecord } from './story-vectors.js';
import type { Postings, TermTable } from './term-index.js';
import { bestSlots, type Candidate } from './top-k.js';

/** Ranks stored stories against a query story; reads the engine's index, never changes it. */
export class Ranker {
  private scratch = new Float32Array(0);
  private dense = new Float32Array(0);
  private touched = new Int32Array(0);

  constructor(
    private readonly options: RelatedOptions,
    private readonly table: TermTable,
    private readonly postings: Postings,
    private readonly latent: LatentSpace,
    /** The engine's records by slot (null for a removed story); the same array, read as it grows. */
    private readonly records: readonly (StoryRecord | null)[],
    /** Number of stories in the index. */
    private readonly storyCount: () => number,
  ) {}

  /**
   * Candidates by exact score, best first (`self`, a slot, excluded; -1 for a story not stored).
   * `exhaustive` scores every stored story instead of the posting-list candidates.
   */
  rank(record: StoryRecord, latent: Float32Array | null, self: number, exhaustive = false): Candidate[] {
    const { candidateTerms, candidatePool, candidatePostings } = this.options;
    if (this.scratch.length < this.records.length) this.scratch = new Float32Array(this.records.length * 2);
    const accumulated = this.scratch;
    // Candidate terms: rarest-weighted first (full idf: a rare shared term is the best evidence of a
    // match), until `candidateTerms` terms or `candidatePostings` postings have been visited.
    const priority = Float64Array.from(record.terms, (t, i) => {
      const df = this.table.frequency(t);
      return df > 0 ? record.lexical[i]! * Math.sqrt(inverseDocumentFrequency(this.storyCount(), df)) : 0;
    });
    const order = Array.from(record.terms.keys()).sort((a, b) => priority[b]! - priority[a]!);
    if (this.touched.length < this.records.length) this.touched = new Int32Array(this.records.length * 2);
    const touched = this.touched;
    let count = 0;
    let visited = 0;
    for (let k = 0; k < order.length; k++) {
      if (!exhaustive && (k >= candidateTerms || visited >= candidatePostings)) break;
      const i = order[k]!;
      const list = this.postings.get(record.terms[i]!);
      if (!list) continue;
      visited += list.slots.length;
      const qw = record.lexical[i]!;
      const { slots, weights } = list;
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j]!;
        if (accumulated[slot] === 0) touched[count++] = slot;
        accumulated[slot]! += qw * weights[j]!;
      }
    }
    const shortlist: Candidate[] = exhaustive
      ? this.liveSlots().map((slot) => ({ slot, score: accumulated[slot]! }))
      : bestSlots(touched, count, accumulated, candidatePool);
    for (let i = 0; i < count; i++) accumulated[touched[i]!] = 0;
    const scored: Candidate[] = [];
    const query = this.queryBuffer(record);
    for (const candidate of shortlist) {
      const other = this.records[candidate.slot];
      if (!other || candidate.slot === self) continue;
      scored.push({ slot: candidate.slot, score: this.score(record, query, latent, candidate.slot, other) });
    }
    for (const t of record.terms) query[t] = 0;
    return scored.sort((a, b) => b.score - a.score);
  }

  /** A dense copy of the query's lexical weights (reset by the caller), so a rerank is one pass per candidate. */
  private queryBuffer(record: StoryRecord): Float32Array {
    if (this.dense.length < this.table.size) this.dense = new Float32Array(this.table.size * 2);
    for (let i = 0; i < record.terms.length; i++) this.dense[record.terms[i]!] = record.lexical[i]!;
    return this.dense;
  }

  /** The exact score of a query record against a stored story. */
  private score(
    record: StoryRecord,
    query: Float32Array,
    latent: Float32Array | null,
    slot: number,
    other: StoryRecord,
  ): number {
    let lexical = 0;
    const terms = other.terms;
    const weights = other.lexical;
    for (let j = 0; j < terms.length; j++) lexical += query[terms[j]!]! * weights[j]!;
    const lambda = latent && this.latent.has(slot) ? this.options.latentWeight : 0;
    let score = (1 - lambda) * lexical;
    if (lambda > 0) score += lambda * this.latent.dot(slot, latent!);
    const { recencyWeight, recencyHalfLifeDays } = this.options;
    if (recencyWeight > 0 && !Number.isNaN(record.publishedAt) && !Number.isNaN(other.publishedAt)) {
      const days = Math.abs(record.publishedAt - other.publishedAt) / 86_400_000;
      score += recencyWeight * 2 ** (-days / recencyHalfLifeDays);
    }
    return score;
  }

  private liveSlots(): number[] {
    const live: number[] = [];
    this.records.forEach((record, slot) => {
      if (record) live.push(slot);
    });
    return live;
  }
}
