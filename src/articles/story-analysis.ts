/**
 * A story's text analysis, worked out once when the story is written and stored with it, so that
 * nothing analyses text on a page view: the reader markup, the vocabulary list, and later a
 * learner's personal difficulty and search snippets all read it.
 *
 * Stored compactly (flat integer arrays and one string table; see `encodeAnalysis`): a BBC story
 * of 2,000 characters keeps about 2.5 KB instead of the ~150 KB of its token objects. Offsets are into the story's
 * paragraphs joined with `\n` — the same text the level is worked out from — so one analysis
 * serves everything; every line break ends a sentence, so no sentence spans two paragraphs.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AnalyzedText } from '../text/analyze.js';
import { bandLevel } from '../text/bands.js';
import { UPOS_TAGS, type Upos } from '../text/pos.js';

/**
 * Bumped whenever the analysis of an unchanged text would come out differently (stored ones go
 * stale). 2: each word's part of speech, lemmas that follow it.
 */
export const STORY_ANALYSIS_VERSION = 2;

/** Fields per word in `StoryAnalysis.words`. */
const WORD_FIELDS = 7;
/** Fields per word in the stored form (see `encodeAnalysis`). */
const CODED_FIELDS = 5;
/** A stored lemma index meaning "the same as the entry key". */
const SAME_AS_KEY = -2;
/** Band level and flags take the low 5 bits of the packed number; the POS index + 1 the rest. */
const POS_SHIFT = 5;
/** `flags` bit: the word is a name, not to be learnt. */
const PROPER_NOUN = 1;

/** The stored analysis of a story's paragraphs joined with `\n`. */
export interface StoryAnalysis {
  /** `STORY_ANALYSIS_VERSION` of the code that made it. */
  version: number;
  /** FNV-1a hash of the analysed text: an analysis is only laid over the text it was made from. */
  textHash: number;
  /** Entry keys and lemmas, referenced by index from `words` and `phrases`. */
  keys: string[];
  /**
   * Seven integers per word token: start, end (offsets), entry key index (-1: the dictionary does
   * not know it), lemma index (-1: none), band level (0: none, 1 = 中考 … 9 = rarer than GRE),
   * flags (1: proper noun), part of speech (index into `UPOS_TAGS`; -1: none).
   */
  words: number[];
  /** Two integers per sentence: start, end offsets. */
  sentences: number[];
  /** Three integers per phrase: first word index, end word index (exclusive), entry key index. */
  phrases: number[];
}

