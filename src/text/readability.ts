/**
 * Classic readability formulas over a story's words and sentences: Flesch–Kincaid grade,
 * Flesch reading ease, Coleman–Liau index and SMOG grade, with the counts they are built from.
 *
 * Pure: no I/O. Input is either plain text (split by the shared tokenizer and sentence splitter)
 * or tokens already made (anything with `text` and `sentenceIndex`, e.g. the analyser's tokens),
 * so a story that was analysed once for its vocabulary is not split a second time.
 *
 * What counts: a *word* is a `word` token (`U.S.`, `don't`, `cease-fire`, `COVID-19`); numbers and
 * punctuation are left out of every count, because the formulas were calibrated on prose and a
 * figure like `2,016,000` is neither long nor hard to read. Proper nouns do count: the formulas
 * measure reading effort, and a long name is read like any long word. A *sentence* is a
 * sentence that holds at least one word. With no words or no sentences every formula is 0, never
 * NaN, so an empty story still gets a level.
 */

import { splitSentences } from './sentences.js';
import { countSyllables } from './syllables.js';
import { tokenize } from './tokenize.js';

/** The least a token needs for readability: its text and which sentence it is in. */
export interface ReadabilityToken {
  /** The token as written (`Lavrov`, `don't`, `2016`, `,`). */
  text: string;
  /**
   * The tokenizer's kind (`word`, `number`, `punct`, `space`…). When present only `word` tokens
   * count; when absent a token counts as a word if it has a letter.
   */
  kind?: string;
  /** 0-based index of the sentence the token belongs to, non-decreasing along the text. */
  sentenceIndex: number;
}

/** Counts and formula values for one text. All counts ≥ 0; every number finite. */
export interface Readability {
  /** Running words (tokens with a letter). */
  words: number;
  /** Sentences that contain at least one word. */
  sentences: number;
  /** Syllables over all words (rule-based, see `syllables.ts`). */
  syllables: number;
  /** Letters a–z over all words (apostrophes, hyphens, digits not counted). */
  letters: number;
  /** Words of three or more syllables (SMOG's "polysyllables"). */
  polysyllables: number;
  /** Words of seven or more letters. */
  longWords: number;
  /** words / sentences; 0 when there are none. Typical: 10 (easy) … 30 (wire copy). */
  wordsPerSentence: number;
  /** syllables / words; 0 when there are none. Typical 1.3 … 1.8. */
  syllablesPerWord: number;
  /** letters / words; 0 when there are none. Typical 4.0 … 5.5. */
  lettersPerWord: number;
  /** 0.39·(words/sentence) + 11.8·(syllables/word) − 15.59; US school grade, about 0 … 20. */
  fleschKincaidGrade: number;
  /** 206.835 − 1.015·(words/sentence) − 84.6·(syllables/word); higher is easier, about 0 … 100. */
  fleschReadingEase: number;
  /** 0.0588·L − 0.296·S − 15.8 (L letters, S sentences per 100 words); US grade, about 0 … 20. */
  colemanLiauIndex: number;
  /** 1.043·√(polysyllables·30/sentences) + 3.1291; US grade, about 3 … 20. */
  smogGrade: number;
}

/** Letters of a word from which on it counts as long (`longWords`). */
export const LONG_WORD_LETTERS = 7;

const HAS_LETTER = /\p{L}/u;

/**
 * Readability counts and formulas for a text or its tokens.
 *
 * `input`: plain text (paragraphs separated by blank lines or newlines) or tokens in reading
 * order. Empty input, or input with no words, gives all zeros.
 */
export function readability(input: string | readonly ReadabilityToken[]): Readability {
  const tokens = typeof input === 'string' ? segment(input) : input;
  let words = 0;
  let syllables = 0;
  let letters = 0;
  let polysyllables = 0;
  let longWords = 0;
  let sentences = 0;
  let lastSentence = Number.NaN;
  for (const token of tokens) {
    if (token.kind !== undefined ? token.kind !== 'word' : !HAS_LETTER.test(token.text)) continue;
    words += 1;
    if (token.sentenceIndex !== lastSentence) {
      sentences += 1;
      lastSentence = token.sentenceIndex;
    }
    const syl = countSyllables(token.text);
    syllables += syl;
    if (syl >= 3) polysyllables += 1;
    const n = countLetters(token.text);
    letters += n;
    if (n >= LONG_WORD_LETTERS) longWords += 1;
  }
  const empty = words === 0 || sentences === 0;
  const wordsPerSentence = empty ? 0 : words / sentences;
  const syllablesPerWord = empty ? 0 : syllables / words;
  const lettersPerWord = empty ? 0 : letters / words;
  return {
    words,
    sentences,
    syllables,
    letters,
    polysyllables,
    longWords,
    wordsPerSentence,
    syllablesPerWord,
    lettersPerWord,
    fleschKincaidGrade: empty ? 0 : 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59,
    fleschReadingEase: empty ? 0 : 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord,
    colemanLiauIndex: empty ? 0 : 0.0588 * (100 * lettersPerWord) - 0.296 * (100 / wordsPerSentence) - 15.8,
    smogGrade: empty ? 0 : 1.043 * Math.sqrt((polysyllables * 30) / sentences) + 3.1291,
  };
}

function countLetters(word: string): number {
  let n = 0;
  for (const ch of word) if (HAS_LETTER.test(ch)) n += 1;
  return n;
}

/**
 * Plain text → word tokens with sentence indices, using the shared tokenizer and sentence
 * splitter (`tokenize.ts`, `sentences.ts`), so counts agree with the analysed story.
 */
function segment(text: string): ReadabilityToken[] {
  const tokens = tokenize(text);
  const out: ReadabilityToken[] = [];
  splitSentences(tokens).forEach((sentence, index) => {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const token = tokens[i];
      if (token?.kind === 'word') out.push({ text: token.text, kind: 'word', sentenceIndex: index });
    }
  });
  return out;
}
