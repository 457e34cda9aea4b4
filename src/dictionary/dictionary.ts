/**
 * Word lookup over lingwire's ECDICT index (built by `build.ts`, layout in `schema.ts`).
 *
 * A `Dictionary` holds one read-only SQLite connection with prepared statements and two caches:
 * spelling → index row (bounded, two generations, so the working set of a site stays in memory)
 * and written form → resolved row. Opening reads nothing but the `meta` table; nothing happens at
 * import time.
 *
 * How a written form is found (`resolve`), first hit wins:
 * 1. its case-folded spelling (`Discussed` → `discussed`, whose lemma the build resolved:
 *    `discuss`); an all-capital initialism whose entry is a lower-case word tries the dotted form
 *    first (`US` → `U.S.`, not `us` 我们);
 * 2. without a trailing dot (`Gov.` → `gov`), without a clitic (`Russia's` → `Russia`,
 *    `can't` → `can`), without hyphens (`cease-fire` → `ceasefire`);
 * 3. the rule-based lemma candidates of `text/lemmatize.ts`, accepting only spellings the index has
 *    (general vocabulary preferred): `bolstering` → `bolster`.
 * A hyphenated compound still not found is looked up by its parts (`lookupParts`; `lookup` returns
 * the last part found, the head of an English compound: `Moscow-based` → `based` → `base`).
 */

import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { lemmaCandidates, NEGATED_BASES, normalizeWord } from '../text/lemmatize.js';
import type { PhraseNode, WordInfo } from '../text/lexicon.js';
import { hintOfEcdictPos, POS_HINT, type PosClass, posClassOf, posClassOfEcdictLabel } from '../text/pos.js';
import { bandFromCode, examsOf, frequencyRank } from './bands.js';
import { TwoGenerationCache } from './cache.js';
import {
  formKindsOf,
  hintOfFormKinds,
  isInflectionNoteOnly,
  parseExchange,
  posHintOfTranslation,
  splitTranslation,
  type Translation,
} from './fields.js';
import { FLAG_GENERAL, FLAG_NAME, FLAG_OWN_SENSE, SCHEMA_LAYOUT, SCHEMA_VERSION } from './schema.js';
import {
  borrowHyphenated,
  cleanDefinition,
  cleanForms,
  cleanTranslations,
  demoteRareSenses,
  hasPartOfSpeech,
  orderForPos,
} from './senses.js';
import type { Dictionary, DictionaryEntry, LookupOptions, OpenOptions } from './types.js';

export type { Dictionary, DictionaryEntry, LookupOptions, OpenOptions } from './types.js';

interface WordRow {
  entry: number | null;
  lemma: number;
  kinds: string;
  band: number;
  flags: number;
  lemmaWord: string;
  ownWord: string | null;
}

interface EntryRow {
  id: number;
  word: string;
  phonetic: string;
  definition: string;
  translation: string;
  pos: string;
  collins: number;
  oxford: number;
  tag: string;
  bnc: number;
  frq: number;
  exchange: string;
}

const WORD_COLUMNS =
  'entry, lemma, kinds, band, flags, lemma_word AS lemmaWord, ' +
  'CASE WHEN entry IS NULL THEN NULL ELSE coalesce(spelling, key) END AS ownWord';
const RE_CLITIC = /^(.*[\p{L}\p{N}])(n't|'s|'re|'ve|'ll|'d|'m|')$/u;
const RE_INITIALISM = /^[A-Z]{2,4}$/;
const RE_LETTERS = /^[a-z]+$/;

class SqliteDictionary implements Dictionary {
  private readonly db: Database.Database;
  private readonly rows: TwoGenerationCache<WordRow | null>;
  private readonly resolved: TwoGenerationCache<WordRow | null>;
  private readonly infos: TwoGenerationCache<WordInfo | null>;
  /** Whole entries by part-of-speech class and form as asked: a story page looks up hundreds. */
  private readonly entries: TwoGenerationCache<DictionaryEntry | null>;
  private readonly hot = new Map<string, WordRow>();
  private readonly phraseTries = new Map<string, PhraseNode | undefined>();
  private readonly getWord: Database.Statement<[string], WordRow>;
  private readonly getEntry: Database.Statement<[number], EntryRow>;
  private readonly getFacts: Database.Statement<
    [number],
    { frq: number; bnc: number; oxford: number; translation: string }
  >;
  private readonly getTranslation: Database.Statement<[number], { translation: string }>;
  private readonly getPhrases: Database.Statement<[string], { key: string; word: string }>;

