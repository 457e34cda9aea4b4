/**
 * Stories' term counts as integer ids over one term table, so cross-validation can fit a
 * vocabulary and TF-IDF vectors for every fold without hashing a string again (with word pairs a
 * thousand stories have some 300,000 distinct terms). `fitVocabulary` and `tfidf` in `features.ts`
 * are the same rules over strings, for the final model and for classifying a new story.
 */
/** A sparse vector: parallel arrays of feature index (ascending) and value. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface EncodedDocs {
  /** Every term of every story, by id. */
  terms: string[];
  /** Each story's distinct terms (ids) and their counts. */
  docs: Array<{ ids: Int32Array; tfs: Float32Array }>;
}

export function encodeCounts(counts: readonly Map<string, number>[]): EncodedDocs {
  const idOf = new Map<string, number>();
  const terms: string[] = [];
  const docs = counts.map((doc) => {
    const pairs = new Float64Array(doc.size * 2);
    let k = 0;
    for (const [term, tf] of doc) {
      let id = idOf.get(term);
      if (id === undefined) {
        id = terms.length;
        idOf.set(term, id);
        terms.push(term);
      }
      pairs[k++] = id;
      pairs[k++] = tf;
    }
    // Ids ascending: a vocabulary keeps ids in order, so each fold's vectors come out sorted.
    const order = Array.from({ length: doc.size }, (_, i) => i).sort(
      (a, b) => (pairs[2 * a] as number) - (pairs[2 * b] as number),
    );
    return {
      ids: Int32Array.from(order, (i) => pairs[2 * i] as number),
      tfs: Float32Array.from(order, (i) => pairs[2 * i + 1] as number),
    };
  });
  return { terms, docs };
}

/** A vocabulary fitted on some of the encoded stories. */
export interface EncodedVocabulary {
  /** Term id → feature index (ascending with the id), −1 for terms left out. */
  local: Int32Array;
  /** The kept terms in feature order, and their idf. */
  terms: string[];
  idf: Float32Array;
}

/**
 * The vocabulary of stories `rows`: terms in at least `minDf` of them, at most `maxTerms` (the most
 * frequent; ties by first appearance), in order of first appearance; smoothed idf =
 * ln((1 + n) / (1 + df)) + 1.
 */
export function fitEncodedVocabulary(
  encoded: EncodedDocs,
  rows: readonly number[],
  minDf: number,
  maxTerms: number,
): EncodedVocabulary {
  const df = new Int32Array(encoded.terms.length);
  for (const r of rows)
    for (const id of (encoded.docs[r] as EncodedDocs['docs'][number]).ids) df[id] = (df[id] as number) + 1;
  let kept: number[] = [];
  df.forEach((n, id) => {
    if (n >= minDf) kept.push(id);
  });
  if (kept.length > maxTerms) {
    kept.sort((a, b) => (df[b] as number) - (df[a] as number) || a - b);
    kept = kept.slice(0, maxTerms).sort((a, b) => a - b);
  }
  const local = new Int32Array(encoded.terms.length).fill(-1);
  const idf = new Float32Array(kept.length);
  kept.forEach((id, i) => {
    local[id] = i;
    idf[i] = Math.log((1 + rows.length) / (1 + (df[id] as number))) + 1;
  });
  return { local, terms: kept.map((id) => encoded.terms[id] as string), idf };
}

/** Encoded story `row`'s unit-length TF-IDF vector, sublinear tf: (1 + ln tf) × idf. */
export function encodedTfidf(encoded: EncodedDocs, row: number, vocabulary: EncodedVocabulary): SparseVector {
  const doc = encoded.docs[row] as EncodedDocs['docs'][number];
  const index = new Int32Array(doc.ids.length);
  const value = new Float32Array(doc.ids.length);
  let n = 0;
  doc.ids.forEach((id, k) => {
    const i = vocabulary.local[id] as number;
    if (i < 0) return;
    index[n] = i;
    value[n++] = (1 + Math.log(doc.tfs[k] as number)) * (vocabulary.idf[i] as number);
  });
  return normalised(index.subarray(0, n), value.subarray(0, n));
}

/** The sparse vector of features `found` (any order) with term frequencies `tfs`, weighted and unit length. */
export function unitVector(
  found: readonly number[],
  tfs: readonly number[],
  idf: Float32Array,
): SparseVector {
  const order = Array.from(found, (_, k) => k).sort((a, b) => (found[a] as number) - (found[b] as number));
  return normalised(
    Int32Array.from(order, (k) => found[k] as number),
    Float32Array.from(order, (k) => (1 + Math.log(tfs[k] as number)) * (idf[found[k] as number] as number)),
  );
}

function normalised(index: Int32Array, value: Float32Array): SparseVector {
  let norm = 0;
  for (const v of value) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < value.length; j++) value[j] = (value[j] as number) / norm;
  return { index, value };
}
