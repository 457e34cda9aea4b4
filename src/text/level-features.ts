/**
 * The features of a story's level score (`level.ts` says what each one measures and why it is
 * there): running words, vocabulary profile, and the twelve length-robust measures. Pure.
 */

import type { Band } from './bands.js';
import type { Upos } from './pos.js';
import type { ReadabilityToken } from './readability.js';

/** What the estimator needs from a token; the analyser's `AnalyzedToken` has all of it. */
export interface LevelToken extends ReadabilityToken {
  /** Tokenizer kind; only `word` tokens are words (numbers, punctuation, spaces are skipped). */
  kind: string;
  /** Lower-case lemma (`discuss`); null for non-words or when unknown (the text is used then). */
  lemma: string | null;
  /** Vocabulary band of the lemma; null when the dictionary does not know the word. */
  band: Band | null;
  /** A name not to be learnt (`Lavrov`); left out of running words. */
  properNoun: boolean;
  /** Frequency rank of the lemma (smaller non-zero of COCA and BNC), 0 when unknown. */
  rank: number;
  /** The lemma is in the Oxford 3000 core vocabulary. */
  oxford: boolean;
  /** Universal POS tag (`pos-tagger.ts`); absent or null when the text was not tagged (the POS features are 0 then). */
  pos?: Upos | null;
}

/** A text to rate: its analysed tokens and the dictionary phrases found in it (only counted). */
export interface LevelInput {
  tokens: readonly LevelToken[];
  /** Multi-word expressions found by the analyser (`analyzeText(…, { phrases: true })`). */
  phrases: readonly unknown[];
}

/** Share of running words in each vocabulary band. Shares are 0–1 and sum to 1 (0 when empty). */
export interface VocabularyProfile {
  /** Word tokens that are not proper nouns; ≥ 0. */
  runningWords: number;
  /**
   * Share of running words whose lemma's band is each band: the lowest exam list it is on
   * (中考 zk … GRE), else its frequency band (`top2k` … `top20k`, `rare`). Every band is present.
   */
  bands: Record<Band, number>;
  /** Share of running words the dictionary does not know at all (no band); 0–1. */
  unknown: number;
  /** Share on no exam list and outside the 20,000 most frequent words (`rare` + unknown); 0–1. */
  offList: number;
}

/** The features the score is made of; see the module comment for each one's why. All finite, ≥ 0. */
export interface LevelFeatures {
  /** Root-mean-square sentence length in words (names included); 0 for no words. Typical 15 (easy) … 35 (wire). */
  sentenceLength: number;
  /** Moving-average type–token ratio of running-word lemmas, 100-word window (MATTR); 0–1. */
  lexicalVariety: number;
  /** Share of running words ending in -ing, -ed or -ly; 0–1. */
  suffixShare: number;
  /** Share of word tokens that are proper nouns (`Lavrov`, `Munich`); 0–1. */
  nameShare: number;
  /** Hard lemmas (beyond 高考) used once in a 250-word window, per running word, averaged over windows; 0–1. */
  onceHardShare: number;
  /** Hard lemmas used two or more times in the window, per running word, averaged over windows; 0–1. */
  repeatedHardShare: number;
  /** Median of ln(frequency rank) of the running words of a 100-word window, averaged over windows; 0–ln 30000. */
  medianLogRank: number;
  /** Share of running words outside the Oxford 3000 (unknown words included); 0–1. */
  nonCoreShare: number;
  /** Dictionary phrases (`pay off`, `as well as`) per word token; ≥ 0. */
  phraseDensity: number;
  /** Share of running words that are one of `PREPOSITIONS`; 0–1. */
  prepositionShare: number;
  /** Mean number of words between two punctuation marks; 0 for no words. Typical 5–9. */
  wordsPerChunk: number;
  /** Opening brackets per word token; ≥ 0. */
  bracketShare: number;
  // Part of speech (the tagger's UPOS tags); 0 when the tokens carry none.
  /** Share of running words tagged NOUN; 0–1. */
  nounShare: number;
  /** Share of running words tagged VERB (not AUX); 0–1. */
  verbShare: number;
  /** Share of running words tagged ADJ; 0–1. */
  adjectiveShare: number;
  /** Share of running words tagged ADV; 0–1. */
  adverbShare: number;
  /** Share of running words tagged AUX (`is`, `has`, `will`, `can`); 0–1. */
  auxiliaryShare: number;
  /** Share of running words tagged PRON; 0–1. */
  pronounShare: number;
  /** Share of running words tagged DET; 0–1. */
  determinerShare: number;
  /** Words tagged SCONJ (`because`, `although`, `that`, `whether`) per sentence; ≥ 0. */
  subordinatorsPerSentence: number;
  /** Words tagged CCONJ (`and`, `but`, `or`) per sentence; ≥ 0. */
  coordinatorsPerSentence: number;
  /** Words tagged VERB per sentence: clauses, roughly; ≥ 0. */
  verbsPerSentence: number;
  /** Hard lemmas (beyond 高考) tagged VERB, ADJ or ADV per running word: the words adaptations replace; 0–1. */
  hardModifierShare: number;
  /** Hard lemmas tagged NOUN per running word: topic words every version keeps, and abstract nouns; 0–1. */
  hardNounShare: number;
}

