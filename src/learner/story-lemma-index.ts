/**
 * Every story's lemmas with their running-word counts, in memory, so a learner's 为我推荐 is a
 * pass over compact arrays instead of a scan of every story's tokens. Lemmas are interned to
 * numbers; a learner's known lemmas become one flag array.
 *
 * Stored as postings, lemma → the stories using it (with counts), so a learner's figures for
 * every story are summed from the postings of the *smaller* side: the lemmas they know, or the
 * lemmas they do not (known words = running words − unknown words). A learner with 30,000 known
 * lemmas reads only the postings of the rarer lemmas they do not know, a small part of the index;
 * a beginner reads the few they know. Stories added after the postings were built wait in a small
 * per-story list, scanned directly, until `seal()` turns them into a segment of postings of their
 * own, at a cost in proportion to those stories only (a few ms), never rebuilding the archive's
 * postings (half a second at 100,000 stories): the postings are a list of segments, each over a
 * range of story numbers, the first the archive's as loaded. `compact()` builds one segment of
 * everything (when loading, and for `export`).
 * Pure: `for-me.ts` fills it from the stored analyses (or takes an `IndexExport` made elsewhere).
 */

import { indexOf, insertNewestFirst, newestFirst } from './story-order.js';

/** A story's figures for one learner. */
export interface StoryFit {
  id: number;
  /** Known or ignored running words / running words, 0–1 (1 for a story without words). */
  knownShare: number;
  /** Distinct lemmas the learner does not know (no status, unknown or learning). */
  unknownLemmas: number;
}

/** The index as plain arrays, to move it between threads (the typed arrays can be transferred). */
export interface IndexExport {
  /** Lemma strings by their number. */
  lemmas: string[];
  /** Per story number: id, sort key, running words, distinct lemmas. */
  ids: Float64Array;
  sortKeys: string[];
  running: Uint32Array;
  distinct: Uint32Array;
  /** Lemma l's postings are [postStarts[l], postStarts[l + 1]). */
  postStarts: Uint32Array;
  postStories: Uint32Array;
  postCounts: Uint16Array;
}

/** A learner's known words and lemmas per story (see `knownTotals`). */
export interface KnownTotals {
  generation: number;
  /** Per story number: known running words. */
  words: Uint32Array;
  /** Per story number: known distinct lemmas. */
  lemmas: Uint32Array;
}

/** A story added since the postings were built. */
interface PendingStory {
  lemmas: Int32Array;
  counts: Uint16Array;
}

/**
 * Postings of stories numbered [from, to): lemma `lemmas[i]` (ascending) has the postings
 * [starts[i], starts[i + 1]) of `stories` (story numbers) and `counts` (running words).
 */
interface Segment {
  from: number;
  to: number;
  lemmas: Uint32Array;
  starts: Uint32Array;
  stories: Uint32Array;
  counts: Uint16Array;
}

/** Segments after the first that make `seal` merge them into one. */
const MAX_SEGMENTS = 8;

export class StoryLemmaIndex {
  private readonly lemmaIds = new Map<string, number>();
  private lemmaNames: string[] = [];
  // Per story number (in the order added).
  private ids: number[] = [];
  private sortKeys: string[] = [];
  private running: number[] = [];
  private distinct: number[] = [];
  private alive: boolean[] = [];
  private readonly byId = new Map<number, number>();
  private live = 0;
  // Postings of the stories numbered below `based`, in segments by story number.
  private based = 0;
  private segments: Segment[] = [];
  private readonly pending = new Map<number, PendingStory>();
  /** Moves with every compact or seal: totals made before it are stale. */
  private generation = 0;
  /** Live story numbers, newest first; null when it must be sorted again. */
  private order: number[] | null = [];

  get size(): number {
    return this.live;
  }

  /** Distinct lemmas indexed. */
  get lemmaCount(): number {
    return this.lemmaIds.size;
  }

  /** A lemma's number; undefined when no story indexed uses it. */
  lemmaId(lemma: string): number | undefined {
    return this.lemmaIds.get(lemma);
  }

