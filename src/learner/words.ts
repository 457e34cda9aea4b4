/**
 * A learner's word statuses: setting one by any form of a word (`discussed` → `discuss`), listing
 * them, and starting from an exam list (`known-from-exam`). Lemmas are the dictionary's, lower-case,
 * exactly as the stored story analysis has them, so statuses line up with every story's words.
 */
import { type Clock, systemClock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { lemmasUpTo } from '../dictionary/exam-lists.js';
import type { Dictionary } from '../dictionary/types.js';
import type { Store } from '../store/types.js';
import type { Exam } from '../text/bands.js';
import { lemmaCandidates, normalizeWord } from '../text/lemmatize.js';
import type { WordStatus, WordStatusName } from './model.js';

/** A word as a learner may send it: letters, then letters, hyphens, apostrophes or dots; 1–64 characters. */
const WORD = /^\p{L}[\p{L}\p{M}'’.-]{0,63}$/u;

/** `BAD_INPUT` unless `word` looks like a word. */
export function checkWord(word: string): string {
  if (!WORD.test(word)) {
    throw new AppError(
      'BAD_INPUT',
      `"${word.slice(0, 64)}" is not a word (letters, hyphens and apostrophes; at most 64).`,
    );
  }
  return word;
}

/** What `setStatus` takes. */
export interface StatusChange {
  status: WordStatusName;
  /** 1–4, for `learning` only (default 1). */
  stage?: number;
  /** The lemma meant, when a form has several (`found`: `find` or `found`). */
  lemma?: string;
}

export class WordService {
  private readonly clock: Clock;

  constructor(
    private readonly store: Store,
    private readonly dictionary: () => Dictionary | null,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** The lemma a form of a word stands for, or the chosen one when it is one of the form's lemmas. */
  lemmaFor(word: string, chosen?: string): string {
    const form = normalizeWord(checkWord(word));
    const dictionary = this.dictionary();
    const own = dictionary?.wordInfo(word)?.lemma ?? form;
    if (chosen === undefined) return own;
    const lemma = normalizeWord(checkWord(chosen));
    const forms = dictionary ? Object.values(dictionary.lookup(lemma)?.forms ?? {}) : [];
    const fits =
      lemma === own ||
      lemma === form ||
      lemmaCandidates(form).includes(lemma) ||
      forms.some((f) => typeof f === 'string' && normalizeWord(f) === form);
    if (!fits) throw new AppError('BAD_INPUT', `"${chosen}" is not a lemma of "${word}".`);
    return lemma;
  }

  async setStatus(userId: number, word: string, change: StatusChange): Promise<WordStatus> {
    if (change.status !== 'learning' && change.stage !== undefined) {
      throw new AppError('BAD_INPUT', 'stage is given for learning words only.');
    }
    const lemma = this.lemmaFor(word, change.lemma);
    const stage = change.status === 'learning' ? (change.stage ?? 1) : null;
    return this.store.learning.saveWordStatus(userId, { lemma, status: change.status, stage }, this.now());
  }

  async listWords(
    userId: number,
    query: { status?: WordStatusName; limit: number; offset: number },
  ): Promise<{ words: WordStatus[]; total: number }> {
    const [words, total] = await Promise.all([
      this.store.learning.findWordStatuses(userId, query),
      this.store.learning.countWordStatuses(userId, query.status),
    ]);
    return { words, total };
  }

  /**
   * Marks known every lemma on `exam`'s list and the easier ones that has no status yet (a word the
   * learner marked learning or unknown keeps its status). Needs the dictionary.
   */
  async knownFromExam(userId: number, exam: Exam): Promise<{ exam: Exam; listed: number; marked: number }> {
    const dictionary = this.dictionary();
    if (!dictionary) {
      throw new AppError(
        'DICTIONARY_UNAVAILABLE',
        'The dictionary is not installed on this server (lingwire dict build).',
      );
    }
    const lemmas = lemmasUpTo(dictionary, exam);
    const marked = await this.store.learning.markKnown(userId, lemmas, [], this.now());
    return { exam, listed: lemmas.length, marked };
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
