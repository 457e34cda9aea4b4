/**
 * Story text → tokens annotated with what a reader and the level estimator need: lemma, the
 * dictionary entry to open, vocabulary band, whether the word is a proper noun, and the sentence
 * it is in; plus the sentences and the phrases found. The one text analysis of lingwire: the
 * reader, the level estimator and `lingwire analyze` all call `analyzeText`. Pure: the dictionary
 * comes in as a `Lexicon` (lingwire's ECDICT index implements it), so this module does no I/O.
 *
 * Proper nouns are names a learner should not be asked to learn (`Lavrov`, `Kerry`, `Munich`,
 * `ISSG`). A word counts as one when it is capitalised and
 * - in mid-sentence: the lexicon does not know it, or its headword is capitalised (`Munich`,
 *   `UN`), or its entry is not general vocabulary (`kerry` is a breed of cattle with no exam tag,
 *   Collins stars or Oxford mark; `Minister` and `Foreign` are general, so they are not names);
 * - at the start of a sentence (or after an opening quote, bracket or colon), where capitals say
 *   little: the lexicon does not know it, its headword is capitalised, it is not general vocabulary
 *   and either written in capitals (`CNN`) or has no frequency rank (`Macron`), or the same word is
 *   a name in mid-sentence elsewhere in the text (`Kerry said …`).
 * A line written all in capitals (Reuters headlines) has no casing signal, so its words are names
 * only through a capitalised headword. `I` and titles (`Mr.`, `Dr.`, `St.`) are never names. Known gap: a name spelled like a
 * general word (`Turkey`, `Brown`) is not recognised.
 */

import { TITLE_ABBREVIATIONS } from './abbreviations.js';
import { type Band, harderBand } from './bands.js';
import { NEGATED_BASES, normalizeWord } from './lemmatize.js';
import type { Lexicon, WordInfo } from './lexicon.js';
import { findPhrases, type PhraseMatch } from './phrases.js';
import type { Upos } from './pos.js';
import { tagPartsOfSpeech } from './pos-lemmas.js';
import type { TaggedPiece } from './pos-pieces.js';
import type { PosModel } from './pos-tagger.js';
import { type Sentence, type SentenceOptions, splitSentences } from './sentences.js';
import { type Token, tokenize } from './tokenize.js';

/** A token with what the analyser found out about it. Non-word tokens have nulls and `false`. */
export interface AnalyzedToken extends Token {
  /** Lower-case lemma (`discuss`); for a word the lexicon lacks, its lower-cased written form; null for non-words. */
  lemma: string | null;
  /** Headword of the entry to open (`discuss`, `Russia`); null when the lexicon does not know the word. */
  entryKey: string | null;
  /** Vocabulary band of the lemma; for an unknown hyphenated compound, its hardest known part. */
  band: Band | null;
  /** A name not to be learnt (see the module comment). */
  properNoun: boolean;
  /** Frequency rank of the lemma (smaller non-zero of COCA and BNC); 0 when unknown or not a word. */
  rank: number;
  /** The lemma is in the Oxford 3000; false when unknown or not a word. */
  oxford: boolean;
  /**
   * 0-based sentence the token is in; whitespace between two sentences belongs to the earlier one
   * (text before the first sentence to sentence 0), so the index never decreases along the text.
   */
  sentenceIndex: number;
  /**
   * Universal POS tag in context (`VERB` for *implemented* in "the plan was implemented"); null
   * for spaces, and for every token when no POS model was given.
   */
  pos: Upos | null;
  /**
   * When the tagger read the word as several pieces (`it` + `'s`, `well` + `known`; see
   * `pos-pieces.ts`), those word pieces with their own tags; `pos` is the head piece's.
   */
  parts?: TaggedPiece[];
}

/** The analysis of one text. */
export interface AnalyzedText {
  /** Every token of the text (they tile it exactly, spaces included). */
  tokens: AnalyzedToken[];
  /** Sentence spans on token boundaries. */
  sentences: Sentence[];
  /** Phrases found (empty when `phrases: false`). */
  phrases: PhraseMatch[];
}

/** Options of `analyzeText`. All optional; defaults in `DEFAULT_TEXT_ANALYSIS_OPTIONS`. */
export interface TextAnalysisOptions {
  /** Find phrases too. Default true; false saves about a third of the time. */
  phrases: boolean;
  /** Which line breaks end a sentence (see `SentenceOptions`). Default `'every'`. */
  lineBreaks: SentenceOptions['lineBreaks'];
  /**
   * The tagger's model (`pos-tagger.ts`; lingwire ships one, `dictionary/pos-model.ts` reads it).
   * Default null: no tags, and lemmas as the lexicon gives them.
   */
  posModel: PosModel | null;
}

/** The defaults of every `TextAnalysisOptions` field. */
export const DEFAULT_TEXT_ANALYSIS_OPTIONS: Readonly<TextAnalysisOptions> = Object.freeze({
  phrases: true,
  lineBreaks: 'every',
  posModel: null,
});

const RE_UPPER = /^\p{Lu}/u;
const RE_LOWER = /\p{Ll}/u;
const OPENING = new Set(['"', '“', '‘', "'", '(', '[', ':', '--', '—', '–', '-']);

function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : RE_UPPER.test(text);
}

