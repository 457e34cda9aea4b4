/**
 * The lemmas of each exam word list (ECDICT's `tag`: 中考 zk, 高考 gk, 四级 cet4 …), for a learner
 * who starts from a level instead of from zero (`POST /api/me/known-from-exam`). Read once per
 * dictionary from its index and kept; lemmas are normalised as the story analysis stores them
 * (`Dictionary.wordInfo(word).lemma`), so they match the lemmas of stories.
 */
import Database from 'better-sqlite3';
import { EXAM_ORDER, type Exam } from '../text/bands.js';
import { examsOf } from './bands.js';
import type { Dictionary } from './types.js';

const lists = new WeakMap<Dictionary, Map<Exam, string[]>>();

function readLists(dictionary: Dictionary): Map<Exam, string[]> {
  const byExam = new Map<Exam, Set<string>>(EXAM_ORDER.map((exam) => [exam, new Set()]));
  const db = new Database(dictionary.path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT word, tag FROM entry WHERE tag != ''").all() as Array<{
      word: string;
      tag: string;
    }>;
    for (const { word, tag } of rows) {
      const lemma = dictionary.wordInfo(word)?.lemma ?? word.toLowerCase();
      for (const exam of examsOf(tag)) byExam.get(exam)!.add(lemma);
    }
  } finally {
    db.close();
  }
  return new Map([...byExam].map(([exam, set]) => [exam, [...set].sort()]));
}

/** The lemmas on `exam`'s list and on every easier list (`EXAM_ORDER`), sorted, without repeats. */
export function lemmasUpTo(dictionary: Dictionary, exam: Exam): string[] {
  let byExam = lists.get(dictionary);
  if (!byExam) {
    byExam = readLists(dictionary);
    lists.set(dictionary, byExam);
  }
  const wanted = new Set<string>();
  for (const list of EXAM_ORDER.slice(0, EXAM_ORDER.indexOf(exam) + 1)) {
    for (const lemma of byExam.get(list) ?? []) wanted.add(lemma);
  }
  return [...wanted].sort();
}
