/**
 * A level for every story: a vocabulary profile, readability, and one difficulty `score` with a
 * CEFR-like band (A1–C2) that learners see on the story page and in lists.
 *
 * Input is the analyser's tokens (`analyzeText(body, dict).tokens` from `src/dictionary`): each
 * word already carries its lemma, vocabulary band and proper-noun flag, so this module stays pure
 * (no dictionary, no I/O) and a story is analysed once for both its word list and its level.
 * *Running words* are word tokens that are not proper nouns; numbers are never words. Proper
 * nouns are left out of the vocabulary side because a learner is not asked to know `Lavrov`.
 *
 * ## The score
 * Five features, each robust to how long the story is (wire stories run from 150 to 1,500 words,
 * and a level should not rise because a story is long):
 * 1. `hardTypeShare` — in a window of 250 running words, the number of distinct lemmas that are
 *    not on the 中考 (zk) list, per running word; averaged over every window position. Distinct
 *    lemmas, not occurrences: a simplified text repeats its few hard topic words, an original keeps
 *    bringing new ones. In a fixed window because over the whole text the count grows with length
 *    (basic words run out, rare ones keep coming). (Dividing by distinct lemmas instead of window
 *    words did slightly worse; windows of 100, 150 and 400 did no better than 250.)
 * 2. `sentenceLength` — root-mean-square sentence length in words (all words, names included):
 *    like words per sentence, but long sentences weigh more, which is what hurts a learner. It
 *    only rises when a sentence gets longer (unlike a spread measure), so the score is monotonic
 *    in sentence length.
 * 3. `lexicalVariety` — moving-average type–token ratio of running-word lemmas over a
 *    100-word window (MATTR): how fast new words arrive, independent of length.
 * 4. `suffixShare` — share of running words ending in -ing, -ed or -ly (participles, past forms,
 *    adverbs): a cheap, dictionary-free proxy for participle clauses and adverbials, which
 *    simplified texts rewrite as short main clauses.
 * 5. `nameShare` — share of words that are proper nouns, with a *negative* weight. It corrects
 *    `sentenceLength`, which counts names: a 30-word sentence of which eight words are names
 *    (`Foreign Minister Sergei Lavrov told John Kerry in Munich`) asks less of a reader than 30
 *    words of vocabulary, and the adaptations keep the names while cutting the rest. It was the
 *    only added feature that held up over random splits (+1.9 points mean accuracy).
 *
 * Weights: on features standardised over the fitting part, minimise (a) the cumulative-logit
 * (ordinal) loss of the OneStopEnglish level (0 elementary, 1 intermediate, 2 advanced), plus
 * (b) a pairwise logistic loss over the versions of each article — "the harder version of the same
 * article scores higher", the strongest signal the corpus has — plus (c) a light L2 penalty
 * (0.01 · |w|²), then convert back to raw units (`weights`, `intercept`). `raw` has no fixed scale;
 * the two boundaries (`elementaryIntermediate`, `intermediateAdvanced`) are the cut points on
 * `raw` that classify the fitting part best. The score puts those boundaries on fixed points of a
 * CEFR-like scale — elementary|intermediate at 2.0 (A2|B1), intermediate|advanced at 3.0 (B1|B2) —
 * linear in between and beyond, clamped to 0–6. Band: A1 < 1 ≤ A2 < 2 ≤ B1 < 3 ≤ B2 < 4 ≤ C1 < 5
 * ≤ C2. So OneStopEnglish elementary lands mostly at A1–A2, intermediate at B1, advanced at B2–C1
 * (the publisher labels them roughly A2, B1–B2, C1), and one level step is one band. Measured by
 * the bench with the shipped model: BBC stories have median B2 (3.1), Reuters wire copy B2–C1
 * (median 3.75), the Xinhua seed story C1 (4.3) — unadapted news sits above the learner
 * adaptations, as it should. (Anchoring intermediate|advanced at 3.5 instead stretched the scale
 * so far that half of Reuters was C2.)
 *
 * What else was measured (mean held-out accuracy over random 60/40 group splits; the bench prints
 * the main rows): least squares on the four features 70.4 %, ordinal–pairwise on them 70.6 %, on
 * the five 72.3 % (least squares on the five 72.1 %). Adding, one at a time, vocabulary shares of
 * distinct lemmas beyond CET-4, CET-6 or off-list, token shares per band, windowed mean log
 * frequency rank, share of sentences over 20/25 or under 10 words, median or mean sentence length,
 * commas, subordinators and relative pronouns per sentence, `be + -ed` passives, word length,
 * share of 7+-letter or 3+-syllable words, and Flesch–Kincaid, Coleman–Liau or SMOG moved the
 * mean by less than a point, or lowered it (greedy selection over all of them reached ~75 % on
 * the very splits it selected on — optimistic — and used words per paragraph, which depends on
 * how a source breaks lines). Mean log frequency rank of the distinct lemmas of the whole text
 * looked strong (+4 points) but is length in disguise: in a fixed window it adds nothing. Phrase
 * density needs the analyser's phrases, which callers turn off. Readability formulas stay beside
 * the score, and Flesch–Kincaid alone classifies the three levels far worse (see the bench).
 *
 * Text length is deliberately not a feature, though on OneStopEnglish it is the single strongest
 * one (advanced versions are ~1.5× as long as elementary ones): that is an artefact of how the
 * corpus was written, and for news it would rate a long story harder for being long.
 *
 * How well it does (`npx tsx bench/levels.ts`): three-level accuracy on held-out OneStopEnglish
 * groups 72.8 % on the shipped split (Flesch–Kincaid alone 51.7 %), 72.3 % on average over 50
 * random splits (range 65–81 %); the three versions of every held-out group of the shipped split
 * are ordered correctly by score (98.6 % over the random splits). Adding log(length) would reach
 * about 79 % on average — the gap to the 80 % target is mostly that artefact, left out on purpose.
 *
 * `Band` is imported from `src/dictionary` as a type only (no runtime dependency), so the band
 * names have one definition and a new band fails type-checking here instead of being miscounted.
 */

