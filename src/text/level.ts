/**
 * A level for every story: a vocabulary profile, readability, and one difficulty `score` with a
 * CEFR-like band (A1–C2) that learners see on the story page and in lists.
 *
 * Input is the analyser's output (`analyzeText(body, lexicon)` from `text/analyze.ts`, with phrases):
 * each word already carries its lemma, vocabulary band, frequency rank, Oxford 3000 flag and
 * proper-noun flag, so this module stays pure (no dictionary, no I/O) and a story is analysed
 * once for both its word list and its level. *Running words* are word tokens that are not proper
 * nouns; numbers are never words. Names are left out of the vocabulary side because a learner is
 * not asked to know `Lavrov`.
 *
 * ## The score
 * `raw = intercept + Σ weight · feature` over the features the fit chose (13 of the 24 candidates
 * in `LEVEL_FEATURES`), each robust to how long the story is (wire stories run from 150 to 1,500
 * words, and a level must not rise because a story is long): shares, per-sentence or per-chunk
 * means, and measures taken in a fixed window of running words and averaged over the windows
 * (MATTR at every word; the others every 25 words). A story shorter than a window is one window
 * of its own length. A story too short to rate — fewer than `MIN_SENTENCES_TO_RATE` (3) sentences
 * or `MIN_WORDS_TO_RATE` (40) running words — gets no score and no band (太短，无法评级): its
 * features are one or two sentences' worth, and "The cat sat on the mat." came out B2.
 *
 * What makes a text harder (positive weights in the shipped model):
 * - `onceHardShare` — hard lemmas (beyond 高考: CET-4 and up, or off the exam lists) used exactly
 *   once in a 250-word window, per word: an original keeps bringing new hard words (`lodge
 *   objections`, `arcane`, `undergo`), a simplified text drops them.
 * - `hardModifierShare` — hard lemmas the tagger calls VERB, ADJ or ADV, per running word: the
 *   words an adaptation replaces (`undergo` → `have`), while hard nouns are the topic it keeps.
 * - `sentenceLength` — root-mean-square sentence length in words (names included).
 * - `suffixShare` — share of -ing/-ed/-ly words: participle clauses and adverbials.
 * - `prepositionShare` — of, in, for, by, through …: the nominal, phrase-stacking style of news.
 * - `nonCoreShare` — words outside the Oxford 3000.
 * - `phraseDensity` — ECDICT phrases per word (`cut to the heart of`, `spring to mind`).
 * - `lexicalVariety` — moving-average type–token ratio over 100 words (MATTR).
 *
 * Corrections (negative weights; each only means something beside the features above):
 * - `repeatedHardShare` — hard lemmas used again in the window: topic words (`shark`, `cull`),
 *   which every version of an article keeps.
 * - `nameShare` — names are in `sentenceLength` but ask less of a reader than vocabulary.
 * - `nounShare` — given the hard words and prepositions, a text of nouns (headline style, lists)
 *   is easier than one that builds clauses around them.
 * - `medianLogRank` — the median ln(frequency rank) of a 100-word window.
 * - `wordsPerChunk` — words between punctuation marks: for the same sentence length, more commas
 *   and dashes means more clauses and asides.
 * A correction is clamped to the range it had on the fitted texts (2.5th–97.5th percentile,
 * `LevelModel.correctionRange`), so it never takes off more than it did there: a Reuters story
 * that is half company names, or a table of figures, is not pushed to A1 by it.
 *
 * Weights (`bench/level-fit.ts`): on features standardised over the fitted texts, minimise (a) the
 * cumulative-logit (ordinal) loss of the OneStopEnglish level (0 elementary, 1 intermediate, 2
 * advanced), plus (b) a pairwise logistic loss over the versions of each article — "the harder
 * version of the same article scores higher" — plus (c) an L2 penalty, then convert back to raw
 * units. The two boundaries (`elementaryIntermediate`, `intermediateAdvanced`) are the cut points
 * on `raw` that classify the fitted texts best. The score puts those boundaries on fixed points of
 * a CEFR-like scale — elementary|intermediate at 2.0 (A2|B1), intermediate|advanced at 3.0 (B1|B2)
 * — linear in between and beyond, clamped to 0–6. Band: A1 < 1 ≤ A2 < 2 ≤ B1 < 3 ≤ B2 < 4 ≤ C1 <
 * 5 ≤ C2. So OneStopEnglish elementary lands mostly at A2, intermediate at B1, advanced at B2–C1.
 *
 * ## How well it does, and how the features were chosen
 * Everything is chosen inside the training data: forward selection adds, one at a time, the
 * candidate that most lowers the held-out ordinal loss of an inner 5-fold cross-validation by
 * article, while it lowers it by 0.001 or more; then the penalty (0.003, 0.01 or 0.03) the same
 * way; then the weights and the boundaries. `npm run bench:levels` measures that whole procedure by
 * nested cross-validation: 5 outer folds by article, the procedure run on four, the fifth only
 * scored, for two fold assignments. Three-level accuracy on the texts it never saw: **82.8 %**, with
 * 99.2 % of articles' three versions ordered; Flesch–Kincaid grade alone, its cut points fitted the
 * same way, 53.1 % in the same run. The previous model reported 83.7 % on a split used for
 * choosing its features; the lead's held-back OneStopEnglish groups gave it 73.5 %. Part of that
 * optimism remains here: twelve of the candidates are that model's features, picked earlier from
 * about 110 by looking at all 126 groups, and no fold can forget that; the held-back groups remain
 * the independent check. The shipped constants are the same procedure on all 126 groups.
 *
 * Text length is deliberately not a feature, though on OneStopEnglish it is strong (advanced
 * versions are ~1.5× as long as elementary ones): that is how the corpus was written, and for news
 * it would rate a long story harder for being long.
 *
 * On real news the shipped model puts the Xinhua seed story at B2 (3.8), BBC and Reuters stories
 * mostly at B1–B2 (medians 2.7 and 2.8) and Wikinews at B1–B2 (2.9): below the Guardian originals
 * that OneStopEnglish adapts (median 3.5), which are long-form features rather than news briefs.
 *
 * The features are computed in `level-features.ts` (re-exported here); this file holds the model,
 * the score and the band. `Band` comes from `text/bands.ts`, so the band names have one definition
 * and a new band fails type-checking instead of being miscounted.
 */