/** The POS-tag features of `LevelFeatures`, for the bench and the CLI. */
export const POS_LEVEL_FEATURES = [
  'nounShare',
  'verbShare',
  'adjectiveShare',
  'adverbShare',
  'auxiliaryShare',
  'pronounShare',
  'determinerShare',
  'subordinatorsPerSentence',
  'coordinatorsPerSentence',
  'verbsPerSentence',
  'hardModifierShare',
  'hardNounShare',
] as const satisfies readonly (keyof LevelFeatures)[];

/** Window of running words for `onceHardShare` and `repeatedHardShare`. */
export const HARD_WINDOW = 250;
/** Window of running words for `lexicalVariety` (MATTR) and `medianLogRank`. */
export const VARIETY_WINDOW = 100;
/** `onceHardShare`, `repeatedHardShare` and `medianLogRank` move their window this many words at a time. */
export const WINDOW_STEP = 25;
/** Rank given to words without one, and the cap on ranks: beyond it, rarity no longer counts. */
export const RANK_CAP = 30_000;
/** Bands that are not hard for `onceHardShare`: 中考 and 高考 vocabulary. */
const EASY_BANDS: ReadonlySet<Band | null> = new Set(['zk', 'gk']);
/** The prepositions counted by `prepositionShare`: the common ones that build nominal, wire-style phrases. */
export const PREPOSITIONS: ReadonlySet<string> = new Set(
  'of in to for with on at by from about into over after between through during against under among without within across'.split(
    ' ',
  ),
);

const EXAM_OR_FREQUENCY_BANDS: Readonly<Record<Band, true>> = {
  zk: true,
  gk: true,
  cet4: true,
  cet6: true,
  ky: true,
  ielts: true,
  toefl: true,
  gre: true,
  top2k: true,
  top5k: true,
  top10k: true,
  top20k: true,
  rare: true,
};
const ALL_BANDS = Object.keys(EXAM_OR_FREQUENCY_BANDS) as Band[];

function isRunningWord(token: LevelToken): boolean {
  return token.kind === 'word' && !token.properNoun;
}

function lemmaKey(token: LevelToken): string {
  return token.lemma ?? token.text.toLowerCase();
}

/** Vocabulary profile of analysed tokens (see `VocabularyProfile`). Never NaN; empty → all 0. */
export function vocabularyProfile(tokens: readonly LevelToken[]): VocabularyProfile {
  const counts = Object.fromEntries(ALL_BANDS.map((band) => [band, 0])) as Record<Band, number>;
  let running = 0;
  let unknown = 0;
  for (const token of tokens) {
    if (!isRunningWord(token)) continue;
    running += 1;
    if (token.band === null) unknown += 1;
    else counts[token.band] += 1;
  }
  const share = (n: number): number => (running === 0 ? 0 : n / running);
  const bands = Object.fromEntries(ALL_BANDS.map((band) => [band, share(counts[band])])) as Record<
    Band,
    number
  >;
  return { runningWords: running, bands, unknown: share(unknown), offList: share(counts.rare + unknown) };
}

/** The score's features (see `LevelFeatures`). Never NaN; no running words → all 0 but the sentence ones. */
export function levelFeatures({ tokens, phrases }: LevelInput): LevelFeatures {
  const lemmas: string[] = [];
  const hard: boolean[] = [];
  const logRanks: number[] = [];
  let suffixed = 0;
  let nonCore = 0;
  let prepositions = 0;
  let words = 0;
  let names = 0;
  let brackets = 0;
  let chunks = 0;
  let inChunk = 0;
  const tagCounts = new Map<Upos, number>();
  let hardModifiers = 0;
  let hardNouns = 0;
  const sentenceWords = new Map<number, number>();
  for (const token of tokens) {
    if (token.kind === 'punct') {
      if (token.text === '(' || token.text === '[') brackets += 1;
      if (inChunk > 0) chunks += 1;
      inChunk = 0;
      continue;
    }
    if (token.kind !== 'word') continue;
    words += 1;
    inChunk += 1;
    sentenceWords.set(token.sentenceIndex, (sentenceWords.get(token.sentenceIndex) ?? 0) + 1);
    if (token.properNoun) {
      names += 1;
      continue;
    }
    lemmas.push(lemmaKey(token));
    hard.push(!EASY_BANDS.has(token.band));
    logRanks.push(Math.log(Math.min(RANK_CAP, token.rank > 0 ? token.rank : RANK_CAP)));
    if (!token.oxford) nonCore += 1;
    const tag = token.pos ?? null;
    if (tag !== null) {
      tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
      if (!EASY_BANDS.has(token.band)) {
        if (tag === 'VERB' || tag === 'ADJ' || tag === 'ADV') hardModifiers += 1;
        else if (tag === 'NOUN') hardNouns += 1;
      }
    }
    const lower = token.text.toLowerCase();
    if (PREPOSITIONS.has(lower)) prepositions += 1;
    if (hasClauseSuffix(lower)) suffixed += 1;
  }
  if (inChunk > 0) chunks += 1;
  let squares = 0;
  for (const n of sentenceWords.values()) squares += n * n;
  const running = lemmas.length;
  const perRunning = (n: number): number => (running === 0 ? 0 : n / running);
  const perWord = (n: number): number => (words === 0 ? 0 : n / words);
  const [onceHardShare, repeatedHardShare] = hardShares(lemmas, hard);
  const tagged = (tag: Upos): number => perRunning(tagCounts.get(tag) ?? 0);
  const perSentence = (tag: Upos): number =>
    sentenceWords.size === 0 ? 0 : (tagCounts.get(tag) ?? 0) / sentenceWords.size;
  return {
    sentenceLength: sentenceWords.size === 0 ? 0 : Math.sqrt(squares / sentenceWords.size),
    lexicalVariety: movingTypeShare(lemmas, VARIETY_WINDOW),
    suffixShare: perRunning(suffixed),
    nameShare: perWord(names),
    onceHardShare,
    repeatedHardShare,
    medianLogRank: windowedMedian(logRanks, VARIETY_WINDOW),
    nonCoreShare: perRunning(nonCore),
    phraseDensity: perWord(phrases.length),
    prepositionShare: perRunning(prepositions),
    wordsPerChunk: chunks === 0 ? 0 : words / chunks,
    bracketShare: perWord(brackets),
    nounShare: tagged('NOUN'),
    verbShare: tagged('VERB'),
    adjectiveShare: tagged('ADJ'),
    adverbShare: tagged('ADV'),
    auxiliaryShare: tagged('AUX'),
    pronounShare: tagged('PRON'),
    determinerShare: tagged('DET'),
    subordinatorsPerSentence: perSentence('SCONJ'),
    coordinatorsPerSentence: perSentence('CCONJ'),
    verbsPerSentence: perSentence('VERB'),
    hardModifierShare: perRunning(hardModifiers),
    hardNounShare: perRunning(hardNouns),
  };
}

