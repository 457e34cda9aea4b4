/**
 * `lingwire backup` and `restore` on PostgreSQL, through `pg_dump` and `pg_restore`.
 *
 * A backup is `pg_dump --format=custom` of the connection's schema (normally `public`): tables,
 * sequences, indexes and rows, as one consistent snapshot, while the site keeps running.
 *
 * A restore is one transaction: `pg_restore` turns the backup into an SQL script (in a temporary
 * folder: as large as the data), and `psql --single-transaction` runs it after dropping the
 * lingwire tables (`tables.ts`) of the target schema, so either the backup's content replaces the old one completely, or (a failure half-way)
 * the old tables are still there. The backup must be of a schema with the same name as the
 * target's (PostgreSQL's tools cannot rename one). The `CREATE SCHEMA` entry is left out (the
 * schema exists). After it, the schema is migrated to this lingwire, and its change log gets an
 * `all` entry numbered after everything the old one had, which every listening process hears.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { quoteName } from '../table-access.js';
import { allTableNames, SITE_TABLES } from '../tables.js';
import { connectClient, describeUrl, migratePostgres } from './open.js';
import { openPostgresTableAccess } from './table-access.js';
import { findPostgresTool, runTool, toolConnection } from './tools.js';

/** Dumps the schema of `url` into `file` (custom format). */
export async function backupPostgres(url: string, file: string, binFolder: string | null): Promise<void> {
  const pgDump = findPostgresTool('pg_dump', binFolder);
  await migratePostgres(url, { mustExist: true });
  const schema = await currentSchema(url);
  const connection = toolConnection(url);
  await runTool(
    pgDump,
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--schema=${schema}`,
      `--file=${file}`,
      `--dbname=${connection.url}`,
    ],
    connection.env,
  );
}

/** Restores the backup in `file` into the schema of `url`, refusing one that holds a site unless `force`. */
export async function restorePostgres(
  url: string,
  file: string,
  force: boolean,
  binFolder: string | null,
): Promise<{ stories: number }> {
  const pgRestore = findPostgresTool('pg_restore', binFolder);
  const psql = findPostgresTool('psql', binFolder);
  const connection = toolConnection(url);
  const schema = await currentSchema(url);
  const toc = await runTool(pgRestore, ['--list', file], connection.env);
  const dumped = new Set([...toc.matchAll(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) /gm)].map((m) => m[1]!));
  if (!dumped.has(schema) || dumped.size !== 1) {
    throw new AppError(
      'BAD_INPUT',
      `${file} holds schema ${[...dumped].join(', ') || '(none)'}, but ${describeUrl(url)} works in schema ${schema}; restore into a database whose search_path is the backup's schema.`,
    );
  }
  const before = await occupiedOrRefuse(url, force);

  const dir = await mkdtemp(join(tmpdir(), 'lingwire-restore-'));
  try {
    // Everything but the schema itself, which exists already.
    const list = join(dir, 'toc.list');
    await writeFile(
      list,
      toc
        .split('\n')
        .filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) /.test(line))
        .join('\n'),
    );
    // The whole script first: a backup that breaks off half-way fails here, before anything is
    // applied (piped straight into psql, its end would look like the end of a shorter script).
    const script = join(dir, 'restore.sql');
    await runTool(
      pgRestore,
      ['--no-owner', '--no-privileges', `--use-list=${list}`, `--file=${script}`, file],
      connection.env,
    );
    const prelude = join(dir, 'drop.sql');
    const tables = allTableNames().map((name) => `${quoteName(schema)}.${quoteName(name)}`);
    await writeFile(prelude, `DROP TABLE IF EXISTS ${tables.join(', ')} CASCADE;\n`);
    await runTool(
      psql,
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '--single-transaction',
        '-f',
        prelude,
        '-f',
        script,
        `--dbname=${connection.url}`,
      ],
      connection.env,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const restored = await openPostgresTableAccess(url);
  try {
    await restored.transaction(() => restored.markEverythingChanged(before));
    return { stories: await restored.countRows('stories') };
  } finally {
    await restored.close();
  }
}

async function currentSchema(url: string): Promise<string> {
  const client = await connectClient(url, {});
  try {
    const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schema = rows[0]?.schema;
    if (!schema) {
      throw new AppError(
        'STORE_FAILURE',
        `store: ${describeUrl(url)} has no schema on its search_path; create it first.`,
      );
    }
    return schema;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The target's newest change (0 without tables); `DATABASE_NOT_EMPTY` when it holds rows and not `force`. */
async function occupiedOrRefuse(url: string, force: boolean): Promise<number> {
  const client = await connectClient(url, {});
  try {
    const present = await client.query<{ present: boolean }>(
      "SELECT to_regclass('lingwire_schema') IS NOT NULL AND to_regclass('changes') IS NOT NULL AS present",
    );
    if (!present.rows[0]?.present) return 0;
    const occupied: string[] = [];
    for (const { name } of SITE_TABLES) {
      const exists = await client.query<{ present: boolean }>(
        'SELECT to_regclass($1) IS NOT NULL AS present',
        [quoteName(name)],
      );
      if (!exists.rows[0]?.present) continue;
      const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoteName(name)}`);
      if (Number(rows[0]!.n) > 0) occupied.push(`${name}: ${rows[0]!.n}`);
    }
    if (occupied.length > 0 && !force) {
      throw new AppError(
        'DATABASE_NOT_EMPTY',
        `${describeUrl(url)} is not empty (${occupied.join(', ')} rows); restore into an empty database, or give --force to replace what it holds.`,
      );
    }
    const { rows } = await client.query<{ n: string }>('SELECT COALESCE(MAX(seq), 0) AS n FROM changes');
    return Number(rows[0]!.n);
  } finally {
    await client.end().catch(() => undefined);
  }
}
