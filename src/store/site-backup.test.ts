/**
 * `lingwire backup` and `restore` on both stores, on the related-stories fixtures: a restore gives
 * back exactly what was backed up (the same export), a process serving the database sees every
 * page change, a database holding a site or an existing file is not overwritten unless forced,
 * a file that is no lingwire backup is refused with a sentence saying what it is, and (on
 * PostgreSQL) a restore that fails half-way leaves the old content in place.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../../test/postgres.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from '../cli/main.js';
import { openStore, SERVING_CHANGE_CHECK_MS } from './open-store.js';
import type { PostgresStore } from './postgres/store.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'related');
let dir: string;
let files = 0;
const freshFile = (name: string) => join(dir, `${++files}-${name}`);

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function ok(...argv: string[]) {
  const res = await cli(argv);
  expect(res.code, `lingwire ${argv.join(' ')}: ${res.err}`).toBe(0);
  return res.out;
}

async function fixtureSite(db: string) {
  await ok('--db', db, 'import', join(fixtures, 'archive.jsonl'), join(fixtures, 'pinned.jsonl'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-backup-'));
});
afterAll(async () => {
  await dropTestSchemas();
  rmSync(dir, { recursive: true, force: true });
});

const stores: Array<[string, () => Promise<string>, string]> = [
  ['SQLite', async () => freshFile('site.db'), 'site.db.bak'],
];
if (TEST_DATABASE_URL) stores.push(['PostgreSQL', freshSchemaUrl, 'site.dump']);

describe.each(stores)('lingwire backup and restore on %s', (name, freshDatabase, backupName) => {
  it('restores exactly what was backed up, and a process serving the database drops every page', async () => {
    const db = await freshDatabase();
    await fixtureSite(db);
    const backup = freshFile(backupName);
    expect(await ok('--db', db, 'backup', backup)).toMatch(/^Backed up to .* in [\d.]+ s\.$/);
    const before = await ok('--db', db, 'export');

    await ok('--db', db, 'import', join(fixtures, 'new-story.jsonl'));
    expect(await ok('--db', db, 'export')).not.toBe(before);
    const serving = await openStore(db);
    const seen = await serving.changes.latestChange();
    const token = serving.changeToken();

    const refused = await cli(['--db', db, 'restore', backup]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /is not empty \(sections: 5, stories: 14, .*\); restore into an empty database, or give --force/,
    );
    expect(await ok('--db', db, 'restore', '--force', backup)).toBe(`Restored ${backup}: 13 stories.`);
    expect(await ok('--db', db, 'export')).toBe(before);

    if (name === 'PostgreSQL') await (serving as PostgresStore).settle();
    // SQLite: the serving store reads another process's commits once in SERVING_CHANGE_CHECK_MS.
    else await new Promise((resolve) => setTimeout(resolve, SERVING_CHANGE_CHECK_MS + 1));
    expect(serving.changeToken()).not.toBe(token);
    expect(await serving.changes.findChangesSince(seen)).toMatchObject({ tags: ['all'] });
    await serving.close();
  });

  it('restores into an empty database, and refuses to overwrite a backup file', {
    timeout: 120_000,
  }, async () => {
    const db = await freshDatabase();
    await fixtureSite(db);
    const backup = freshFile(backupName);
    await ok('--db', db, 'backup', backup);
    expect(await cli(['--db', db, 'backup', backup])).toMatchObject({
      code: 1,
      err: `lingwire: ${backup} exists already; give another file name, or --force to overwrite it.`,
    });
    await ok('--db', db, 'backup', '--force', backup);
    if (name === 'SQLite') {
      const empty = freshFile('empty.db');
      expect(await ok('--db', empty, 'restore', backup)).toBe(`Restored ${backup}: 13 stories.`);
      expect(await ok('--db', empty, 'export')).toBe(await ok('--db', db, 'export'));
    } else {
      // The same schema name in another database: what moving to a new server looks like.
      const schema = /search_path%3D(\w+)/.exec(db)![1]!;
      const database = `lw_restore_${process.pid}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.query(`CREATE DATABASE ${database}`);
      const other = db.replace(/\/postgres\?/, `/${database}?`);
      const inOther = new pg.Client({ connectionString: other });
      await inOther.connect();
      await inOther.query(`CREATE SCHEMA ${schema}`);
      await inOther.end();
      try {
        expect(await ok('--db', other, 'restore', backup)).toBe(`Restored ${backup}: 13 stories.`);
        expect(await ok('--db', other, 'export')).toBe(await ok('--db', db, 'export'));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.end();
      }
    }
  });

  it('refuses a file that is not a lingwire backup, saying what it is', async () => {
    const db = await freshDatabase();
    const text = freshFile('notes.txt');
    writeFileSync(text, 'not a database\n');
    const res = await cli(['--db', db, 'restore', text]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(
      name === 'SQLite' ? /is not a lingwire backup/ : /pg_restore failed|holds schema/,
    );
    expect(await cli(['--db', db, 'restore', join(dir, 'absent.bak')])).toMatchObject({
      code: 1,
      err: `lingwire: there is no backup file ${join(dir, 'absent.bak')}.`,
    });
  });
});

if (TEST_DATABASE_URL) {
  describe('lingwire backup and restore across stores and tools', () => {
    it('points a SQLite backup bound for PostgreSQL (and back) to the right command', async () => {
      const file = freshFile('site.db');
      await fixtureSite(file);
      const sqliteBackup = freshFile('site.db.bak');
      await ok('--db', file, 'backup', sqliteBackup);
      const url = await freshSchemaUrl();
      expect((await cli(['--db', url, 'restore', sqliteBackup])).err).toContain(
        'is a SQLite backup; to move it to PostgreSQL use lingwire db copy',
      );

      await fixtureSite(url);
      const dump = freshFile('site.dump');
      await ok('--db', url, 'backup', dump);
      expect((await cli(['--db', freshFile('x.db'), 'restore', dump])).err).toContain(
        'is a PostgreSQL backup (pg_dump); restore it into a postgres:// database',
      );
    });

    it('keeps the old content when a restore fails half-way (a truncated backup)', async () => {
      const url = await freshSchemaUrl();
      await fixtureSite(url);
      const dump = freshFile('site.dump');
      await ok('--db', url, 'backup', dump);
      const bytes = readFileSync(dump);
      const truncated = freshFile('truncated.dump');
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      const before = await ok('--db', url, 'export');
      const res = await cli(['--db', url, 'restore', '--force', truncated]);
      expect(res.code).toBe(1);
      expect(res.err).toMatch(/^lingwire: (pg_restore|psql) failed/);
      expect(await ok('--db', url, 'export')).toBe(before);
    });

    it('names the missing program and where it looked', async () => {
      const url = await freshSchemaUrl();
      await fixtureSite(url);
      const res = await cli(['--db', url, 'backup', freshFile('x.dump')], {
        LINGWIRE_PG_BIN: join(dir, 'no-bin'),
      });
      expect(res).toMatchObject({ code: 1 });
      expect(res.err).toBe(
        `lingwire: pg_dump is not installed (looked in ${join(dir, 'no-bin')}): backup and restore on PostgreSQL run PostgreSQL's own pg_dump. Install the client programs (Debian: apt-get install postgresql-client) or set LINGWIRE_PG_BIN to the folder that holds pg_dump.`,
      );
    });
  });
}