import type { Band } from '../dictionary/bands.js';
import { type Readability, type ReadabilityToken, readability } from './readability.js';

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
}

/** CEFR-like band, easiest first. */
export type CefrBand = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';

/** Every band, easiest first. */
export const CEFR_BANDS: readonly CefrBand[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

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

/** The features the score is made of; see the module comment. All finite, ≥ 0. */
export interface LevelFeatures {
  /** Distinct lemmas beyond 中考 per running word in a 250-word window, averaged; 0–1. Typical 0.1–0.3. */
  hardTypeShare: number;
  /** Root-mean-square sentence length in words; 0 for no words. Typical 15 (easy) … 35 (wire). */
  sentenceLength: number;
  /** Moving-average type–token ratio of lemmas, 100-word window; 0–1 (0 for no words). */
  lexicalVariety: number;
  /** Share of running words ending in -ing, -ed or -ly; 0–1. */
  suffixShare: number;
  /** Share of word tokens that are proper nouns (`Lavrov`, `Munich`); 0–1. */
  nameShare: number;
}

/** A story's level. */
export interface Level {
  /** Continuous difficulty, higher is harder; 0–6 on the CEFR-like scale (B1 starts at 2). */
  score: number;
  /** The band `score` falls in (see `bandForScore`). */
  band: CefrBand;
  /** Vocabulary profile of the running words. */
  profile: VocabularyProfile;
  /** Readability counts and formulas (all words, names included). */
  readability: Readability;
  /** The features behind `score`. */
  features: LevelFeatures;
}

/** Fitted model constants: weights on `LevelFeatures`, and the two level boundaries on `raw`. */
export interface LevelModel {
  /** `raw = intercept + Σ weights[f] · features[f]`; higher is harder, no fixed scale (see the boundaries). */
  intercept: number;
  /** Weight per feature, in the feature's own units. */
  weights: Readonly<Record<keyof LevelFeatures, number>>;
  /** `raw` boundary between elementary and intermediate (maps to score 2.0, A2|B1). */
  elementaryIntermediate: number;
  /** `raw` boundary between intermediate and advanced (maps to score 3.0, B1|B2). */
  intermediateAdvanced: number;
}

/** Score at the fitted elementary|intermediate boundary: the A2|B1 border. */
export const SCORE_AT_ELEMENTARY_INTERMEDIATE = 2;
/** Score at the fitted intermediate|advanced boundary: the B1|B2 border. */
export const SCORE_AT_INTERMEDIATE_ADVANCED = 3;
/** Scores are clamped to this range. */
export const SCORE_MIN = 0;
/** Scores are clamped to this range. */
export const SCORE_MAX = 6;

/** Window of running words for `hardTypeShare`. */
export const HARD_TYPE_WINDOW = 250;
/** Window of running words for `lexicalVariety` (MATTR). */
export const VARIETY_WINDOW = 100;

/**
 * The shipped model. Fitted by `npx tsx bench/levels.ts` on the OneStopEnglish records of
 * `/work/shared/data/news/freely-licensed.jsonl`: groups whose FNV-1a hash of the group id mod 10
 * is < 6 are the fitting part (ordinal–pairwise fit for the weights, best-accuracy cut points for
 * the boundaries), the rest are held out. The bench prints freshly fitted values to compare with these.
 */
export const LEVEL_MODEL: LevelModel = {
  intercept: -20.0875,
  weights: {
    hardTypeShare: 29.8449,
    sentenceLength: 0.3171,
    lexicalVariety: 9.0892,
    suffixShare: 50.8798,
    nameShare: -10.0744,
  },
  elementaryIntermediate: -0.948,
  intermediateAdvanced: 1.3207,
};

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

/** The score's features for analysed tokens (see `LevelFeatures`). Never NaN; empty → all 0. */
export function levelFeatures(tokens: readonly LevelToken[]): LevelFeatures {
  const lemmas: string[] = [];
  const hard: boolean[] = [];
  let suffixed = 0;
  let words = 0;
  let names = 0;
  const sentenceWords = new Map<number, number>();
  for (const token of tokens) {
    if (token.kind !== 'word') continue;
    words += 1;
    sentenceWords.set(token.sentenceIndex, (sentenceWords.get(token.sentenceIndex) ?? 0) + 1);
    if (token.properNoun) {
      names += 1;
      continue;
    }
    lemmas.push(lemmaKey(token));
    hard.push(token.band !== 'zk');
    if (hasClauseSuffix(token.text)) suffixed += 1;
  }
  let squares = 0;
  for (const n of sentenceWords.values()) squares += n * n;
  return {
    hardTypeShare: windowedTypeShare(lemmas, hard, HARD_TYPE_WINDOW),
    sentenceLength: sentenceWords.size === 0 ? 0 : Math.sqrt(squares / sentenceWords.size),
    lexicalVariety: windowedTypeShare(lemmas, null, VARIETY_WINDOW),
    suffixShare: lemmas.length === 0 ? 0 : suffixed / lemmas.length,
    nameShare: words === 0 ? 0 : names / words,
  };
}

/** -ing (`rising`, not `king`), -ed (`agreed`, not `red`), -ly (`largely`, not `fly`). */
function hasClauseSuffix(word: string): boolean {
  const w = word.toLowerCase();
  return (w.length > 5 && w.endsWith('ing')) || (w.length > 4 && (w.endsWith('ed') || w.endsWith('ly')));
}

/**
 * Moving-window type share: for every window of `window` consecutive items, the number of
 * distinct items (only those flagged in `counted`, or all when `counted` is null) divided by the
 * window size, averaged over all window positions. Shorter input is one window of its own length.
 */
function windowedTypeShare(
  items: readonly string[],
  counted: readonly boolean[] | null,
  window: number,
): number {
  const n = items.length;
  if (n === 0) return 0;
  const w = Math.min(window, n);
  const seen = new Map<string, number>();
  let distinct = 0;
  const add = (i: number, delta: 1 | -1): void => {
    if (counted && !counted[i]) return;
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

/** `raw` model output for features: intercept + weighted sum. */
export function rawScore(features: LevelFeatures, model: LevelModel = LEVEL_MODEL): number {
  let raw = model.intercept;
  for (const key of Object.keys(model.weights) as (keyof LevelFeatures)[]) {
    raw += model.weights[key] * features[key];
  }
  return raw;
}

/**
 * `raw` → score: the fitted boundaries go to 2.0 and 3.0, linear in between and beyond, clamped
 * to `SCORE_MIN`–`SCORE_MAX`. A non-finite `raw` or degenerate model gives `SCORE_MIN`.
 */
export function scoreFromRaw(raw: number, model: LevelModel = LEVEL_MODEL): number {
  const span = model.intermediateAdvanced - model.elementaryIntermediate;
  if (!Number.isFinite(raw) || !(span > 0)) return SCORE_MIN;
  const perRaw = (SCORE_AT_INTERMEDIATE_ADVANCED - SCORE_AT_ELEMENTARY_INTERMEDIATE) / span;
  const score = SCORE_AT_ELEMENTARY_INTERMEDIATE + (raw - model.elementaryIntermediate) * perRaw;
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, score));
}

/** The CEFR-like band of a score: A1 below 1, A2 below 2, … C1 below 5, C2 from 5 on. NaN → A1. */
export function bandForScore(score: number): CefrBand {
  if (!(score >= 1)) return 'A1';
  const index = Math.min(CEFR_BANDS.length - 1, Math.floor(score));
  return CEFR_BANDS[index] as CefrBand;
}

/**
 * Level of a story from its analysed tokens (`analyzeText(body, dict).tokens`). Pure; never
 * throws or returns NaN: a story with no running words is A1 with score `SCORE_MIN`.
 */
export function estimateLevel(tokens: readonly LevelToken[], model: LevelModel = LEVEL_MODEL): Level {
  const features = levelFeatures(tokens);
  const profile = vocabularyProfile(tokens);
  const score = profile.runningWords === 0 ? SCORE_MIN : scoreFromRaw(rawScore(features, model), model);
  return {
    score,
    band: bandForScore(score),
    profile,
    readability: readability(tokens),
    features,
  };
}