  constructor(
    readonly path: string,
    options: OpenOptions,
  ) {
    const size = Math.min(1_000_000, Math.max(1000, options.cacheSize ?? 50_000));
    this.rows = new TwoGenerationCache(size);
    this.resolved = new TwoGenerationCache(size);
    this.infos = new TwoGenerationCache(size);
    this.entries = new TwoGenerationCache(Math.min(size, ENTRY_CACHE_SIZE));
    try {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.db.pragma('query_only = ON');
      this.db.pragma('mmap_size = 268435456');
    } catch (error) {
      throw new AppError('DICTIONARY_UNAVAILABLE', `dictionary: unable to open ${path}`, { cause: error });
    }
    const version = this.metaValue('schema_version');
    const layout = this.metaValue('schema_layout');
    if (version !== String(SCHEMA_VERSION) || layout !== SCHEMA_LAYOUT) {
      this.db.close();
      throw new AppError(
        'DICTIONARY_UNAVAILABLE',
        `dictionary: ${path} has index version ${version ?? 'none'} (layout ${layout ?? 'none'}), expected ${SCHEMA_VERSION} (layout ${SCHEMA_LAYOUT}); rebuild it`,
      );
    }
    try {
      this.getWord = this.db.prepare(`SELECT ${WORD_COLUMNS} FROM word WHERE key = ?`);
      this.getEntry = this.db.prepare('SELECT * FROM entry WHERE id = ?');
      this.getFacts = this.db.prepare('SELECT frq, bnc, oxford, translation FROM entry WHERE id = ?');
      this.getTranslation = this.db.prepare('SELECT translation FROM entry WHERE id = ?');
      this.getPhrases = this.db.prepare(
        'SELECT p.key, e.word FROM phrase p JOIN entry e ON e.id = p.entry WHERE p.first = ?',
      );
    } catch (error) {
      // Tables that do not match the code (`no such column: lemma_word`): stale, rebuild.
      this.db.close();
      throw new AppError(
        'DICTIONARY_UNAVAILABLE',
        `dictionary: ${path} does not match the index layout; rebuild it`,
        {
          cause: error,
        },
      );
    }
  }

  private metaValue(name: string): string | undefined {
    try {
      const row = this.db.prepare('SELECT value FROM meta WHERE name = ?').get(name) as
        | { value: string }
        | undefined;
      return row?.value;
    } catch {
      return undefined;
    }
  }

