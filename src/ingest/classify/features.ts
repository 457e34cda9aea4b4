/**
 * Text → sparse TF-IDF vectors for the section classifier: lower-cased word tokens (stop words and
 * one-letter tokens dropped, numbers kept: "£", "bn" and figures say "business", plurals folded onto
 * their singular by spelling: "games" and "game" are one term), optionally with the word pairs next
 * to each other once stop words are dropped ("prime minister", "box office"; `model.ts` lets
 * cross-validation decide), the title and the lead paragraph counted three times (they are the
 * densest statement of a story's subject), sublinear term frequency (1 + ln tf), smoothed inverse
 * document frequency and unit length. The vocabulary is fitted on the training stories only and
 * keeps terms seen in at least `minDf` of them. (Plural folding and the weight of the lead were
 * chosen by cross-validation inside the development part of BBC News: README, "Automatic sections".)
 */
import { STOP_WORDS } from '../../text/stop-words.js';
import { encodeCounts, fitEncodedVocabulary, type SparseVector, unitVector } from './encoded.js';

export type { SparseVector } from './encoded.js';

/** Terms a vocabulary keeps at most. */
export const MAX_TERMS = 30_000;

/** One story as the classifier reads it. */
export interface ClassifierText {
  title: string;
  paragraphs: readonly string[];
}

const WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;

/**
 * A plural folded onto its singular by spelling alone: "stories" → "story", "matches" → "match",
 * "games" → "game"; words of three letters or fewer and those ending in -ss, -us or -is ("business",
 * "bonus", "crisis") are left as they are. Over-folding ("news" → "new") costs little: a term only
 * has to mean the same section, not the same word.
 */
export function foldPlural(token: string): string {
  if (token.length <= 3 || !token.endsWith('s') || /(?:ss|us|is)$/.test(token)) return token;
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
  if (/(?:ch|sh|x|ss)es$/.test(token)) return token.slice(0, -2);
  return token.slice(0, -1);
}

/** Lower-cased tokens of a text, stop words and one-letter words dropped, `'s` cut, plurals folded. */
export function classifierTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const token = match[0].replace(/['’]s$/, '').replace(/['’]/g, '');
    if (token.length < 2 || STOP_WORDS.has(token)) continue;
    out.push(foldPlural(token));
  }
  return out;
}

/** How many times the title's and the lead paragraph's terms are counted (the rest once). */
export const HEADLINE_WEIGHT = 3;

/** Which terms a story is counted in: its words, or its words and adjacent word pairs. */
export type TermSet = 'words' | 'words+pairs';

/**
 * A story's term counts: the title's and the first paragraph's terms `HEADLINE_WEIGHT` times, the
 * rest of the body's once (pairs never cross a paragraph).
 */
export function termCounts(story: ClassifierText, terms: TermSet = 'words'): Map<string, number> {
  const counts = new Map<string, number>();
  const pairs = terms === 'words+pairs';
  const add = (text: string, by: number) => {
    const tokens = classifierTokens(text);
    tokens.forEach((token, i) => {
      counts.set(token, (counts.get(token) ?? 0) + by);
      if (pairs && i > 0) {
        const pair = `${tokens[i - 1]} ${token}`;
        counts.set(pair, (counts.get(pair) ?? 0) + by);
      }
    });
  };
  add(story.title, HEADLINE_WEIGHT);
  story.paragraphs.forEach((paragraph, i) => {
    add(paragraph, i === 0 ? HEADLINE_WEIGHT : 1);
  });
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
  maxTerms = MAX_TERMS,
): Vocabulary {
  const encoded = encodeCounts(docs);
  const fitted = fitEncodedVocabulary(
    encoded,
    docs.map((_, i) => i),
    minDf,
    maxTerms,
  );
  return vocabularyOf(fitted.terms, fitted.idf);
}

export function vocabularyOf(terms: string[], idf: Float32Array): Vocabulary {
  return { terms, idf, indexOf: new Map(terms.map((term, i) => [term, i])) };
}

/** A document's unit-length TF-IDF vector over `vocabulary` (terms outside it are ignored). */
export function tfidf(counts: Map<string, number>, vocabulary: Vocabulary): SparseVector {
  const found: number[] = [];
  const tfs: number[] = [];
  for (const [term, tf] of counts) {
    const i = vocabulary.indexOf.get(term);
    if (i === undefined) continue;
    found.push(i);
    tfs.push(tf);
  }
  return unitVector(found, tfs, vocabulary.idf);
}