  /** Stories added since the last `seal` or `compact`, scanned one by one on every list. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Segments of postings (tests and benchmarks). */
  get segmentCount(): number {
    return this.segments.length;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** Adds (or replaces) a story from its running words' lemmas (names and numbers already left out). */
  add(id: number, sortKey: string, runningLemmas: Iterable<string>): void {
    const counts = new Map<number, number>();
    let running = 0;
    for (const lemma of runningLemmas) {
      let lemmaId = this.lemmaIds.get(lemma);
      if (lemmaId === undefined) {
        lemmaId = this.lemmaIds.size;
        this.lemmaIds.set(lemma, lemmaId);
        this.lemmaNames.push(lemma);
      }
      counts.set(lemmaId, (counts.get(lemmaId) ?? 0) + 1);
      running++;
    }
    this.remove(id);
    const n = this.ids.length;
    this.ids.push(id);
    this.sortKeys.push(sortKey);
    this.running.push(running);
    this.distinct.push(counts.size);
    this.alive.push(true);
    this.byId.set(id, n);
    this.live++;
    this.pending.set(n, {
      lemmas: Int32Array.from(counts.keys()),
      counts: Uint16Array.from(counts.values(), (c) => Math.min(c, 65_535)),
    });
    if (this.order) insertNewestFirst(this.order, n, this.sortKeys, this.ids);
  }

  remove(id: number): void {
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.byId.delete(id);
    this.alive[n] = false;
    this.pending.delete(n);
    this.live--;
    if (this.order) {
      const at = this.order.indexOf(n);
      if (at >= 0) this.order.splice(at, 1);
    }
  }

  /** Builds one segment of postings of every story (pending ones included; removed ones left out). */
  compact(): void {
    this.segments = [this.merge(this.segments, true)];
    this.based = this.ids.length;
    this.pending.clear();
    this.generation++;
  }

  /**
   * Turns the pending stories into a segment of their own (merging the later segments into one
   * when there are many), without touching the first segment: what the web thread does as
   * stories arrive, in a few ms where `compact` would take half a second at 100,000 stories.
   */
  seal(): void {
    if (this.pending.size === 0) return;
    this.segments.push(this.merge([], false));
    this.pending.clear();
    if (this.segments.length > MAX_SEGMENTS + 1) {
      this.segments = [this.segments[0]!, this.merge(this.segments.slice(1), false)];
    }
    this.based = this.ids.length;
    this.generation++;
  }

  /**
   * One segment of `from`'s postings of live stories and the pending stories' (those numbered
   * after every segment), over every lemma number when `dense` (else only the lemmas used).
   */
  private merge(from: readonly Segment[], dense: boolean): Segment {
    const lemmaCount = this.lemmaIds.size;
    const lengths = new Uint32Array(lemmaCount);
    for (const seg of from) {
      for (let i = 0; i < seg.lemmas.length; i++) {
        for (let j = seg.starts[i]!; j < seg.starts[i + 1]!; j++) {
          if (this.alive[seg.stories[j]!]) lengths[seg.lemmas[i]!]!++;
        }
      }
    }
    for (const p of this.pending.values()) for (const l of p.lemmas) lengths[l]!++;
    let used = 0;
    for (let l = 0; l < lemmaCount; l++) if (dense || lengths[l]! > 0) used++;
    const lemmas = new Uint32Array(used);
    const starts = new Uint32Array(used + 1);
    // Where each lemma's postings go next (a lemma's slot among `lemmas` by its number).
    const fill = new Uint32Array(lemmaCount);
    let at = 0;
    let total = 0;
    for (let l = 0; l < lemmaCount; l++) {
      if (!dense && lengths[l] === 0) continue;
      lemmas[at] = l;
      starts[at] = total;
      fill[l] = total;
      total += lengths[l]!;
      at++;
    }
    starts[used] = total;
    const stories = new Uint32Array(total);
    const counts = new Uint16Array(total);
    for (const seg of from) {
      for (let i = 0; i < seg.lemmas.length; i++) {
        const l = seg.lemmas[i]!;
        for (let j = seg.starts[i]!; j < seg.starts[i + 1]!; j++) {
          const s = seg.stories[j]!;
          if (!this.alive[s]) continue;
          const k = fill[l]!++;
          stories[k] = s;
          counts[k] = seg.counts[j]!;
        }
      }
    }
    for (const [s, p] of this.pending) {
      for (let j = 0; j < p.lemmas.length; j++) {
        const k = fill[p.lemmas[j]!]!++;
        stories[k] = s;
        counts[k] = p.counts[j]!;
      }
    }
    const first = from[0]?.from ?? this.based;
    return { from: first, to: this.ids.length, lemmas, starts, stories, counts };
  }

  /** The index as arrays (compacted first, removed stories left out), for `fromExport` in another thread. */
  export(): IndexExport {
    this.compact();
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const keep: number[] = [];
    for (let s = 0; s < this.ids.length; s++) {
      if (!this.alive[s]) continue;
      renumber[s] = keep.length;
      keep.push(s);
    }
    // compact() made one dense segment with no removed story in it.
    const seg = this.segments[0]!;
    return {
      lemmas: [...this.lemmaNames],
      ids: Float64Array.from(keep, (s) => this.ids[s]!),
      sortKeys: keep.map((s) => this.sortKeys[s]!),
      running: Uint32Array.from(keep, (s) => this.running[s]!),
      distinct: Uint32Array.from(keep, (s) => this.distinct[s]!),
      postStarts: seg.starts.slice(),
      postStories: seg.stories.map((s) => renumber[s]!),
      postCounts: seg.counts.slice(),
    };
  }

  /** Transferable buffers of an export (postMessage's transfer list). */
  static transferables(data: IndexExport): ArrayBuffer[] {
    return [data.ids, data.running, data.distinct, data.postStarts, data.postStories, data.postCounts].map(
      (a) => a.buffer as ArrayBuffer,
    );
  }

  static fromExport(data: IndexExport): StoryLemmaIndex {
    const index = new StoryLemmaIndex();
    for (const [l, lemma] of data.lemmas.entries()) index.lemmaIds.set(lemma, l);
    index.lemmaNames = data.lemmas;
    index.ids = Array.from(data.ids);
    index.sortKeys = data.sortKeys;
    index.running = Array.from(data.running);
    index.distinct = Array.from(data.distinct);
    index.alive = index.ids.map(() => true);
    for (const [n, id] of index.ids.entries()) index.byId.set(id, n);
    index.live = index.ids.length;
    const lemmaCount = data.postStarts.length - 1;
    index.segments = [
      {
        from: 0,
        to: index.ids.length,
        lemmas: Uint32Array.from({ length: lemmaCount }, (_, l) => l),
        starts: data.postStarts,
        stories: data.postStories,
        counts: data.postCounts,
      },
    ];
    index.based = index.ids.length;
    index.order = null;
    index.generation = 1;
    return index;
  }

  /** The learner's known (or ignored) lemmas as flags over the index's lemma numbers. */
  knownFlags(known: Iterable<string>): Uint8Array {
    const flags = new Uint8Array(this.lemmaIds.size);
    for (const lemma of known) {
      const id = this.lemmaIds.get(lemma);
      if (id !== undefined) flags[id] = 1;
    }
    return flags;
  }

  /**
   * Per story with postings, the learner's known running words and known distinct lemmas, summed
   * from the postings of the smaller side: the lemmas in `known` or those not in it. Lemmas
   * numbered past `known`'s length count as not known. Kept by the caller and brought up to date
   * with `applyChange` while `isCurrent` says so.
   */
  knownTotals(known: Uint8Array): KnownTotals {
    const n = this.based;
    const words = new Uint32Array(n);
    const lemmas = new Uint32Array(n);
    for (const seg of this.segments) {
      const { starts, stories, counts } = seg;
      let knownPostings = 0;
      for (let i = 0; i < seg.lemmas.length; i++)
        if (known[seg.lemmas[i]!] === 1) knownPostings += starts[i + 1]! - starts[i]!;
      const fromKnown = knownPostings <= stories.length - knownPostings;
      for (let i = 0; i < seg.lemmas.length; i++) {
        if ((known[seg.lemmas[i]!] === 1) !== fromKnown) continue;
        for (let j = starts[i]!; j < starts[i + 1]!; j++) {
          const s = stories[j]!;
          words[s]! += counts[j]!;
          lemmas[s]!++;
        }
      }
      if (!fromKnown) {
        for (let s = seg.from; s < seg.to; s++) {
          words[s] = this.running[s]! - words[s]!;
          lemmas[s] = this.distinct[s]! - lemmas[s]!;
        }
      }
    }
    return { generation: this.generation, words, lemmas };
  }

  /** Whether `totals` still fit this index (no compact or seal since they were made). */
  isCurrent(totals: KnownTotals): boolean {
    return totals.generation === this.generation;
  }

  /** Updates `totals` for lemma `lemmaId` becoming known (or no longer known): its postings only. */
  applyChange(totals: KnownTotals, lemmaId: number, known: boolean): void {
    if (!this.isCurrent(totals)) return;
    const sign = known ? 1 : -1;
    for (const seg of this.segments) {
      const i = indexOf(seg.lemmas, lemmaId);
      if (i < 0) continue;
      for (let j = seg.starts[i]!; j < seg.starts[i + 1]!; j++) {
        const s = seg.stories[j]!;
        totals.words[s]! += sign * seg.counts[j]!;
        totals.lemmas[s]! += sign;
      }
    }
  }

  /**
   * The newest stories whose known share is within [min, max], at most `limit`, after skipping
   * the first `offset` that fit. `totals` (current, from the same `known`) saves summing them.
   */
  newestInRange(
    known: Uint8Array,
    min: number,
    max: number,
    limit: number,
    offset = 0,
    totals?: KnownTotals,
  ): StoryFit[] {
    if (!this.order) this.order = newestFirst(this.ids, this.sortKeys, this.alive);
    const order = this.order;
    const { words, lemmas } = totals && this.isCurrent(totals) ? totals : this.knownTotals(known);
    const n = this.based;
    const out: StoryFit[] = [];
    let skipped = 0;
    for (const s of order) {
      let knownWords: number;
      let unknownLemmas: number;
      const p = s >= n ? this.pending.get(s) : undefined;
      if (p) {
        knownWords = 0;
        unknownLemmas = 0;
        for (let j = 0; j < p.lemmas.length; j++) {
          if (known[p.lemmas[j]!] === 1) knownWords += p.counts[j]!;
          else unknownLemmas++;
        }
      } else {
        knownWords = words[s]!;
        unknownLemmas = this.distinct[s]! - lemmas[s]!;
      }
      const running = this.running[s]!;
      const knownShare = running === 0 ? 1 : knownWords / running;
      if (knownShare < min || knownShare > max) continue;
      if (skipped++ < offset) continue;
      out.push({ id: this.ids[s]!, knownShare, unknownLemmas });
      if (out.length >= limit) break;
    }
    return out;
  }
}