/** The joined text an analysis' offsets refer to. */
export function analysedText(paragraphs: readonly string[]): string {
  return paragraphs.join('\n');
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether `analysis` was made from these paragraphs (and by this version of the code). */
export function analysisFits(
  paragraphs: readonly string[],
  analysis: StoryAnalysis | null,
): analysis is StoryAnalysis {
  return (
    analysis !== null &&
    analysis.version === STORY_ANALYSIS_VERSION &&
    analysis.textHash === textHash(analysedText(paragraphs))
  );
}

/** Compacts `text`, the analysis of `analysedText(paragraphs)`, for storage. */
export function compactAnalysis(paragraphs: readonly string[], text: AnalyzedText): StoryAnalysis {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const indexOf = (key: string | null) => {
    if (key === null) return -1;
    let index = keyIndex.get(key);
    if (index === undefined) {
      index = keys.length;
      keys.push(key);
      keyIndex.set(key, index);
    }
    return index;
  };
  const words: number[] = [];
  const wordOfToken = new Int32Array(text.tokens.length + 1);
  let wordCount = 0;
  text.tokens.forEach((token, i) => {
    wordOfToken[i] = wordCount;
    if (token.kind !== 'word') return;
    words.push(
      token.start,
      token.end,
      indexOf(token.entryKey),
      indexOf(token.lemma),
      token.band ? bandLevel(token.band) : 0,
      token.properNoun ? PROPER_NOUN : 0,
      token.pos ? UPOS_TAGS.indexOf(token.pos) : -1,
    );
    wordCount++;
  });
  wordOfToken[text.tokens.length] = wordCount;
  const sentences = text.sentences.flatMap((s) => [s.start, s.end]);
  const phrases = text.phrases.flatMap((p) => [
    wordOfToken[p.tokenStart]!,
    wordOfToken[p.tokenEnd]!,
    indexOf(p.entryKey),
  ]);
  return {
    version: STORY_ANALYSIS_VERSION,
    textHash: textHash(analysedText(paragraphs)),
    keys,
    words,
    sentences,
    phrases,
  };
}

/**
 * The stored form: the words delta-coded (start after the previous end, length, key, lemma as
 * "same as key" when it is, band level and flags in one number), as JSON, deflated, in base64.
 * About 1.3 KB per 1,000 characters of text (BBC stories), against 4 KB as plain JSON.
 */
export function encodeAnalysis(analysis: StoryAnalysis): string {
  const { words } = analysis;
  const coded: number[] = [];
  let end = 0;
  for (let i = 0; i < words.length; i += WORD_FIELDS) {
    const key = words[i + 2]!;
    const lemma = words[i + 3]!;
    coded.push(
      words[i]! - end,
      words[i + 1]! - words[i]!,
      key,
      lemma === key ? SAME_AS_KEY : lemma,
      ((words[i + 6]! + 1) << POS_SHIFT) | (words[i + 4]! * 2 + words[i + 5]!),
    );
    end = words[i + 1]!;
  }
  const json = JSON.stringify({ ...analysis, words: coded });
  return deflateRawSync(json).toString('base64');
}

/** The stored analysis, or null when it is missing, unreadable or of another version. */
export function decodeAnalysis(data: string | null | undefined): StoryAnalysis | null {
  if (!data) return null;
  try {
    const parsed = JSON.parse(inflateRawSync(Buffer.from(data, 'base64')).toString()) as StoryAnalysis;
    if (parsed.version !== STORY_ANALYSIS_VERSION) return null;
    const coded = parsed.words;
    // Sized once and filled by index: pushing 7 numbers at a time was most of a long story's
    // decoding (about 30 ms of 50 at 200 KB of text).
    const count = Math.floor(coded.length / CODED_FIELDS);
    const words = new Array<number>(count * WORD_FIELDS);
    let end = 0;
    let o = 0;
    for (let i = 0; i < count * CODED_FIELDS; i += CODED_FIELDS) {
      const start = end + coded[i]!;
      end = start + coded[i + 1]!;
      const key = coded[i + 2]!;
      const lemma = coded[i + 3]!;
      const packed = coded[i + 4]!;
      const low = packed & ((1 << POS_SHIFT) - 1);
      words[o++] = start;
      words[o++] = end;
      words[o++] = key;
      words[o++] = lemma === SAME_AS_KEY ? key : lemma;
      words[o++] = low >> 1;
      words[o++] = low & 1;
      words[o++] = (packed >> POS_SHIFT) - 1;
    }
    return { ...parsed, words };
  } catch {
    return null;
  }
}

/** One word of a story, as the reader shows it. */
export interface ReaderWord {
  /** Offsets within its paragraph. */
  start: number;
  end: number;
  /** Dictionary entry to open; null when unknown. */
  entryKey: string | null;
  /** Lower-case lemma; null when none. */
  lemma: string | null;
  /** Band level 1–9; 0 when none. */
  level: number;
  properNoun: boolean;
  /** Part of speech in its sentence; null when the analysis has none. */
  pos: Upos | null;
  /** Entry key of a phrase this word belongs to. */
  phrase: string | null;
}

/** A sentence of a paragraph: offsets within the paragraph and its words. */
export interface ReaderSentence {
  start: number;
  end: number;
  /** 0-based over the whole story (`s0`, `s1`, … on the page). */
  index: number;
  words: ReaderWord[];
}

export interface ReaderParagraph {
  text: string;
  sentences: ReaderSentence[];
}

/** Lays a stored analysis back over the paragraphs it was made from. */
export function readerParagraphs(paragraphs: readonly string[], analysis: StoryAnalysis): ReaderParagraph[] {
  return [...readerParagraphsOf(paragraphs, analysis)];
}

/**
 * `readerParagraphs` one paragraph at a time: a long story's words need not all be objects at
 * once (the page renders each paragraph and drops it).
 */
export function* readerParagraphsOf(
  paragraphs: readonly string[],
  analysis: StoryAnalysis,
): Generator<ReaderParagraph> {
  const { keys, words, sentences, phrases } = analysis;
  const key = (index: number) => (index >= 0 ? (keys[index] ?? null) : null);
  const phraseOfWord = new Map<number, string>();
  for (let p = 0; p < phrases.length; p += 3) {
    const entry = key(phrases[p + 2]!);
    if (entry) for (let w = phrases[p]!; w < phrases[p + 1]!; w++) phraseOfWord.set(w, entry);
  }
  let offset = 0;
  let s = 0;
  let w = 0;
  let sentenceIndex = 0;
  const wordCount = words.length / WORD_FIELDS;
  for (const text of paragraphs) {
    const end = offset + text.length;
    const paragraph: ReaderParagraph = { text, sentences: [] };
    for (; s < sentences.length && sentences[s]! < end; s += 2) {
      const start = Math.max(sentences[s]!, offset);
      const stop = Math.min(sentences[s + 1]!, end);
      if (stop <= start) continue;
      const sentence: ReaderSentence = {
        start: start - offset,
        end: stop - offset,
        index: sentenceIndex++,
        words: [],
      };
      while (w < wordCount && words[w * WORD_FIELDS]! < start) w++;
      for (; w < wordCount && words[w * WORD_FIELDS + 1]! <= stop; w++) {
        const at = w * WORD_FIELDS;
        sentence.words.push({
          start: words[at]! - offset,
          end: words[at + 1]! - offset,
          entryKey: key(words[at + 2]!),
          lemma: key(words[at + 3]!),
          level: words[at + 4]!,
          properNoun: (words[at + 5]! & PROPER_NOUN) !== 0,
          pos: UPOS_TAGS[words[at + 6]!] ?? null,
          phrase: phraseOfWord.get(w) ?? null,
        });
      }
      paragraph.sentences.push(sentence);
    }
    yield paragraph;
    offset = end + 1;
  }
}