/** -ing (`rising`, not `king`), -ed (`agreed`, not `red`), -ly (`largely`, not `fly`); `word` in lower case. */
function hasClauseSuffix(w: string): boolean {
  return (w.length > 5 && w.endsWith('ing')) || (w.length > 4 && (w.endsWith('ed') || w.endsWith('ly')));
}

/**
 * Start offsets of the windows of `size` (or fewer, when the text is shorter) over `n` items,
 * every `WINDOW_STEP` items — `[0, 25, 50, …]` — plus one window ending at the last item when the
 * steps do not reach it, so that every item is in some window.
 */
function windowStarts(n: number, size: number): { starts: number[]; width: number } {
  const width = Math.min(size, n);
  const starts: number[] = [];
  for (let s = 0; s + width <= n; s += WINDOW_STEP) starts.push(s);
  if (width > 0 && (starts.at(-1) as number) + width < n) starts.push(n - width);
  return { starts, width };
}

/**
 * For each window of `HARD_WINDOW` running words: the hard lemmas used exactly once in it and
 * those used more often, each divided by the window size; averaged over the windows.
 */
function hardShares(lemmas: readonly string[], hard: readonly boolean[]): [number, number] {
  const { starts, width } = windowStarts(lemmas.length, HARD_WINDOW);
  if (width === 0) return [0, 0];
  let once = 0;
  let repeated = 0;
  const counts = new Map<string, number>();
  for (const start of starts) {
    counts.clear();
    for (let i = start; i < start + width; i++) {
      if (!hard[i]) continue;
      const key = lemmas[i] as string;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const c of counts.values()) {
      if (c === 1) once += 1;
      else repeated += 1;
    }
  }
  const windows = starts.length * width;
  return [once / windows, repeated / windows];
}

/** Mean over windows (`windowStarts`) of the median of `values` in the window; 0 when empty. */
function windowedMedian(values: readonly number[], size: number): number {
  const { starts, width } = windowStarts(values.length, size);
  if (width === 0) return 0;
  let sum = 0;
  for (const start of starts) {
    const sorted = values.slice(start, start + width).sort((a, b) => a - b);
    const mid = (width - 1) / 2;
    sum += ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
  }
  return sum / starts.length;
}

/**
 * Moving-average type–token ratio: for every window of `window` consecutive items, the number
 * of distinct items divided by the window size, averaged over all window positions. Shorter
 * input is one window of its own length.
 */
function movingTypeShare(items: readonly string[], window: number): number {
  const n = items.length;
  if (n === 0) return 0;
  const w = Math.min(window, n);
  const seen = new Map<string, number>();
  let distinct = 0;
  const add = (i: number, delta: 1 | -1): void => {
    const key = items[i] as string;
    const before = seen.get(key) ?? 0;
    const after = before + delta;
    seen.set(key, after);
    if (before === 0 && after === 1) distinct += 1;
    if (before === 1 && after === 0) distinct -= 1;
  };
  for (let i = 0; i < w; i++) add(i, 1);
  let sum = distinct;
  for (let i = w; i < n; i++) {
    add(i, 1);
    add(i - w, -1);
    sum += distinct;
  }
  return sum / (n - w + 1) / w;
}