  meta(): Record<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM meta').all() as { name: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  preload(maxRank = 20_000): number {
    // A sequential scan of `word` beats walking the rank index, whose rows are scattered.
    const rows = this.db
      .prepare(`SELECT key, ${WORD_COLUMNS} FROM word NOT INDEXED WHERE rank > 0 AND rank <= ?`)
      .all(maxRank) as (WordRow & { key: string })[];
    for (const { key, ...row } of rows) this.hot.set(key, row);
    return rows.length;
  }

  /** The index row of a case-folded spelling. */
  private row(key: string): WordRow | null {
    const hot = this.hot.get(key);
    if (hot) return hot;
    const cached = this.rows.get(key);
    if (cached !== undefined) return cached;
    const row = this.getWord.get(key) ?? null;
    this.rows.set(key, row);
    return row;
  }

  /** The row a written form resolves to (see the module comment), cached by the form as written. */
  private resolve(written: string): WordRow | null {
    const cached = this.resolved.get(written);
    if (cached !== undefined) return cached;
    const found = this.find(written);
    this.resolved.set(written, found);
    return found;
  }

  private find(written: string): WordRow | null {
    const form = written.includes('’') ? written.replaceAll('’', "'").trim() : written.trim();
    if (!form) return null;
    const key = normalizeWord(form);
    const row = this.row(key);
    if (RE_INITIALISM.test(form) && (!row || (row.ownWord ?? row.lemmaWord) !== form)) {
      const dotted = this.row(`${key.split('').join('.')}.`);
      if (dotted) return dotted;
    }
    if (row && key.includes('-') && !(row.flags & FLAG_GENERAL)) {
      // `cease-fire` is a bare ECDICT entry; `ceasefire` has the Collins stars and frequency.
      const joined = this.row(key.replaceAll('-', ''));
      if (joined && joined.flags & FLAG_GENERAL) return joined;
    }
    if (row) return row;
    if (key.endsWith('.') && key.length > 1) {
      const bare = this.row(key.slice(0, -1));
      if (bare) return bare;
    }
    const clitic = RE_CLITIC.exec(key);
    if (clitic) {
      const base = clitic[1] as string;
      return this.find(clitic[2] === "n't" ? (NEGATED_BASES[base] ?? base) : base);
    }
    if (key.includes('-')) {
      const joined = this.row(key.replaceAll('-', ''));
      if (joined) return joined;
    }
    if (RE_LETTERS.test(key)) {
      let fallback: WordRow | null = null;
      for (const candidate of lemmaCandidates(key)) {
        const hit = this.row(candidate);
        if (!hit) continue;
        if (hit.flags & FLAG_GENERAL) return hit;
        fallback ??= hit;
      }
      return fallback;
    }
    return null;
  }

  wordInfo(word: string): WordInfo | null {
    const cached = this.infos.get(word);
    if (cached !== undefined) return cached;
    const row = this.resolve(word);
    const facts = row ? this.getFacts.get(row.lemma) : undefined;
    const own = row ? this.ownSenseOf(row) : null;
    const info: WordInfo | null = row
      ? Object.freeze({
          ...own,
          entryKey: row.lemmaWord,
          lemma: normalizeWord(row.lemmaWord),
          band: bandFromCode(row.band),
          nameLike: (row.flags & FLAG_NAME) !== 0,
          general: (row.flags & FLAG_GENERAL) !== 0,
          rank: facts ? frequencyRank(facts.frq, facts.bnc) : 0,
          oxford: facts?.oxford === 1,
          posHint: this.posHintOf(row, facts?.translation ?? ''),
        })
      : null;
    this.infos.set(word, info);
    return info;
  }

  /** The own entry of an inflected form with a sense of its own (`meeting` n. 会议), with its hint. */
  private ownSenseOf(row: WordRow): { ownEntryKey: string; ownPosHint: number } | null {
    if (row.entry === null || row.entry === row.lemma || !(row.flags & FLAG_OWN_SENSE) || !row.ownWord)
      return null;
    const lines = splitTranslation(this.getTranslation.get(row.entry)?.translation ?? '');
    let hint = 0;
    for (const line of lines) if (!isInflectionNoteOnly(line.text)) hint |= hintOfEcdictPos(line.pos);
    return hint === 0 ? null : { ownEntryKey: row.ownWord, ownPosHint: hint };
  }

  /** `POS_HINT` bits of a resolved form: its own entry's and its lemma's part-of-speech lines, its inflection. */
  private posHintOf(row: WordRow, lemmaTranslation: string): number {
    let hint = POS_HINT.known | posHintOfTranslation(lemmaTranslation) | hintOfFormKinds(row.kinds);
    if (row.entry !== null && row.entry !== row.lemma) {
      hint |= posHintOfTranslation(this.getTranslation.get(row.entry)?.translation ?? '');
    }
    if (row.flags & FLAG_NAME) hint |= POS_HINT.name;
    return hint;
  }

  lemmaOf(word: string): string | null {
    return this.resolve(word)?.lemmaWord ?? null;
  }

  lookup(word: string, options: LookupOptions = {}): DictionaryEntry | null {
    const wanted = posClassOf(options.pos);
    const key = `${wanted} ${word}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const entry = this.lookupUncached(word, wanted);
    this.entries.set(key, entry && frozenEntry(entry));
    return entry;
  }

  private lookupUncached(word: string, wanted: PosClass): DictionaryEntry | null {
    const row = this.resolve(word);
    if (row) return this.entryOf(word, row, wanted);
    if (!/[-‐‑]/.test(word)) return null;
    const parts = this.lookupParts(word);
    return parts[parts.length - 1] ?? null;
  }

  lookupParts(word: string): DictionaryEntry[] {
    const out: DictionaryEntry[] = [];
    for (const part of word.split(/[-‐‑]+/)) {
      if (!part) continue;
      const row = this.resolve(part);
      if (row) out.push(this.entryOf(part, row, 'other'));
    }
    return out;
  }

  private entryOf(query: string, row: WordRow, wanted: PosClass): DictionaryEntry {
    const lemma = this.getEntry.get(row.lemma) as EntryRow;
    const own =
      row.entry !== null && row.entry !== row.lemma && row.flags & FLAG_OWN_SENSE ? row.entry : null;
    const ownRow = own === null ? undefined : this.getEntry.get(own);
    let ownSense = ownSenseOf(ownRow);
    // `meeting` as a noun is its own word (会议), not a form of `meet`.
    const useOwn =
      ownRow !== undefined &&
      wanted !== 'other' &&
      ownSense?.translations.some((t) => posClassOfEcdictLabel(t.pos) === wanted) === true;
    const base = useOwn ? (ownRow as EntryRow) : lemma;
    let translations = demoteRareSenses(base.word, cleanTranslations(splitTranslation(base.translation)));
    if (!translations.some(hasPartOfSpeech)) {
      translations =
        borrowHyphenated(normalizeWord(base.word), (key) => this.translationOf(key)) ?? translations;
    }
    if (useOwn) ownSense = null;
    else if (ownSense) ownSense = { ...ownSense, translations: orderForPos(ownSense.translations, wanted) };
    const spelled = row.ownWord ?? normalizeWord(query.replace(RE_CLITIC, '$1'));
    return {
      query,
      word: spelled,
      lemma: base.word,
      inflection: row.entry === row.lemma || useOwn ? [] : formKindsOf(row.kinds),
      phonetic: base.phonetic || lemma.phonetic,
      translations: orderForPos(translations, wanted),
      definition: cleanDefinition(base.definition, translations),
      forms: cleanForms(parseExchange(base.exchange).forms, base.word),
      exams: examsOf(base.tag),
      band: bandFromCode(row.band) ?? 'rare',
      collins: base.collins,
      oxford: base.oxford === 1,
      bnc: base.bnc,
      frq: base.frq,
      ownSense,
    };
  }

  /** The translation lines of a spelling's own entry, or null. */
  private translationOf(key: string): Translation[] | null {
    const row = this.row(key);
    const entry = row?.entry ?? null;
    return entry === null ? null : splitTranslation(this.getTranslation.get(entry)?.translation ?? '');
  }

  phrasesStartingWith(first: string): PhraseNode | undefined {
    if (this.phraseTries.has(first)) return this.phraseTries.get(first);
    const rows = this.getPhrases.all(first);
    let root: PhraseNode | undefined;
    if (rows.length > 0) {
      root = { next: new Map() };
      for (const { key, word } of rows) {
        let node = root;
        for (const part of key.split(' ').slice(1)) {
          let child = node.next.get(part);
          if (!child) {
            child = { next: new Map() };
            node.next.set(part, child);
          }
          node = child;
        }
        node.phrase = { key, word };
      }
    }
    this.phraseTries.set(first, root);
    return root;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Entries kept whole per generation (two generations: up to twice this many, about 1–2 KB each).
 * Building one reads and cleans ECDICT's lines (tens of µs); a story page asks for every word of
 * its vocabulary list and every name, so without it a page's render was a third dictionary work.
 */
const ENTRY_CACHE_SIZE = 10_000;

/** `entry` frozen, with what it holds: a cached entry is shared by every caller. */
function frozenEntry(entry: DictionaryEntry): DictionaryEntry {
  for (const t of entry.translations) Object.freeze(t);
  Object.freeze(entry.translations);
  Object.freeze(entry.inflection);
  Object.freeze(entry.forms);
  Object.freeze(entry.exams);
  if (entry.ownSense) {
    for (const t of entry.ownSense.translations) Object.freeze(t);
    Object.freeze(entry.ownSense.translations);
    Object.freeze(entry.ownSense);
  }
  return Object.freeze(entry);
}

/** An inflected form's own sense, its pure inflection-note lines dropped; null when nothing is left. */
function ownSenseOf(row: EntryRow | undefined): DictionaryEntry['ownSense'] {
  if (!row) return null;
  const translations = splitTranslation(row.translation).filter((t) => !isInflectionNoteOnly(t.text));
  return translations.length > 0 ? { translations, definition: row.definition } : null;
}

/**
 * Open the index at `path` read-only. Throws `AppError('DICTIONARY_UNAVAILABLE')` if the file is
 * missing, unreadable or of another index version (`ensureDictionary` builds or rebuilds it).
 */
export function openIndex(path: string, options: OpenOptions = {}): Dictionary {
  if (!existsSync(path)) {
    throw new AppError(
      'DICTIONARY_UNAVAILABLE',
      `dictionary: no index at ${path}; build it with ensureDictionary()`,
    );
  }
  return new SqliteDictionary(path, options);
}
