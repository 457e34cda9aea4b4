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
import type { Band, Exam } from '../text/bands.js';
import { lemmaCandidates, NEGATED_BASES, normalizeWord } from '../text/lemmatize.js';
import type { Lexicon, PhraseNode, WordInfo } from '../text/lexicon.js';
import { hintOfEcdictPos, POS_HINT } from '../text/pos.js';
import { bandFromCode, examsOf, frequencyRank } from './bands.js';
import { TwoGenerationCache } from './cache.js';
import {
  type FormKind,
  formKindsOf,
  hintOfFormKinds,
  isInflectionNoteOnly,
  parseExchange,
  posHintOfTranslation,
  splitTranslation,
  type Translation,
  type WordForms,
} from './fields.js';
import { FLAG_GENERAL, FLAG_NAME, FLAG_OWN_SENSE, SCHEMA_LAYOUT, SCHEMA_VERSION } from './schema.js';

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
  /** The entry for a written form, found through case, clitics and lemmas; `null` if none. */
  lookup(word: string): DictionaryEntry | null;
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

  lookup(word: string): DictionaryEntry | null {
    const row = this.resolve(word);
    if (row) return this.entryOf(word, row);
    if (!/[-‐‑]/.test(word)) return null;
    const parts = this.lookupParts(word);
    return parts[parts.length - 1] ?? null;
  }

  lookupParts(word: string): DictionaryEntry[] {
    const out: DictionaryEntry[] = [];
    for (const part of word.split(/[-‐‑]+/)) {
      if (!part) continue;
      const row = this.resolve(part);
      if (row) out.push(this.entryOf(part, row));
    }
    return out;
  }

  private entryOf(query: string, row: WordRow): DictionaryEntry {
    const lemma = this.getEntry.get(row.lemma) as EntryRow;
    const own =
      row.entry !== null && row.entry !== row.lemma && row.flags & FLAG_OWN_SENSE ? row.entry : null;
    const ownRow = own === null ? undefined : this.getEntry.get(own);
    const exams = examsOf(lemma.tag);
    const spelled = row.ownWord ?? normalizeWord(query.replace(RE_CLITIC, '$1'));
    return {
      query,
      word: spelled,
      lemma: lemma.word,
      inflection: row.entry === row.lemma ? [] : formKindsOf(row.kinds),
      phonetic: lemma.phonetic,
      translations: splitTranslation(lemma.translation),
      definition: lemma.definition,
      forms: parseExchange(lemma.exchange).forms,
      exams,
      band: bandFromCode(row.band) ?? 'rare',
      collins: lemma.collins,
      oxford: lemma.oxford === 1,
      bnc: lemma.bnc,
      frq: lemma.frq,
      ownSense: ownSenseOf(ownRow),
    };
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
