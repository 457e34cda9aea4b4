import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract, type StoreContractOptions } from '../store-contract.js';
import { listWhere } from '../story-rows.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `store-${++files}.db`);

async function openTwoOnFile(options: StoreContractOptions = {}) {
  const path = freshFile();
  return [openSqliteStore(path, options), openSqliteStore(path, options)] as [
    ReturnType<typeof openSqliteStore>,
    ReturnType<typeof openSqliteStore>,
  ];
}

describeStoreContract({
  name: 'sqlite (in memory)',
  open: async (options) => openSqliteStore(':memory:', options),
  openTwo: openTwoOnFile,
});

describeStoreContract({
  name: 'sqlite (on a file)',
  open: async (options) => openSqliteStore(freshFile(), options),
  openTwo: openTwoOnFile,
});

describe('sqlite: opening', () => {
  it('refuses a database from a newer lingwire', async () => {
    const path = freshFile();
    await openSqliteStore(path).close();
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openSqliteStore(path)).toThrow('newer than this lingwire');
  });

  it('refuses a missing file when it must exist, naming it', () => {
    const path = join(dir, 'absent.db');
    expect(() => openSqliteStore(path, { mustExist: true })).toThrow(
      expect.objectContaining({ code: 'STORE_FAILURE', message: expect.stringContaining(path) }),
    );
  });

  it('migrates a database of the previous release, keeping its sections in creation order', async () => {
    const path = freshFile();
    const raw = new Database(path);
    for (const migration of SQLITE_MIGRATIONS.slice(0, 3)) raw.exec(migration);
    raw.pragma('user_version = 3');
    raw.exec(`INSERT INTO sections (slug, name_zh, created_at) VALUES ('b', '乙', 'x'), ('a', '甲', 'x')`);
    raw.close();
    const store = openSqliteStore(path);
    expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['b', 'a']);
    const c = await store.sections.createSection({ slug: 'c', nameZh: '丙', nameEn: '' });
    expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['b', 'a', 'c']);
    expect(await store.changes.findChangesSince(0)).toEqual({ latest: 1, tags: ['sections'] });
    expect(c.slug).toBe('c');
    await store.close();
  });
});

describe('sqlite: another process holding the write lock', () => {
  const BUSY = {
    code: 'STORE_BUSY',
    message: 'the database is busy: another lingwire process is writing to it; try again when it finishes.',
    cause: expect.objectContaining({ code: 'SQLITE_BUSY' }),
  };

  it.each<[string, (store: ReturnType<typeof openSqliteStore>) => Promise<unknown>]>([
    ['a transaction (BEGIN IMMEDIATE)', (s) => s.transaction((tx) => tx.meta.saveMeta('k', 'v'))],
    [
      'a write outside a transaction',
      (s) => s.sections.createSection({ slug: 'x', nameZh: '某', nameEn: '' }),
    ],
  ])('makes %s fail with STORE_BUSY, keeping the cause', async (_, write) => {
    const path = freshFile();
    const store = openSqliteStore(path, { busyTimeoutMs: 10 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(write(store)).rejects.toMatchObject(BUSY);
      expect(await store.sections.listSections()).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await write(store);
    await store.close();
  });
});

describe('sqlite: the change token with changeCheckMs', () => {
  it('moves at once for its own writes, and within the interval for another connection’s', async () => {
    const path = freshFile();
    const server = openSqliteStore(path, { changeCheckMs: 200 });
    const importer = openSqliteStore(path);
    try {
      const start = server.changeToken();
      await server.meta.saveMeta('a', '1');
      const own = server.changeToken();
      expect(own).not.toBe(start);

      await importer.meta.saveMeta('b', '2');
      const committed = performance.now();
      // Read again within the interval: the last reading stands (no read transaction taken).
      const early = server.changeToken();
      const checkedEarly = performance.now() - committed < 200;
      let token = early;
      while (token === own && performance.now() - committed < 2000) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        token = server.changeToken();
      }
      expect(token).not.toBe(own);
      expect(performance.now() - committed).toBeLessThan(400);
      if (checkedEarly) expect(early).toBe(own);
    } finally {
      await server.close();
      await importer.close();
    }
  });
});

describe('sqlite: the listed stories index', () => {
  it('answers a section page’s count and list from the partial index of listed stories', async () => {
    const path = freshFile();
    await openSqliteStore(path).close();
    const raw = new Database(path, { readonly: true });
    try {
      // The clauses `listWhere` writes for a reader's section page.
      const plan = (sql: string) =>
        (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join(' ');
      const listed = "duplicate_of IS NULL AND status = 'published' AND section_id = 1";
      // …which is what `listWhere` writes for one (the status written out, not bound).
      expect(listWhere({ sectionId: 1 }, () => '?').where).toBe(
        "WHERE duplicate_of IS NULL AND status = 'published' AND section_id = ?",
      );
      expect(plan(`SELECT COUNT(*) FROM stories WHERE ${listed}`)).toContain('stories_listed_by_section');
      expect(
        plan(`SELECT id FROM stories WHERE ${listed} ORDER BY sort_at DESC, id DESC LIMIT 20`),
      ).toContain('stories_listed_by_section');
    } finally {
      raw.close();
    }
  });
});
