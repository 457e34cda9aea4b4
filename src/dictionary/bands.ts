/**
 * Vocabulary bands: which exam list a word first appears on, or how frequent it is.
 *
 * Order of the exam lists, easiest first: 中考 zk < 高考 gk < CET-4 < CET-6 < 考研 ky < IELTS <
 * TOEFL < GRE. The lists are not nested (a word can be on TOEFL and not on IELTS), so the order is
 * the one a Chinese learner usually meets them in, and it agrees with frequency: measured on
 * ECDICT, the median frequency rank of words whose lowest list is each exam is
 * zk 992 < gk 3,247 < cet4 4,007 < cet6 7,068 < ky 7,343 < ielts 10,344 < toefl 14,039 < gre 19,567
 * (rank = the smaller of ECDICT's COCA `frq` and BNC `bnc` ranks).
 *
 * Words on no list get a frequency band from that rank, and `bandLevel` puts both kinds on one
 * 1–9 scale so a level estimator can mix them: a top-2,000 word sits with gk, top-5,000 with
 * cet4, top-10,000 with ky, top-20,000 with toefl, anything rarer (or unranked) above GRE.
 */

/** An exam word list, as ECDICT's `tag` field names it. */
export type Exam = 'zk' | 'gk' | 'cet4' | 'cet6' | 'ky' | 'ielts' | 'toefl' | 'gre';

/** Exam lists, easiest first (the order `bandOf` uses). */
export const EXAM_ORDER: readonly Exam[] = ['zk', 'gk', 'cet4', 'cet6', 'ky', 'ielts', 'toefl', 'gre'];

/** Frequency band of a word on no exam list: rank ≤ 2,000 / 5,000 / 10,000 / 20,000, or rarer. */
export type FrequencyBand = 'top2k' | 'top5k' | 'top10k' | 'top20k' | 'rare';

/** A word's vocabulary band: its lowest exam list, else its frequency band. */
export type Band = Exam | FrequencyBand;

/** Every band in `bandLevel` order (codes stored in the index are 1 + the position here). */
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

/** Display names for learners. */
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

/** The exams in an ECDICT `tag` field (`'zk gk cet4'`), in `EXAM_ORDER`. Unknown tags are ignored. */
export function examsOf(tag: string): Exam[] {
  if (!tag) return [];
  const tags = tag.split(' ');
  return EXAM_ORDER.filter((exam) => tags.includes(exam));
}

/** The smaller non-zero of ECDICT's `frq` (COCA) and `bnc` ranks; 0 when the word has neither. */
export function frequencyRank(frq: number, bnc: number): number {
  if (frq > 0 && bnc > 0) return Math.min(frq, bnc);
  return frq > 0 ? frq : Math.max(bnc, 0);
}

/** The fields `bandOf` reads: a `DictionaryEntry` has them. */
export interface BandSource {
  /** Exam lists the word is on, any order. */
  exams: readonly Exam[];
  /** COCA frequency rank, 0 = unknown. */
  frq: number;
  /** BNC frequency rank, 0 = unknown. */
  bnc: number;
}

/** A word's band: its lowest exam in `EXAM_ORDER`, else its frequency band. */
export function bandOf(entry: BandSource): Band {
  for (const exam of EXAM_ORDER) if (entry.exams.includes(exam)) return exam;
  const rank = frequencyRank(entry.frq, entry.bnc);
  if (rank === 0) return 'rare';
  if (rank <= 2000) return 'top2k';
  if (rank <= 5000) return 'top5k';
  if (rank <= 10000) return 'top10k';
  if (rank <= 20000) return 'top20k';
  return 'rare';
}

/** Band → the small integer stored in the index (1-based position in `BAND_ORDER`). */
export function bandCode(band: Band): number {
  return BAND_ORDER.indexOf(band) + 1;
}

/** Stored integer → band; `null` for 0 or an unknown code. */
export function bandFromCode(code: number): Band | null {
  return BAND_ORDER[code - 1] ?? null;
}
