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
 * per-story list, scanned directly, until the next `compact()`.
 * Pure: `for-me.ts` fills it from the stored analyses (or takes an `IndexExport` made elsewhere).
 */

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

/** Pending stories that make the next query rebuild the postings first. */
const COMPACT_AT = 2000;

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
  // Postings of the stories numbered below `based`.
  private based = 0;
  private postStarts: Uint32Array = new Uint32Array(1);
  private postStories: Uint32Array = new Uint32Array(0);
  private postCounts: Uint16Array = new Uint16Array(0);
  private readonly pending = new Map<number, PendingStory>();
  /** Moves with every compact: totals made before it are stale. */
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

  /** Builds the postings of every story (pending ones included; removed ones left out). */
  compact(): void {
    const lemmaCount = this.lemmaIds.size;
    const lengths = new Uint32Array(lemmaCount + 1);
    const total =
      this.postStories.length + [...this.pending.values()].reduce((n, p) => n + p.lemmas.length, 0);
    const stories = new Uint32Array(total);
    const counts = new Uint16Array(total);
    // Count each lemma's postings: the old ones of live stories, then the pending stories'.
    const oldLemmas = this.postStarts.length - 1;
    for (let l = 0; l < oldLemmas; l++) {
      for (let i = this.postStarts[l]!; i < this.postStarts[l + 1]!; i++) {
        if (this.alive[this.postStories[i]!]) lengths[l + 1]!++;
      }
    }
    for (const p of this.pending.values()) for (const l of p.lemmas) lengths[l + 1]!++;
    for (let l = 0; l < lemmaCount; l++) lengths[l + 1]! += lengths[l]!;
    const starts = lengths;
    const fill = starts.slice(0, lemmaCount);
    for (let l = 0; l < oldLemmas; l++) {
      for (let i = this.postStarts[l]!; i < this.postStarts[l + 1]!; i++) {
        const s = this.postStories[i]!;
        if (!this.alive[s]) continue;
        const at = fill[l]!++;
        stories[at] = s;
        counts[at] = this.postCounts[i]!;
      }
    }
    for (const [s, p] of this.pending) {
      for (let j = 0; j < p.lemmas.length; j++) {
        const at = fill[p.lemmas[j]!]!++;
        stories[at] = s;
        counts[at] = p.counts[j]!;
      }
    }
    const used = starts[lemmaCount]!;
    this.postStarts = starts;
    this.postStories = used === total ? stories : stories.slice(0, used);
    this.postCounts = used === total ? counts : counts.slice(0, used);
    this.based = this.ids.length;
    this.pending.clear();
    this.generation++;
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
    return {
      lemmas: [...this.lemmaNames],
      ids: Float64Array.from(keep, (s) => this.ids[s]!),
      sortKeys: keep.map((s) => this.sortKeys[s]!),
      running: Uint32Array.from(keep, (s) => this.running[s]!),
      distinct: Uint32Array.from(keep, (s) => this.distinct[s]!),
      postStarts: this.postStarts.slice(),
      // compact() left no removed story in the postings.
      postStories: this.postStories.map((s) => renumber[s]!),
      postCounts: this.postCounts.slice(),
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
    index.postStarts = data.postStarts;
    index.postStories = data.postStories;
    index.postCounts = data.postCounts;
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
    const { postStarts, postStories, postCounts } = this;
    const n = this.based;
    const words = new Uint32Array(n);
    const lemmas = new Uint32Array(n);
    const lemmaCount = postStarts.length - 1;
    let knownPostings = 0;
    for (let l = 0; l < lemmaCount; l++)
      if (known[l] === 1) knownPostings += postStarts[l + 1]! - postStarts[l]!;
    const fromKnown = knownPostings <= postStories.length - knownPostings;
    for (let l = 0; l < lemmaCount; l++) {
      if ((known[l] === 1) !== fromKnown) continue;
      for (let i = postStarts[l]!; i < postStarts[l + 1]!; i++) {
        const s = postStories[i]!;
        words[s]! += postCounts[i]!;
        lemmas[s]!++;
      }
    }
    if (!fromKnown) {
      for (let s = 0; s < n; s++) {
        words[s] = this.running[s]! - words[s]!;
        lemmas[s] = this.distinct[s]! - lemmas[s]!;
      }
    }
    return { generation: this.generation, words, lemmas };
  }

  /** Whether `totals` still fit this index (no compact since they were made). */
  isCurrent(totals: KnownTotals): boolean {
    return totals.generation === this.generation;
  }

  /** Updates `totals` for lemma `lemmaId` becoming known (or no longer known): its postings only. */
  applyChange(totals: KnownTotals, lemmaId: number, known: boolean): void {
    if (!this.isCurrent(totals) || lemmaId + 1 >= this.postStarts.length) return;
    const sign = known ? 1 : -1;
    for (let i = this.postStarts[lemmaId]!; i < this.postStarts[lemmaId + 1]!; i++) {
      const s = this.postStories[i]!;
      totals.words[s]! += sign * this.postCounts[i]!;
      totals.lemmas[s]! += sign;
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
    if (this.pending.size >= COMPACT_AT) this.compact();
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

/** Story numbers, newest first (by sort key, then by id). */
function newestFirst(
  ids: readonly number[],
  sortKeys: readonly string[],
  alive: readonly boolean[],
): number[] {
  const order: number[] = [];
  for (let s = 0; s < ids.length; s++) if (alive[s]) order.push(s);
  return order.sort((a, b) => compareNewest(a, b, sortKeys, ids));
}

function compareNewest(a: number, b: number, sortKeys: readonly string[], ids: readonly number[]): number {
  const ka = sortKeys[a]!;
  const kb = sortKeys[b]!;
  return ka < kb ? 1 : ka > kb ? -1 : ids[b]! - ids[a]!;
}

/** Puts story `s` into `order` (newest first) where it belongs. */
function insertNewestFirst(
  order: number[],
  s: number,
  sortKeys: readonly string[],
  ids: readonly number[],
): void {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNewest(order[mid]!, s, sortKeys, ids) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.splice(lo, 0, s);
}