import {
  type LevelFeatures,
  type LevelInput,
  levelFeatures,
  POS_LEVEL_FEATURES,
  type VocabularyProfile,
  vocabularyProfile,
} from './level-features.js';
import { type Readability, readability } from './readability.js';

export type { LevelFeatures, LevelInput, LevelToken, VocabularyProfile } from './level-features.js';
export {
  HARD_WINDOW,
  levelFeatures,
  POS_LEVEL_FEATURES,
  PREPOSITIONS,
  RANK_CAP,
  VARIETY_WINDOW,
  vocabularyProfile,
  WINDOW_STEP,
} from './level-features.js';

/** CEFR-like band, easiest first. */
export type CefrBand = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';

/** Every band, easiest first. */
export const CEFR_BANDS: readonly CefrBand[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

/** A story's level. */
export interface Level {
  /**
   * Continuous difficulty, higher is harder; 0–6 on the CEFR-like scale (B1 starts at 2). Null
   * when the text is too short to rate (`isTooShortToRate`).
   */
  score: number | null;
  /** The band `score` falls in (see `bandForScore`); null when the text is too short to rate. */
  band: CefrBand | null;
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
  /** Weight per feature, in the feature's own units; a feature the model does not use is absent. */
  weights: Readonly<Partial<Record<keyof LevelFeatures, number>>>;
  /**
   * For each feature with a negative weight (a correction), the range it is clamped to before
   * weighing: the 2.5th–97.5th percentile over the fitted texts. A correction never takes off more
   * than it did there (see the module comment); features with a positive weight are not clamped.
   */
  correctionRange: Readonly<Partial<Record<keyof LevelFeatures, readonly [number, number]>>>;
  /** `raw` boundary between elementary and intermediate (maps to score 2.0, A2|B1). */
  elementaryIntermediate: number;
  /** `raw` boundary between intermediate and advanced (maps to score 3.0, B1|B2). */
  intermediateAdvanced: number;
}

/** Every feature: the candidates the fit chooses from (`bench/level-fit.ts`), in the order the bench prints them. */
export const LEVEL_FEATURES: readonly (keyof LevelFeatures)[] = [
  'sentenceLength',
  'lexicalVariety',
  'suffixShare',
  'nameShare',
  'onceHardShare',
  'repeatedHardShare',
  'medianLogRank',
  'nonCoreShare',
  'phraseDensity',
  'prepositionShare',
  'wordsPerChunk',
  'bracketShare',
  ...POS_LEVEL_FEATURES,
];

/** Score at the fitted elementary|intermediate boundary: the A2|B1 border. */
export const SCORE_AT_ELEMENTARY_INTERMEDIATE = 2;
/** Score at the fitted intermediate|advanced boundary: the B1|B2 border. */
export const SCORE_AT_INTERMEDIATE_ADVANCED = 3;
/** Scores are clamped to this range. */
export const SCORE_MIN = 0;
/** Scores are clamped to this range. */
export const SCORE_MAX = 6;

/**
 * A text needs at least this many sentences (with a word in them) to be rated. With fewer, the
 * sentence-length features are one or two numbers and the level says more about those sentences
 * than about the text: "The cat sat on the mat." came out B2.
 */
export const MIN_SENTENCES_TO_RATE = 3;
/**
 * … and at least this many running words (word tokens that are not names; numbers are not words).
 * The windowed features (`HARD_WINDOW`, `VARIETY_WINDOW`) shrink to the text below their window,
 * and under 40 words one hard word moves `onceHardShare` by 2.5 points: a four-word body came out
 * C2. 40 words is about two sentences of wire copy or four of an elementary text.
 */
export const MIN_WORDS_TO_RATE = 40;

/** Whether a text is too short to rate: fewer than `MIN_SENTENCES_TO_RATE` sentences or `MIN_WORDS_TO_RATE` running words. */
export function isTooShortToRate(profile: VocabularyProfile, readability: Readability): boolean {
  return profile.runningWords < MIN_WORDS_TO_RATE || readability.sentences < MIN_SENTENCES_TO_RATE;
}

/**
 * Version of the features and `LEVEL_MODEL` together; stored with every story's level so that
 * levels worked out by an older model are recomputed (`lingwire levels`, or a re-import). Raise it
 * whenever the features or the constants change. 1: five features (hard lemma types, sentence
 * length, variety, suffixes, names); 2: twelve features chosen on all of OneStopEnglish; 3: chosen
 * inside nested cross-validation, on tagged tokens, with part-of-speech candidates; too-short
 * texts unrated.
 */
export const LEVEL_MODEL_VERSION = 3;

/**
 * The shipped model. Fitted by `npm run bench:levels` on every OneStopEnglish group of
 * `shared/data/news/freely-licensed.jsonl` with the procedure whose held-out figure the nested
 * cross-validation measures (`bench/level-fit.ts`: features by forward selection and the penalty,
 * both by inner cross-validation; ordinal–pairwise weights; best-accuracy boundaries). The bench
 * prints freshly fitted values to compare with these. Features without a weight were not chosen.
 */
export const LEVEL_MODEL: LevelModel = {
  intercept: -23.1548,
  weights: {
    onceHardShare: 53.0227,
    sentenceLength: 0.3035,
    suffixShare: 37.2986,
    phraseDensity: 49.3014,
    nameShare: -42.5837,
    prepositionShare: 70.6014,
    nounShare: -18.998,
    wordsPerChunk: -0.5832,
    lexicalVariety: 18.4049,
    hardModifierShare: 76.5827,
    repeatedHardShare: -132.8495,
    nonCoreShare: 30.2174,
    medianLogRank: -1.3797,
  },
  correctionRange: {
    nameShare: [0.0131, 0.1199],
    nounShare: [0.1698, 0.2953],
    wordsPerChunk: [5.9434, 10.3971],
    repeatedHardShare: [0.0015, 0.0245],
    medianLogRank: [3.7075, 5.0061],
  },
  elementaryIntermediate: -2.8017,
  intermediateAdvanced: 2.3171,
};

/** `raw` model output for features: intercept + weighted sum, corrections clamped to their range. */
export function rawScore(features: LevelFeatures, model: LevelModel = LEVEL_MODEL): number {
  let raw = model.intercept;
  for (const key of Object.keys(model.weights) as (keyof LevelFeatures)[]) {
    const range = model.correctionRange[key];
    const value = range ? Math.min(range[1], Math.max(range[0], features[key])) : features[key];
    raw += (model.weights[key] ?? 0) * value;
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
 * Level of a story from its analysis (`analyzeText(body, lexicon)`, with phrases). Pure; never
 * throws or returns NaN. A text too short to rate (`isTooShortToRate`) has score and band null;
 * its profile, readability and features are still there.
 */
export function estimateLevel(input: LevelInput, model: LevelModel = LEVEL_MODEL): Level {
  const { tokens } = input;
  const features = levelFeatures(input);
  const profile = vocabularyProfile(tokens);
  const counts = readability(tokens);
  const score = isTooShortToRate(profile, counts) ? null : scoreFromRaw(rawScore(features, model), model);
  return {
    score,
    band: score === null ? null : bandForScore(score),
    profile,
    readability: counts,
    features,
  };
}
