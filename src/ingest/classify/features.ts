/**
 * Text → sparse TF-IDF vectors for the section classifier: lower-cased word tokens (stop words and
 * one-letter tokens dropped, numbers kept: "£", "bn" and figures say "business"), the title counted
 * twice (a headline is the densest statement of a story's subject), sublinear term frequency
 * (1 + ln tf), smoothed inverse document frequency and unit length. The vocabulary is fitted on the
 * training stories only and keeps terms seen in at least `minDf` of them.
 */
import { STOP_WORDS } from '../../text/stop-words.js';

/** A sparse vector: parallel arrays of feature index (ascending) and value. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** One story as the classifier reads it. */
export interface ClassifierText {
  title: string;
  paragraphs: readonly string[];
}

const WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;

/** Lower-cased tokens of a text, stop words and one-letter words dropped, `'s` cut. */
export function classifierTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const token = match[0].replace(/['’]s$/, '').replace(/['’]/g, '');
    if (token.length < 2 || STOP_WORDS.has(token)) continue;
    out.push(token);
  }
  return out;
}

/** A story's term counts: title tokens twice, then the body's. */
export function termCounts(story: ClassifierText): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (token: string, by: number) => counts.set(token, (counts.get(token) ?? 0) + by);
  for (const token of classifierTokens(story.title)) add(token, 2);
  for (const paragraph of story.paragraphs) for (const token of classifierTokens(paragraph)) add(token, 1);
  return counts;
}

/** The fitted vocabulary: term → index, and each term's idf. */
export interface Vocabulary {
  terms: string[];
  idf: Float32Array;
  /** Built on demand from `terms`. */
  indexOf: Map<string, number>;
}

/**
 * Fits the vocabulary on training documents' term counts: terms in at least `minDf` documents, at
 * most `maxTerms` of them (the most frequent), so a large archive's model stays a few megabytes.
 */
export function fitVocabulary(
  docs: readonly Map<string, number>[],
  minDf = 2,
  maxTerms = 30_000,
): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  let kept = [...df].filter(([, n]) => n >= minDf);
  if (kept.length > maxTerms) {
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    kept = kept.slice(0, maxTerms);
  }
  const terms = kept.map(([term]) => term);
  terms.sort();
  const idf = new Float32Array(terms.length);
  terms.forEach((term, i) => {
    idf[i] = Math.log((1 + docs.length) / (1 + (df.get(term) as number))) + 1;
  });
  return vocabularyOf(terms, idf);
}

export function vocabularyOf(terms: string[], idf: Float32Array): Vocabulary {
  return { terms, idf, indexOf: new Map(terms.map((term, i) => [term, i])) };
}

/** A document's unit-length TF-IDF vector over `vocabulary` (terms outside it are ignored). */
export function tfidf(counts: Map<string, number>, vocabulary: Vocabulary): SparseVector {
  const entries: Array<[number, number]> = [];
  for (const [term, tf] of counts) {
    const i = vocabulary.indexOf.get(term);
    if (i === undefined) continue;
    entries.push([i, (1 + Math.log(tf)) * (vocabulary.idf[i] as number)]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, v] of entries) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return {
    index: Int32Array.from(entries, ([i]) => i),
    value: Float32Array.from(entries, ([, v]) => v / norm),
  };
}