/** The form of a word token to look up: without its clitic (`Russia's` → `Russia`, `can't` → `can`). */
function lookupForm(token: Token): string {
  if (token.cliticStart === undefined) return token.text;
  const base = token.text.slice(0, token.cliticStart - token.start);
  const clitic = token.text.slice(token.cliticStart - token.start);
  if (clitic.length === 3 && clitic.toLowerCase().replace('’', "'") === "n't") {
    return NEGATED_BASES[base.toLowerCase()] ?? base;
  }
  return base;
}

/**
 * Analyse `text` with `lexicon` (see `AnalyzedToken` for what each token carries). Never throws on
 * any string (a lexicon that throws aside).
 *
 * @example analyzeText('Kerry discussed a cease-fire.', dictionary).tokens  // lemma, entryKey, band, properNoun, sentenceIndex
 */
export function analyzeText(
  text: string,
  lexicon: Lexicon,
  options: Partial<TextAnalysisOptions> = {},
): AnalyzedText {
  const opts: TextAnalysisOptions = { ...DEFAULT_TEXT_ANALYSIS_OPTIONS, ...options };
  const tokens = tokenize(text);
  const sentences = splitSentences(tokens, { lineBreaks: opts.lineBreaks });
  const out: AnalyzedToken[] = new Array(tokens.length);
  const startOfSentence = new Uint8Array(tokens.length);
  const capsSentence = new Uint8Array(sentences.length);
  sentences.forEach((sentence, index) => {
    let words = 0;
    let caps = 0;
    let atStart = true;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const token = tokens[i] as Token;
      if (token.kind === 'word') {
        if (atStart) startOfSentence[i] = 1;
        atStart = false;
        words++;
        if (token.text.length > 1 && !RE_LOWER.test(token.text)) caps++;
      } else if (token.kind === 'punct') {
        if (OPENING.has(token.text)) atStart = true;
      } else if (token.kind !== 'space') {
        atStart = false;
      }
    }
    if (words >= 3 && caps * 5 >= words * 3) capsSentence[index] = 1;
  });
  let sentence = 0;
  const midNames = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    while (sentence + 1 < sentences.length && (sentences[sentence + 1] as Sentence).tokenStart <= i)
      sentence++;
    const analysed = token as AnalyzedToken;
    analysed.sentenceIndex = sentence;
    analysed.lemma = null;
    analysed.entryKey = null;
    analysed.band = null;
    analysed.properNoun = false;
    analysed.rank = 0;
    analysed.oxford = false;
    analysed.pos = null;
    out[i] = analysed;
    if (token.kind !== 'word') continue;
    const form = lookupForm(token);
    const info = lexicon.wordInfo(form);
    if (info) {
      analysed.lemma = info.lemma;
      analysed.entryKey = info.entryKey;
      analysed.band = info.band;
      analysed.rank = info.rank;
      analysed.oxford = info.oxford;
    } else {
      analysed.lemma = normalizeWord(form);
      if (/[-‐‑]/.test(form)) analysed.band = compoundBand(lexicon, form);
    }
    if (!startsUpper(form) || form === 'I' || isTitle(form)) continue;
    const inCaps = capsSentence[sentence] === 1;
    if (inCaps) {
      analysed.properNoun = info?.nameLike ?? false;
    } else if (startOfSentence[i] === 1) {
      analysed.properNoun = isStartOfSentenceName(form, info);
    } else {
      analysed.properNoun = isMidSentenceName(info);
      if (analysed.properNoun) midNames.add(analysed.lemma);
    }
  }
  if (midNames.size > 0) {
    for (let i = 0; i < out.length; i++) {
      const token = out[i] as AnalyzedToken;
      if (startOfSentence[i] === 1 && !token.properNoun && token.lemma && midNames.has(token.lemma)) {
        if (startsUpper(token.text) && token.text !== 'I') token.properNoun = true;
      }
    }
  }
  const phrases = opts.phrases ? findPhrases(out, lexicon) : [];
  const analysis = { tokens: out, sentences, phrases };
  if (opts.posModel) tagAnalysis(analysis, lexicon, opts.posModel);
  return analysis;
}

/**
 * Tags every non-space token of an analysis with its part of speech, in place, and lets lemmas
 * follow the tags (`pos-lemmas.ts`). `analyzeText` does it when given a model; the level estimator
 * runs before it (`articles/story-level.ts`), because its model was fitted on the lexicon's lemmas.
 */
export function tagAnalysis(analysis: AnalyzedText, lexicon: Lexicon, model: PosModel): void {
  tagPartsOfSpeech(analysis.tokens, analysis.sentences, lexicon, model, lookupForm);
}

/** `Mr.`, `Dr.`, `St.`: titles before a name are words to learn, not names. */
function isTitle(form: string): boolean {
  return form.endsWith('.') && TITLE_ABBREVIATIONS.has(form.slice(0, -1));
}

function isStartOfSentenceName(form: string, info: WordInfo | null): boolean {
  if (info === null || info.nameLike) return true;
  if (info.general) return false;
  // `CNN` (all capitals) or a word with no frequency rank at all (`Macron` → `macron` ¯).
  return (form.length > 1 && !RE_LOWER.test(form)) || info.band === 'rare';
}

function isMidSentenceName(info: WordInfo | null): boolean {
  return info === null || info.nameLike || !info.general;
}

/** Band of an unknown hyphenated compound: its hardest part that is general vocabulary. */
function compoundBand(lexicon: Lexicon, form: string): Band | null {
  let band: Band | null = null;
  for (const part of form.split(/[-‐‑]+/)) {
    if (!part) continue;
    const info = lexicon.wordInfo(part);
    if (info?.general && !info.nameLike) band = harderBand(band, info.band);
  }
  return band;
}
