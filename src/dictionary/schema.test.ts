/**
 * The index layout and its version: an index built by an older layout is rebuilt, never used.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDictionaryIndex } from './build.js';
import { openIndex } from './dictionary.js';
import { ensureDictionary } from './index.js';
import { SCHEMA_LAYOUT, SCHEMA_VERSION } from './schema.js';

const CSV = [
  'word,phonetic,definition,translation,pos,collins,oxford,tag,bnc,frq,exchange,detail,audio',
  'discuss,dis\'kʌs,v. talk about,"vt. 讨论, 论述",,4,1,zk gk,661,847,d:discussed/p:discussed,,',
  'discussed,,v. talked,v. 讨论（discuss的过去分词）,,,,,0,39128,0:discuss/1:dp,,',
].join('\n');

/** The layout before `lemma_word` was added, with the version number it was shipped under. */
function writeOldIndex(path: string, meta: Record<string, string>): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE entry (id INTEGER PRIMARY KEY, word TEXT NOT NULL);
    CREATE TABLE word (key TEXT PRIMARY KEY, entry INTEGER, lemma INTEGER NOT NULL, band INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE phrase (key TEXT PRIMARY KEY, first TEXT NOT NULL, size INTEGER NOT NULL, entry INTEGER NOT NULL) WITHOUT ROWID;
  `);
  const insert = db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)');
  for (const [name, value] of Object.entries(meta)) insert.run(name, value);
  db.close();
}

let dir: string;
let csvPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-schema-'));
  csvPath = join(dir, 'ecdict.csv');
  writeFileSync(csvPath, CSV);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('index version', () => {
  it('is bumped whenever the layout changes (update this pin together with SCHEMA_VERSION)', () => {
    // If this fails you changed SCHEMA_SQL or INDEX_SQL: bump SCHEMA_VERSION, then copy the new pair here.
    expect({ version: SCHEMA_VERSION, layout: SCHEMA_LAYOUT }).toEqual({ version: 2, layout: '1da78838' });
  });

  it.each([
    ['an older version', { schema_version: '1' }],
    ['the current version number but another layout', { schema_version: String(SCHEMA_VERSION) }],
    [
      'the current version and layout stamps over stale tables',
      { schema_version: String(SCHEMA_VERSION), schema_layout: SCHEMA_LAYOUT },
    ],
    ['no meta at all', {}],
  ])('refuses to open an index with %s, and ensureDictionary rebuilds it', (_label, meta) => {
    const path = join(dir, `stale-${Object.keys(meta).length}-${Math.random().toString(36).slice(2)}.sqlite`);
    writeOldIndex(path, meta);
    expect(() => openIndex(path)).toThrow(expect.objectContaining({ code: 'DICTIONARY_UNAVAILABLE' }));
    expect(ensureDictionary({ path, csvPath })).toBe(path);
    const dict = openIndex(path);
    expect(dict.lemmaOf('discussed')).toBe('discuss');
    expect(dict.meta()).toMatchObject({
      schema_version: String(SCHEMA_VERSION),
      schema_layout: SCHEMA_LAYOUT,
    });
    dict.close();
  });

  it('keeps a current index as it is', () => {
    const path = join(dir, 'current.sqlite');
    buildDictionaryIndex(csvPath, path);
    const builtAt = openIndex(path);
    const stamp = builtAt.meta().built_at;
    builtAt.close();
    ensureDictionary({ path, csvPath });
    const again = openIndex(path);
    expect(again.meta().built_at).toBe(stamp);
    again.close();
  });
});
