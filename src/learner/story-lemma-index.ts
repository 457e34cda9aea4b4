/**
 * Every story's lemmas with their running-word counts, in memory, newest story first, so a
 * learner's "stories for me" is one pass over compact arrays instead of a scan of every story's
 * tokens. Lemmas are interned to numbers; a learner's known lemmas become one flag array, and a
 * story's known share is a sum over its distinct lemmas (about 200 for a news story).
 * Pure: `for-me.ts` fills it from the stored analyses.
 */

/** A story's lemmas as the index keeps them. */
interface IndexedStory {
  id: number;
  /** Newest first by this (ISO date), then by id. */
  sortKey: string;
  lemmas: Int32Array;
  counts: Uint16Array;
  /** Running words counted (names and numbers left out). */
  running: number;
}

/** A story's figures for one learner. */
export interface StoryFit {
  id: number;
  /** Known or ignored running words / running words, 0–1 (1 for a story without words). */
  knownShare: number;
  /** Distinct lemmas the learner does not know (no status, unknown or learning). */
  unknownLemmas: number;
}

const newerFirst = (a: { sortKey: string; id: number }, b: { sortKey: string; id: number }) =>
  a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : b.id - a.id;

export class StoryLemmaIndex {
  private readonly lemmaIds = new Map<string, number>();
  private stories: IndexedStory[] = [];
  private readonly byId = new Map<number, IndexedStory>();
  /**
   * Every story's lemmas and counts end to end, newest story first, for the scan: one contiguous
   * pass is several times faster than 100,000 small arrays. Rebuilt on the first scan after a
   * change (the stories' own arrays then become views into it, so memory is not doubled).
   */
  private flat: {
    lemmas: Int32Array;
    counts: Uint16Array;
    /** Story s's entries are [starts[s], starts[s + 1]). */
    starts: Uint32Array;
    running: Uint32Array;
    ids: Float64Array;
  } | null = null;

  get size(): number {
    return this.stories.length;
  }

  /** Distinct lemmas indexed. */
  get lemmaCount(): number {
    return this.lemmaIds.size;
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
      }
      counts.set(lemmaId, (counts.get(lemmaId) ?? 0) + 1);
      running++;
    }
    const story: IndexedStory = {
      id,
      sortKey,
      lemmas: Int32Array.from(counts.keys()),
      counts: Uint16Array.from(counts.values(), (n) => Math.min(n, 65_535)),
      running,
    };
    if (this.byId.has(id)) this.remove(id);
    this.byId.set(id, story);
    this.stories.push(story);
    this.flat = null;
  }

  remove(id: number): void {
    if (!this.byId.delete(id)) return;
    this.stories = this.stories.filter((s) => s.id !== id);
    this.flat = null;
  }

  private compact(): NonNullable<StoryLemmaIndex['flat']> {
    this.stories.sort(newerFirst);
    let total = 0;
    for (const story of this.stories) total += story.lemmas.length;
    const n = this.stories.length;
    const flat = {
      lemmas: new Int32Array(total),
      counts: new Uint16Array(total),
      starts: new Uint32Array(n + 1),
      running: new Uint32Array(n),
      ids: new Float64Array(n),
    };
    let at = 0;
    this.stories.forEach((story, s) => {
      const length = story.lemmas.length;
      flat.lemmas.set(story.lemmas, at);
      flat.counts.set(story.counts, at);
      story.lemmas = flat.lemmas.subarray(at, at + length);
      story.counts = flat.counts.subarray(at, at + length);
      flat.starts[s] = at;
      flat.running[s] = story.running;
      flat.ids[s] = story.id;
      at += length;
    });
    flat.starts[n] = at;
    this.flat = flat;
    return flat;
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

  /** The figures of one story; null when it is not indexed. */
  fit(id: number, known: Uint8Array): StoryFit | null {
    const story = this.byId.get(id);
    return story ? fitOf(story, known) : null;
  }

  /**
   * The newest stories whose known share is within [min, max], at most `limit`, after skipping
   * the first `offset` that fit.
   */
  newestInRange(known: Uint8Array, min: number, max: number, limit: number, offset = 0): StoryFit[] {
    const { lemmas, counts, starts, running, ids } = this.flat ?? this.compact();
    const out: StoryFit[] = [];
    let skipped = 0;
    for (let s = 0; s < ids.length; s++) {
      let knownWords = 0;
      let unknownLemmas = 0;
      const end = starts[s + 1]!;
      for (let i = starts[s]!; i < end; i++) {
        if (known[lemmas[i]!] === 1) knownWords += counts[i]!;
        else unknownLemmas++;
      }
      const words = running[s]!;
      const knownShare = words === 0 ? 1 : knownWords / words;
      if (knownShare < min || knownShare > max) continue;
      if (skipped++ < offset) continue;
      out.push({ id: ids[s]!, knownShare, unknownLemmas });
      if (out.length >= limit) break;
    }
    return out;
  }
}

function fitOf(story: IndexedStory, known: Uint8Array): StoryFit {
  let knownWords = 0;
  let unknownLemmas = 0;
  const { lemmas, counts } = story;
  for (let i = 0; i < lemmas.length; i++) {
    if (known[lemmas[i]!] === 1) knownWords += counts[i]!;
    else unknownLemmas++;
  }
  return { id: story.id, knownShare: story.running === 0 ? 1 : knownWords / story.running, unknownLemmas };
}
