/**
 * Build lingwire's ECDICT index (layout in `schema.ts`) from `ecdict.csv`, once.
 *
 * The whole build is one SQLite transaction with prepared statements into a temporary file beside
 * the target, renamed over it only when complete, so a crash or a bad CSV never leaves a half index
 * where `openDictionary` would find it. Lemmas are resolved here, not at lookup time:
 * 1. an entry whose `exchange` names a lemma (`0:discuss`) has that lemma (one step, not chained:
 *    `bettered` → `better`, not `good`);
 * 2. an entry without one takes, if it is not general vocabulary (no exam tag, Collins stars or
 *    Oxford mark), a lemma that lists it among its forms, else one from `lemma.en.txt` (BNC-based,
 *    beside the CSV): `was` → `be`; failing that — general vocabulary or not — the lemma its
 *    translation names when that says nothing but the inflection (`are`, tagged 高考 for the unit
 *    of area, is "be的现在时复数或第二人称单数" → `be`), else the lemma `VARIANT_LEMMAS` gives
 *    (`an` → `a`: no source links them);
 * 3. in 1 and 2, a general-vocabulary entry more frequent than the lemma found for it keeps its
 *    own entry: `number` (rank 143) is not read as the comparative of `numb` (9,317), nor
 *    `ground` as `grind` or `bit` as `bite`; `better` → `good` and `went` → `go` stay;
 * 4. a spelling with no entry at all that some lemma lists as a form gets a row of its own
 *    (`co-chaired` → `co-chair`), as do the forms of `lemma.en.txt`.
 * A form takes its lemma's band (`are` is 中考 like `be`), so these rules change the bands the
 * level estimator sees: bump `SCHEMA_VERSION` with them.
 */

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { normalizeWord } from '../text/lemmatize.js';
import { bandCode, bandOf, examsOf, frequencyRank } from './bands.js';
import { decodeEscapes, readCsvRows } from './csv.js';
import { inflectionNoteLemma, isInflectionNoteOnly, parseExchange } from './fields.js';
import { phraseKeyToKeep } from './phrase-filter.js';
import {
  FLAG_GENERAL,
  FLAG_NAME,
  FLAG_OWN_SENSE,
  INDEX_SQL,
  SCHEMA_LAYOUT,
  SCHEMA_SQL,
  SCHEMA_VERSION,
} from './schema.js';

/** The CSV header ECDICT ships (`detail` and `audio` are read but not stored). */
export const ECDICT_COLUMNS = [
  'word',
  'phonetic',
  'definition',
  'translation',
  'pos',
  'collins',
  'oxford',
  'tag',
  'bnc',
  'frq',
  'exchange',
  'detail',
  'audio',
] as const;

/** Where the build is. `done`/`total` count rows of the current phase. */
export interface BuildProgress {
  /** `entries`: reading the CSV; `words`: resolving lemmas; `phrases`; `finish`: indexes and rename. */
  phase: 'entries' | 'words' | 'phrases' | 'finish';
  /** Rows done in this phase, 0 ≤ done ≤ total. */
  done: number;
  /** Rows in this phase (an estimate for `entries`: the CSV's line count is not known ahead). */
  total: number;
}

/** What a finished build measured. */
export interface BuildReport {
  /** The index written. */
  path: string;
  /** ECDICT headwords stored. */
  entries: number;
  /** Spellings in the `word` table (headwords + bare inflected forms). */
  words: number;
  /** Phrases kept for the phrase finder. */
  phrases: number;
  /** Size of the index file in bytes. */
  bytes: number;
  /** Wall time of the build in milliseconds. */
  ms: number;
}

/** Options of `buildDictionaryIndex`. */
export interface BuildOptions {
  /** Called about every 50,000 rows and at each phase change. Default: none. */
  onProgress?: (progress: BuildProgress) => void;
  /**
   * `lemma.en.txt` to take extra form → lemma pairs from. Default: the file of that name beside
   * the CSV if there is one; `null` to use none.
   */
  lemmaListPath?: string | null;
}

/**
 * Irregular forms whose lemma neither ECDICT's `exchange` nor `lemma.en.txt` nor the form's own
 * translation names (lower-case form → lemma). Keep it to such gaps.
 */
export const VARIANT_LEMMAS: Readonly<Record<string, string>> = { an: 'a' };

