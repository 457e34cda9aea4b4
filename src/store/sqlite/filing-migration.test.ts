/**
 * The migration that adds story filings records what a site had before as an editor's choice,
 * except stories in the default section (英语新闻), which may simply have had none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-filing-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('story filing migration', () => {
  it('records stories outside the default section as filed by an editor', async () => {
    const path = join(dir, 'old.db');
    const before = SQLITE_MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE story_filing'));
    expect(before).toBeGreaterThan(0);
    const db = new Database(path);
    for (const sql of SQLITE_MIGRATIONS.slice(0, before)) db.exec(sql);
    db.pragma(`user_version = ${before}`);
    const now = '2026-01-01T00:00:00Z';
    db.exec(
      `INSERT INTO sections (id, slug, name_zh, created_at) VALUES (1, 'news', '英语新闻', '${now}'), (2, 'world', '国际英语新闻', '${now}')`,
    );
    const insert = db.prepare(
      `INSERT INTO stories (id, slug, external_id, section_id, title, title_key, paragraphs, created_at, updated_at, sort_at)
       VALUES (?, ?, ?, ?, 'T', 't', '["x"]', '${now}', '${now}', '${now}')`,
    );
    insert.run(1, 'a', 'a', 1);
    insert.run(2, 'b', 'b', 2);
    db.close();
    const store = openSqliteStore(path);
    try {
      expect(await store.filing.findFilings([1, 2])).toEqual(
        new Map([[2, { source: 'editor', confidence: null }]]),
      );
    } finally {
      await store.close();
    }
  });
});
