/**
 * Vocabulary bands derived from ECDICT fields (the `Band` type, its order, levels and labels are
 * in `text/bands.ts`): which exam list a word first appears on, or how frequent it is.
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

import { BAND_ORDER, type Band, EXAM_ORDER, type Exam } from '../text/bands.js';

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