interface EntryFacts {
  word: string;
  general: boolean;
  rank: number;
  band: number;
  examBand: number;
  noteOnly: boolean;
  /** The lemma a note-only translation names (`be` for `are`), lower-case; null if none. */
  noteLemma: string | null;
  exchange: string;
}

const PROGRESS_EVERY = 50_000;
const ENTRY_BATCH = 64;

/**
 * Build the index at `outPath` from ECDICT's `csvPath` (atomically: temp file, then rename).
 * Throws `AppError('FILE_NOT_FOUND')` for a missing CSV and `AppError('BAD_INPUT')` for a file
 * that is not ECDICT's CSV, naming the row.
 */
export function buildDictionaryIndex(
  csvPath: string,
  outPath: string,
  onProgress?: (progress: BuildProgress) => void,
  options: Omit<BuildOptions, 'onProgress'> = {},
): BuildReport {
  const started = performance.now();
  if (!existsSync(csvPath)) {
    throw new AppError('FILE_NOT_FOUND', `dictionary: ECDICT CSV not found at ${csvPath}`);
  }
  const lemmaListPath =
    options.lemmaListPath === undefined ? join(dirname(csvPath), 'lemma.en.txt') : options.lemmaListPath;
  mkdirSync(dirname(outPath), { recursive: true });
  const tmpPath = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${Date.now()}.tmp`);
  const db = new Database(tmpPath);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -262144');
    db.exec(SCHEMA_SQL);
    const counts = db.transaction(() => fill(db, csvPath, lemmaListPath, onProgress))();
    onProgress?.({ phase: 'finish', done: 0, total: 1 });
    db.exec(INDEX_SQL);
    const ms = Math.round(performance.now() - started);
    const meta = db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)');
    const source = statSync(csvPath);
    meta.run('schema_version', String(SCHEMA_VERSION));
    meta.run('schema_layout', SCHEMA_LAYOUT);
    meta.run('source', csvPath);
    meta.run('source_bytes', String(source.size));
    meta.run('built_at', new Date().toISOString());
    meta.run('build_ms', String(ms));
    meta.run('entries', String(counts.entries));
    meta.run('words', String(counts.words));
    meta.run('phrases', String(counts.phrases));
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(tmpPath, outPath);
    onProgress?.({ phase: 'finish', done: 1, total: 1 });
    return { path: outPath, ...counts, bytes: statSync(outPath).size, ms };
  } catch (error) {
    if (db.open) db.close();
    try {
      unlinkSync(tmpPath);
    } catch {
      // already gone
    }
    if (error instanceof AppError) throw error;
    throw new AppError('DICTIONARY_UNAVAILABLE', `dictionary: unable to build ${outPath} from ${csvPath}`, {
      cause: error,
    });
  }
}

function toInt(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : 0;
}

function fill(
  db: Database.Database,
  csvPath: string,
  lemmaListPath: string | null,
  onProgress: ((progress: BuildProgress) => void) | undefined,
): { entries: number; words: number; phrases: number } {
  const lemmaList = lemmaListPath && existsSync(lemmaListPath) ? readLemmaList(lemmaListPath) : [];
  const listedForms = new Set(lemmaList.flatMap(([, forms]) => forms));
  const text = readFileSync(csvPath, 'utf8');
  const estimatedRows = Math.max(1, Math.round(text.length / 70));
  const entryColumns =
    'INSERT INTO entry (id, word, phonetic, definition, translation, pos, collins, oxford, tag, bnc, frq, exchange) VALUES ';
  const entryValues = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const insertEntry = db.prepare(entryColumns + entryValues);
  // Rows go in batches of ENTRY_BATCH per statement: a third fewer calls into SQLite.
  const insertEntries = db.prepare(entryColumns + new Array(ENTRY_BATCH).fill(entryValues).join(', '));
  let batch: unknown[] = [];
  const insertPhrase = db.prepare(
    'INSERT OR IGNORE INTO phrase (key, first, size, entry) VALUES (?, ?, ?, ?)',
  );
  const ids = new Map<string, number>();
  const facts: EntryFacts[] = [];
  const phraseRows: [string, number][] = [];
  let row = 0;
  for (const fields of readCsvRows(text)) {
    row++;
    if (row === 1) {
      if (fields.join(',') !== ECDICT_COLUMNS.join(',')) {
        throw new AppError(
          'BAD_INPUT',
          `dictionary: ${csvPath} row 1: expected the ECDICT header "${ECDICT_COLUMNS.join(',')}"`,
        );
      }
      continue;
    }
    if (fields.length !== ECDICT_COLUMNS.length) {
      if (fields.length === 1 && fields[0] === '') continue; // trailing blank line
      throw new AppError(
        'BAD_INPUT',
        `dictionary: ${csvPath} row ${row}: ${fields.length} fields, expected ${ECDICT_COLUMNS.length}`,
      );
    }
    const [word, phonetic, definition, translation, pos, collins, oxford, tag, bnc, frq, exchange] =
      fields as [string, string, string, string, string, string, string, string, string, string, string];
    const headword = word.trim();
    if (!headword) continue;
    const key = normalizeWord(headword);
    if (ids.has(key)) continue; // ECDICT has no case-only duplicates; keep the first if a CSV does
    const id = facts.length + 1;
    ids.set(key, id);
    const zh = decodeEscapes(translation);
    const c = toInt(collins);
    const ox = oxford.trim() === '1' ? 1 : 0;
    const t = tag.trim();
    const b = toInt(bnc);
    const f = toInt(frq);
    batch.push(id, headword, phonetic, decodeEscapes(definition), zh, pos, c, ox, t, b, f, exchange);
    if (batch.length === ENTRY_BATCH * 12) {
      insertEntries.run(batch);
      batch = [];
    }
    const exams = examsOf(t);
    const band = bandOf({ exams, frq: f, bnc: b });
    facts.push({
      word: headword,
      general: exams.length > 0 || c > 0 || ox === 1,
      rank: frequencyRank(f, b),
      band: bandCode(band),
      examBand: exams.length > 0 ? bandCode(band) : 0,
      noteOnly: (exchange.includes('0:') || listedForms.has(key)) && isInflectionNoteOnly(zh),
      noteLemma: inflectionNoteLemma(zh),
      exchange,
    });
    if (headword.includes(' ')) {
      const phraseKey = phraseKeyToKeep({
        word: headword,
        translation: zh,
        collins: c,
        oxford: ox === 1,
        tag: t,
        bnc: b,
        frq: f,
      });
      if (phraseKey) phraseRows.push([phraseKey, id]);
    }
    if (row % PROGRESS_EVERY === 0) onProgress?.({ phase: 'entries', done: row, total: estimatedRows });
  }
  for (let k = 0; k < batch.length; k += 12) insertEntry.run(batch.slice(k, k + 12));
  onProgress?.({ phase: 'entries', done: facts.length, total: facts.length });
  const words = fillWords(db, ids, facts, lemmaFormsOf(lemmaList, ids), onProgress);
  onProgress?.({ phase: 'phrases', done: 0, total: phraseRows.length });
  let phrases = 0;
  for (const [key, id] of phraseRows) {
    const parts = key.split(' ');
    phrases += insertPhrase.run(key, parts[0], parts.length, id).changes;
  }
  onProgress?.({ phase: 'phrases', done: phraseRows.length, total: phraseRows.length });
  return { entries: facts.length, words, phrases };
}

/** Lemma choice among several that list the same form: general vocabulary first, then the more frequent. */
function better(facts: EntryFacts[], a: number, b: number): number {
  const fa = facts[a - 1] as EntryFacts;
  const fb = facts[b - 1] as EntryFacts;
  if (fa.general !== fb.general) return fa.general ? a : b;
  const ra = fa.rank || Number.MAX_SAFE_INTEGER;
  const rb = fb.rank || Number.MAX_SAFE_INTEGER;
  return rb < ra ? b : a;
}

function fillWords(
  db: Database.Database,
  ids: Map<string, number>,
  facts: EntryFacts[],
  lemmaList: Map<string, number>,
  onProgress: ((progress: BuildProgress) => void) | undefined,
): number {
  // form key → [best lemma id, form letters]
  const formOf = new Map<string, [number, string]>();
  facts.forEach((fact, index) => {
    if (!fact.exchange) return;
    const id = index + 1;
    const self = normalizeWord(fact.word);
    for (const part of fact.exchange.split('/')) {
      const colon = part.indexOf(':');
      const letter = part.slice(0, colon);
      if (colon < 1 || letter === '0' || letter === '1') continue;
      const form = normalizeWord(part.slice(colon + 1).trim());
      if (!form || form === self) continue;
      const seen = formOf.get(form);
      if (!seen) formOf.set(form, [id, letter]);
      else if (seen[0] === id) seen[1] += letter;
      else if (better(facts, seen[0], id) === id) formOf.set(form, [id, letter]);
    }
  });
  const insertWord = db.prepare(
    'INSERT OR IGNORE INTO word (key, entry, spelling, lemma, lemma_word, kinds, band, flags, rank) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const rows: [string, number | null, string | null, number, string, string, number, number, number][] = [];
  const add = (key: string, entry: number | null, lemma: number, kinds: string): void => {
    const own = entry === null ? null : (facts[entry - 1] as EntryFacts);
    const base = facts[lemma - 1] as EntryFacts;
    const named = own ?? base;
    let flags = 0;
    if (/^\p{Lu}/u.test(named.word)) flags |= FLAG_NAME;
    if (base.general || own?.general) flags |= FLAG_GENERAL;
    if (own && entry !== lemma && !own.noteOnly) flags |= FLAG_OWN_SENSE;
    const band = base.examBand || own?.examBand || base.band;
    const rank = own?.rank || base.rank;
    const spelling = own && own.word !== key ? own.word : null;
    rows.push([key, entry, spelling, lemma, base.word, kinds, band, flags, rank]);
  };
  facts.forEach((fact, index) => {
    const id = index + 1;
    const key = normalizeWord(fact.word);
    let lemma = id;
    let kinds = '';
    const exchange = fact.exchange ? parseExchange(fact.exchange) : null;
    const named = exchange?.lemma ? ids.get(normalizeWord(exchange.lemma)) : undefined;
    // A general word more frequent than its supposed lemma is a word of its own (rule 3).
    const takes = (other: number | undefined): other is number =>
      other !== undefined &&
      other !== id &&
      !(fact.general && fact.rank > 0 && fact.rank < ((facts[other - 1] as EntryFacts).rank || Infinity));
    if (exchange?.lemma) {
      if (takes(named)) {
        lemma = named;
        kinds = exchange.kinds;
      }
    } else {
      const listed = fact.general ? undefined : formOf.get(key);
      const fromList = fact.general ? undefined : lemmaList.get(key);
      const fromNote = fact.noteLemma === null ? undefined : ids.get(fact.noteLemma);
      const variant = VARIANT_LEMMAS[key];
      const fromVariant = variant === undefined ? undefined : ids.get(variant);
      if (listed && takes(listed[0])) [lemma, kinds] = listed;
      else if (takes(fromList)) lemma = fromList;
      else if (takes(fromNote)) lemma = fromNote;
      else if (takes(fromVariant)) lemma = fromVariant;
    }
    add(key, id, lemma, kinds);
  });
  for (const [form, [lemma, letters]] of formOf) if (!ids.has(form)) add(form, null, lemma, letters);
  for (const [form, lemma] of lemmaList) if (!ids.has(form) && !formOf.has(form)) add(form, null, lemma, '');
  // In key order the WITHOUT ROWID B-tree is filled by appending, several times faster than at random.
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let inserted = 0;
  rows.forEach((row, done) => {
    inserted += insertWord.run(...row).changes;
    if (done % PROGRESS_EVERY === 0) onProgress?.({ phase: 'words', done, total: rows.length });
  });
  onProgress?.({ phase: 'words', done: rows.length, total: rows.length });
  return inserted;
}

/** `lemma.en.txt` (`be/4109826 -> is,was,are,…`, most frequent lemma first) as [lemma, forms] groups. */
function readLemmaList(path: string): [string, string[]][] {
  const groups: [string, string[]][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith(';')) continue;
    const arrow = line.indexOf('->');
    if (arrow < 0) continue;
    const head = normalizeWord(line.slice(0, arrow).split('/')[0]?.trim() ?? '');
    if (head)
      groups.push([
        head,
        line
          .slice(arrow + 2)
          .split(',')
          .map((form) => normalizeWord(form.trim())),
      ]);
  }
  return groups;
}

/**
 * Form → lemma entry id from `lemma.en.txt` groups. A form that heads a group of its own (`they`)
 * or sits in an earlier group is not remapped; clitics (`'s`) and one-letter forms are skipped.
 */
function lemmaFormsOf(groups: [string, string[]][], ids: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const heads = new Set(groups.map(([head]) => head));
  for (const [head, forms] of groups) {
    const lemma = ids.get(head);
    if (lemma === undefined) continue;
    for (const form of forms) {
      if (form.length < 2 || form.startsWith("'") || form === head || heads.has(form) || out.has(form))
        continue;
      out.set(form, lemma);
    }
  }
  return out;
}
