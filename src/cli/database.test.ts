/**
 * Which store the CLI opens: `--db` over `LINGWIRE_DATABASE_URL` over `LINGWIRE_DB`, a
 * `postgres://` value selecting PostgreSQL; and `lingwire migrate` on both stores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeWithoutPostgres,
  dropTestSchemas,
  freshSchemaUrl,
  TEST_DATABASE_URL,
} from '../../test/postgres.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { POSTGRES_MIGRATIONS } from '../store/postgres/migrations.js';
import { SQLITE_MIGRATIONS } from '../store/sqlite/migrations.js';
import { runCli } from './main.js';

/** A server that refuses connections, with a password that must never be printed. */
const REFUSED = 'postgres://lingwire:secret-pw@127.0.0.1:1/lingwire';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-db-'));
  file = join(dir, 'test.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', name);

describe('lingwire: picking the database', () => {
  it.each<[string, string[], NodeJS.ProcessEnv, 'file' | 'refused']>([
    [
      '--db (a file) over both variables',
      ['--db', '<file>'],
      { LINGWIRE_DATABASE_URL: REFUSED, LINGWIRE_DB: REFUSED },
      'file',
    ],
    [
      '--db (a URL) over both variables',
      ['--db', REFUSED],
      { LINGWIRE_DATABASE_URL: '<file>', LINGWIRE_DB: '<file>' },
      'refused',
    ],
    [
      'LINGWIRE_DATABASE_URL over LINGWIRE_DB',
      [],
      { LINGWIRE_DATABASE_URL: REFUSED, LINGWIRE_DB: '<file>' },
      'refused',
    ],
    [
      'a file in LINGWIRE_DATABASE_URL too',
      [],
      { LINGWIRE_DATABASE_URL: '<file>', LINGWIRE_DB: REFUSED },
      'file',
    ],
    [
      'a postgresql:// URL in LINGWIRE_DB',
      [],
      { LINGWIRE_DB: REFUSED.replace('postgres:', 'postgresql:') },
      'refused',
    ],
  ])('%s', async (_, options, env, expected) => {
    const withFile = (value: string) => value.replace('<file>', file);
    const res = await cli(
      [...options.map(withFile), 'migrate'],
      Object.fromEntries(Object.entries(env).map(([k, v]) => [k, withFile(v!)])),
    );
    if (expected === 'file') {
      expect(res).toMatchObject({
        code: 0,
        out: `sqlite:${file}: schema version ${SQLITE_MIGRATIONS.length}`,
      });
    } else {
      expect(res.code).toBe(1);
      expect(res.err).toMatch(/^lingwire: store: unable to connect to PostgreSQL at 127\.0\.0\.1:1 /);
      expect(res.err).not.toContain('secret-pw');
    }
  });

  it('says which server refused a read command, without the password', async () => {
    const res = await cli(['list'], { LINGWIRE_DATABASE_URL: REFUSED });
    expect(res.code).toBe(1);
    expect(res.err).toContain('postgres://lingwire@127.0.0.1:1/lingwire');
    expect(res.err).not.toContain('secret-pw');
  });
});

if (!TEST_DATABASE_URL) {
  describeWithoutPostgres('lingwire on PostgreSQL');
} else {
  describe('lingwire on PostgreSQL', () => {
    afterAll(dropTestSchemas);

    it('migrates, imports, lists, shows and exports through LINGWIRE_DATABASE_URL', async () => {
      const env = { LINGWIRE_DATABASE_URL: await freshSchemaUrl() };
      const migrated = await cli(['migrate'], env);
      expect(migrated).toMatchObject({ code: 0 });
      expect(migrated.out).toMatch(
        new RegExp(`^postgres://postgres@[^ ]+: schema version ${POSTGRES_MIGRATIONS.length}$`),
      );
      expect((await cli(['migrate'], env)).out).toBe(migrated.out);
      expect(await cli(['import', fixture('stories.jsonl'), fixture('more.txt')], env)).toMatchObject({
        code: 0,
        out: 'Imported 2 files: 4 added, 0 updated, 0 unchanged, 0 skipped.',
      });
      expect((await cli(['import', fixture('stories.jsonl')], env)).out).toBe(
        'Imported 1 file: 0 added, 0 updated, 3 unchanged, 0 skipped.',
      );
      const listed = (await cli(['list', '--json'], env)).out.split('\n').map((l) => JSON.parse(l));
      expect(listed).toHaveLength(4);
      // Every fixture story here is too short to rate (fewer than 3 sentences or 40 running words).
      expect(listed.every((s) => s.level === null)).toBe(true);
      const shown = await cli(['show', 'museum-opens-new-wing-for-modern-art'], env);
      expect(shown.out.split('\n')[0]).toBe('欧美文化:Museum opens new wing for modern art');

      // The same export as from SQLite.
      await cli(['--db', file, 'import', fixture('stories.jsonl'), fixture('more.txt')]);
      const fromSqlite = (await cli(['--db', file, 'export'])).out;
      expect((await cli(['export'], env)).out).toBe(fromSqlite);
    });
  });
}
