/**
 * The engine's LSA side: the fitted model and one latent row per story slot (Float32, no text).
 * Until a rebuild has fitted a model (or one was imported) there are no rows and scores are lexical.
 */
import { fitLsa, foldIn, type LsaModel } from './lsa.js';
import type { RelatedOptions } from './options.js';
import { latentInput, type StoryRecord } from './story-vectors.js';
import { RowStore, type TermTable } from './term-index.js';

/** A fitted latent space in plain form, for a store to save beside the stories (`ANALYZER_VERSION` applies). */
export interface ExportedLatentModel {
  dims: number;
  /** Term strings, one per matrix row. */
  terms: string[];
  /** Row-major `terms.length × dims`. */
  matrix: Float32Array;
}

export class LatentSpace {
  private model: LsaModel | null = null;
  private rows: RowStore | null = null;
  private present = new Uint8Array(1024);

  constructor(private readonly options: RelatedOptions) {}

  get fitted(): boolean {
    return this.model !== null;
  }

  /** Fits on an evenly spaced sample of the live stories, then folds every live story in. */
  fit(live: readonly number[], records: readonly (StoryRecord | null)[], table: TermTable): void {
    this.present.fill(0);
    if (live.length < this.options.latentMinStories || this.options.latentWeight === 0) {
      this.model = null;
      this.rows = null;
      return;
    }
    const step = Math.max(1, live.length / this.options.latentSampleSize);
    const sample = [];
    for (let i = 0; i < live.length; i += step)
      sample.push(latentInput(records[live[Math.floor(i)]!]!, table, live.length));
    this.model = fitLsa(sample, table.size, {
      dims: this.options.latentDims,
      sigmaPower: this.options.latentSigmaPower,
      seed: this.options.latentSeed,
    });
    this.rows = new RowStore(this.model.dims);
    for (const slot of live) this.store(slot, records[slot]!, table, live.length);
  }

  /** Folds a story in and keeps its row (no-op before a fit). */
  store(slot: number, record: StoryRecord, table: TermTable, stories: number): void {
    if (!this.model || !this.rows) return;
    foldIn(this.model, latentInput(record, table, stories), this.rows.row(slot));
    if (slot >= this.present.length) {
      const grown = new Uint8Array(Math.max(slot + 1, this.present.length * 2));
      grown.set(this.present);
      this.present = grown;
    }
    this.present[slot] = 1;
  }

  /** The latent row of a stored story, or null. */
  row(slot: number): Float32Array | null {
    if (!this.rows || slot < 0 || this.present[slot] !== 1) return null;
    return this.rows.row(slot);
  }

  has(slot: number): boolean {
    return this.rows !== null && slot >= 0 && this.present[slot] === 1;
  }

  /** Dot product of a stored row with a vector (both unit length: their cosine), without a view per call. */
  dot(slot: number, vector: Float32Array): number {
    return this.rows ? this.rows.dot(slot, vector) : 0;
  }

  /** The latent vector of a story that is not stored, or null before a fit. */
  vectorOf(record: StoryRecord, table: TermTable, stories: number): Float32Array | null {
    return this.model ? foldIn(this.model, latentInput(record, table, stories)) : null;
  }

  exportModel(table: TermTable): ExportedLatentModel | null {
    if (!this.model) return null;
    const { dims, termRows, termMatrix } = this.model;
    const terms: string[] = new Array(termMatrix.length / dims);
    termRows.forEach((row, term) => {
      if (row >= 0) terms[row] = table.name(term);
    });
    return { dims, terms, matrix: termMatrix };
  }

  /** Installs a saved model; call before importing stories so that they are folded in with it. */
  importModel(saved: ExportedLatentModel, table: TermTable): void {
    const numbers = saved.terms.map((term) => table.intern(term));
    const termRows = new Int32Array(table.size).fill(-1);
    numbers.forEach((term, row) => {
      termRows[term] = row;
    });
    this.model = { dims: saved.dims, termRows, termMatrix: saved.matrix };
    this.rows = new RowStore(saved.dims);
    this.present.fill(0);
  }
}
