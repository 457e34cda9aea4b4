/**
 * Vocabulary bands: which exam list a word first appears on, or how frequent it is, and the names
 * learners see for them. Pure: how a band is derived from a dictionary entry lives with the
 * dictionary (`dictionary/bands.ts`); this is what every layer may know about a band.
 *
 * Order of the exam lists, easiest first: 中考 zk < 高考 gk < CET-4 < CET-6 < 考研 ky < IELTS <
 * TOEFL < GRE. The lists are not nested (a word can be on TOEFL and not on IELTS), so the order is
 * the one a Chinese learner usually meets them in, and it agrees with frequency (see
 * `dictionary/bands.ts` for the measured ranks).
 *
 * Words on no list get a frequency band, and `bandLevel` puts both kinds on one 1–9 scale so a
 * level estimator can mix them: a top-2,000 word sits with gk, top-5,000 with cet4, top-10,000
 * with ky, top-20,000 with toefl, anything rarer (or unranked) above GRE.
 */

/** An exam word list, as ECDICT's `tag` field names it. */
export type Exam = 'zk' | 'gk' | 'cet4' | 'cet6' | 'ky' | 'ielts' | 'toefl' | 'gre';

/** Exam lists, easiest first. */
export const EXAM_ORDER: readonly Exam[] = ['zk', 'gk', 'cet4', 'cet6', 'ky', 'ielts', 'toefl', 'gre'];

/** Frequency band of a word on no exam list: rank ≤ 2,000 / 5,000 / 10,000 / 20,000, or rarer. */
export type FrequencyBand = 'top2k' | 'top5k' | 'top10k' | 'top20k' | 'rare';

/** A word's vocabulary band: its lowest exam list, else its frequency band. */
export type Band = Exam | FrequencyBand;

/** Every band in `bandLevel` order (codes stored in the dictionary index are 1 + the position here). */
export const BAND_ORDER: readonly Band[] = [...EXAM_ORDER, 'top2k', 'top5k', 'top10k', 'top20k', 'rare'];

const LEVEL: Record<Band, number> = {
  zk: 1,
  gk: 2,
  cet4: 3,
  cet6: 4,
  ky: 5,
  ielts: 6,
  toefl: 7,
  gre: 8,
  top2k: 2,
  top5k: 3,
  top10k: 5,
  top20k: 7,
  rare: 9,
};

/** Display names of the bands for learners. */
export const BAND_LABELS: Readonly<Record<Band, string>> = {
  zk: '中考',
  gk: '高考',
  cet4: 'CET-4',
  cet6: 'CET-6',
  ky: '考研',
  ielts: 'IELTS',
  toefl: 'TOEFL',
  gre: 'GRE',
  top2k: '常用 2000',
  top5k: '常用 5000',
  top10k: '常用 10000',
  top20k: '常用 20000',
  rare: '生僻',
};

/** Difficulty of a band on one scale, 1 (中考) … 8 (GRE), 9 (rarer than any list). */
export function bandLevel(band: Band): number {
  return LEVEL[band];
}

/** Harder of two bands by `bandLevel` (either may be null). */
export function harderBand(a: Band | null, b: Band | null): Band | null {
  if (a === null) return b;
  if (b === null) return a;
  return bandLevel(b) > bandLevel(a) ? b : a;
}

/** Names of the band levels (`bandLevel`: 1 = 中考 … 8 = GRE, 9 = rarer) as the reader shows them. */
export const LEVEL_NAMES: Readonly<Record<number, string>> = {
  1: '中考',
  2: '高考',
  3: '四级',
  4: '六级',
  5: '考研',
  6: '雅思',
  7: '托福',
  8: 'GRE',
  9: '超纲',
};

/** Names of the exam lists as the reader and `lingwire dict` show them. */
export const EXAM_NAMES: Readonly<Record<Exam, string>> = {
  zk: '中考',
  gk: '高考',
  cet4: '四级',
  cet6: '六级',
  ky: '考研',
  ielts: '雅思',
  toefl: '托福',
  gre: 'GRE',
};
