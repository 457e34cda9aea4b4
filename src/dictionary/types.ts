/**
 * The dictionary's public shapes: the `Dictionary` interface and what its `lookup` returns, apart
 * from the SQLite implementation (`dictionary.ts`) so that file stays readable in one sitting.
 */

import type { Band, Exam } from '../text/bands.js';
import type { Lexicon, PhraseNode, WordInfo } from '../text/lexicon.js';
import type { Upos } from '../text/pos.js';
import type { FormKind, Translation, WordForms } from './fields.js';

/** What `lookup` returns: the lemma's entry, seen from the form that was looked up. */
export interface DictionaryEntry {
  /** The form as asked (`Discussed`, `Russia's`). */
  query: string;
  /** The spelling found: the headword of the form's own entry (`discussed`, `Russia`, `U.S.`) or the normalised form. */
  word: string;
  /** Headword of the lemma whose entry fills the fields below (`discuss`); `=== word` for a lemma. */
  lemma: string;
  /** How `word` inflects `lemma` (`['pastParticiple', 'past']`); `[]` when it is the lemma. */
  inflection: FormKind[];
  /** IPA-like phonetic of the lemma as ECDICT gives it (`dis'kʌs`), `''` if none. */
  phonetic: string;
  /** Chinese meanings, one line per part of speech as ECDICT groups them. */
  translations: Translation[];
  /** English definition (WordNet-style lines joined by `\n`), `''` if none. */
  definition: string;
  /** The lemma's forms. */
  forms: WordForms;
  /** Exam lists the lemma is on, easiest first. */
  exams: Exam[];
  /** Vocabulary band of the lemma (see `bands.ts`). */
  band: Band;
  /** Collins stars, 0 (none) … 5 (most common). */
  collins: number;
  /** In the Oxford 3000 core vocabulary. */
  oxford: boolean;
  /** BNC frequency rank, 1 = most frequent, 0 = unknown. */
  bnc: number;
  /** COCA frequency rank, 1 = most frequent, 0 = unknown. */
  frq: number;
  /**
   * The inflected form's own sense when its entry says more than "X 的复数" (`hostilities` →
   * `n. 战争行动, 战争`; `said` → `a. 上述的`); `null` otherwise and for lemmas.
   */
  ownSense: { translations: Translation[]; definition: string } | null;
}

/** Options of `Dictionary.lookup`. */
export interface LookupOptions {
  /** The word's part of speech in its sentence; default none (ECDICT's order). */
  pos?: Upos | null;
}

/** Options of `openDictionary`. */
export interface OpenOptions {
  /** Most spellings kept in each cache generation. Default 50,000; range 1,000–1,000,000. */
  cacheSize?: number;
}

/**
 * An opened index. Not thread-safe; one per process is the intended use. It is the `Lexicon` the
 * text analysis (`text/analyze.ts`) reads: `wordInfo` (cached, no entry text) and the phrase tries.
 */
export interface Dictionary extends Lexicon {
  /** The index file. */
  readonly path: string;
  /**
   * The entry for a written form, found through case, clitics and lemmas; `null` if none. Its
   * lines are cleaned of noise (`senses.ts`); with `pos`, that part of speech's lines come first
   * and an inflected form with a sense of that class is its own word (`meeting` NOUN → 会议).
   * Entries are cached and shared, so they are frozen: copy before changing (`[...entry.exams]`).
   */
  lookup(word: string, options?: LookupOptions): DictionaryEntry | null;
  /** Entries for each part of a hyphenated compound that is found (`cease-fire` → `cease`, `fire`). */
  lookupParts(word: string): DictionaryEntry[];
  /** The lemma's ECDICT headword (`discussed` → `discuss`, `Russia's` → `Russia`), or `null`. */
  lemmaOf(word: string): string | null;
  /** Analyser facts about a written form (a shared frozen object), or `null` if the index does not know it. */
  wordInfo(word: string): WordInfo | null;
  /**
   * Keep the spellings of frequency rank ≤ `maxRank` in memory for good (default 20,000, about
   * 45,000 spellings, ~0.2 s); returns how many. Optional: the caches fill on their own.
   */
  preload(maxRank?: number): number;
  /** Phrase trie for phrases starting with `first` (used by `findPhrases` in `text/phrases.ts`). */
  phrasesStartingWith(first: string): PhraseNode | undefined;
  /** The `meta` table: schema version, build time and counts. */
  meta(): Record<string, string>;
  /** Close the connection; further calls throw. */
  close(): void;
}
