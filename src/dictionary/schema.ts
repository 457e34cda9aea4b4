/**
 * The layout of lingwire's ECDICT index, a SQLite file built once from the CSV (`build.ts`) and
 * opened read-only (`dictionary.ts`).
 *
 * - `entry`: one row per ECDICT headword, fields decoded (`\n` escapes turned into line breaks);
 *   the unused `detail` and `audio` columns are dropped.
 * - `word`: every spelling the analyser can meet, case-folded (ECDICT has no two headwords that
 *   differ only in case): each headword, plus each inflected form that ECDICT lists in some
 *   lemma's `exchange` or that `lemma.en.txt` knows but that has no entry of its own. Each row
 *   points at its own entry (if any) and at its lemma's entry, and carries what the text analyser
 *   needs without touching `entry`: its own headword's spelling when that differs from the key
 *   (`Russia` for `russia`), the lemma's headword, band, flags, form kinds, frequency rank.
 * - `phrase`: the multi-word entries the phrase finder looks for (see `phrase-filter.ts`).
 * - `meta`: schema version, source file and build figures.
 */

/**
 * Bumped when the layout or the build rules change; an index with another version is rebuilt.
 * A layout change is also caught without it (`SCHEMA_LAYOUT` below), and `schema.test.ts` pins
 * the pair so that changing `SCHEMA_SQL` fails until this is bumped. Build-rule changes (what the
 * rows hold) have no such check: bump by hand. 2: `lemma_word` column (version 1 indexes built
 * before it crashed with "no such column"), and lemma rules for `are`, `an`, `number`.
 */
export const SCHEMA_VERSION = 2;

/** `word.flags` bit: the headword (its own entry, else its lemma's) is capitalised (`Russia`, `UN`). */
export const FLAG_NAME = 1;
/** `word.flags` bit: general vocabulary — the word or its lemma has an exam tag, Collins stars or Oxford 3000. */
export const FLAG_GENERAL = 2;
/** `word.flags` bit: an inflected form whose own entry says more than "X 的复数" (`hostilities` 战争行动). */
export const FLAG_OWN_SENSE = 4;

export const SCHEMA_SQL = `
CREATE TABLE meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE entry (
  id INTEGER PRIMARY KEY,
  word TEXT NOT NULL,
  phonetic TEXT NOT NULL,
  definition TEXT NOT NULL,
  translation TEXT NOT NULL,
  pos TEXT NOT NULL,
  collins INTEGER NOT NULL,
  oxford INTEGER NOT NULL,
  tag TEXT NOT NULL,
  bnc INTEGER NOT NULL,
  frq INTEGER NOT NULL,
  exchange TEXT NOT NULL
);
CREATE TABLE word (
  key TEXT PRIMARY KEY,
  entry INTEGER,
  spelling TEXT,
  lemma INTEGER NOT NULL,
  lemma_word TEXT NOT NULL,
  kinds TEXT NOT NULL,
  band INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  rank INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE phrase (
  key TEXT PRIMARY KEY,
  first TEXT NOT NULL,
  size INTEGER NOT NULL,
  entry INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Indexes created after the bulk insert (faster than maintaining them row by row). */
export const INDEX_SQL = `
CREATE INDEX word_rank ON word(rank) WHERE rank > 0;
CREATE INDEX phrase_first ON phrase(first);
`;

/** FNV-1a (32 bit, hex) of a string: a stable fingerprint. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Fingerprint of the table and index definitions, stored in `meta` as `schema_layout` and checked
 * on open beside `schema_version`: an index whose tables differ is rebuilt even if someone forgot
 * to bump the version.
 */
export const SCHEMA_LAYOUT = fingerprint(SCHEMA_SQL.replace(/\s+/g, ' ') + INDEX_SQL.replace(/\s+/g, ' '));
