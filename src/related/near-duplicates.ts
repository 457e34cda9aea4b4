/**
 * Near-duplicate wire stories: the same story republished with small edits (a corrected figure, a
 * new headline, an extra closing paragraph).
 *
 * A story is sketched by a MinHash signature over its 5-word shingles (lower-case words in order,
 * stop words and numbers kept, since a changed figure is exactly what tells two editions of a weekly
 * report apart). 128 hash functions give a Jaccard estimate with a standard error of at most 0.044.
 *
 * Threshold, chosen on Reuters-21578 (`bench/related-quality.ts` prints the distribution): among
 * each story's five most similar stories, shingle Jaccard is bimodal, most pairs below 0.15 and a
 * second mode at 0.75–1.0. Pairs from 0.5 up were, on reading, the same story (a `CORRECTED -`
 * edition, a re-headlined copy, a table with one added note); pairs from 0.3 to 0.45 were mostly
 * formula stories on different days ("U.K. money market deficit forecast at 800 mln stg") with
 * other figures, which a reader may still want to see. A longer edition that wholly contains a
 * shorter one (a story re-sent with added paragraphs) has a low Jaccard but a high containment, so
 * containment of the shorter in the longer ≥ 0.8 (estimated from Jaccard and the shingle counts)
 * also counts, when the two share at least a quarter of their union.
 *
 * There are no LSH bucket tables: near-duplicates of a story are by construction among its top
 * lexical neighbours, which the engine computes anyway, and LSH tables for a 100k archive would
 * take more memory than the term vectors. The engine checks signatures of its ranked candidates.
 */

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** Hash functions (signature length). */
export const SIGNATURE_SIZE = 128;
/** Estimated shingle Jaccard at or above which two stories are near-duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.5;
/** Estimated containment of the shorter story in the longer at or above which they are near-duplicates. */
export const NEAR_DUPLICATE_CONTAINMENT = 0.8;
/** Least estimated Jaccard for the containment rule (so that a one-line story is not "inside" everything). */
export const CONTAINMENT_MIN_JACCARD = 0.25;

/** What the engine keeps of a story to recognise its near-duplicates. */
export interface DuplicateSketch {
  /** MinHash signature, `SIGNATURE_SIZE` values. */
  signature: Uint32Array;
  /** Number of distinct shingles (for the containment estimate). */
  shingleCount: number;
}

function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3 fmix32): turns one hash into an independent-looking one per seed. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** Distinct shingle hashes of a word sequence; a text shorter than one shingle is one shingle. */
export function shingleHashes(words: readonly string[]): Uint32Array {
  const wordHashes = words.map(hashWord);
  const set = new Set<number>();
  const span = Math.min(SHINGLE_WORDS, wordHashes.length);
  for (let i = 0; i + span <= wordHashes.length; i++) {
    let h = 0x2545f491;
    for (let j = 0; j < span; j++) h = mix((h ^ wordHashes[i + j]!) + j);
    set.add(h);
  }
  return Uint32Array.from(set);
}

/** Sketches a story from its words (see `AnalyzedStory.words`). */
export function sketch(words: readonly string[]): DuplicateSketch {
  const shingles = shingleHashes(words);
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix(shingle ^ SEEDS[i]!);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return { signature, shingleCount: shingles.length };
}

/** Estimated shingle Jaccard of two stories (share of equal signature positions), 0–1. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

/** Estimated share of the shorter story's shingles that the longer one also has, 0–1. */
export function containment(
  a: DuplicateSketch,
  b: DuplicateSketch,
  jaccard = similarity(a.signature, b.signature),
) {
  const smaller = Math.min(a.shingleCount, b.shingleCount);
  if (smaller === 0) return 0;
  // |A ∩ B| = J · |A ∪ B| and |A ∪ B| = (|A| + |B|) / (1 + J).
  return Math.min(1, (jaccard * (a.shingleCount + b.shingleCount)) / (1 + jaccard) / smaller);
}

/** Whether two stories are near-duplicates under the documented thresholds. */
export function isNearDuplicate(a: DuplicateSketch, b: DuplicateSketch): boolean {
  const jaccard = similarity(a.signature, b.signature);
  if (jaccard >= NEAR_DUPLICATE_JACCARD) return true;
  return jaccard >= CONTAINMENT_MIN_JACCARD && containment(a, b, jaccard) >= NEAR_DUPLICATE_CONTAINMENT;
}
