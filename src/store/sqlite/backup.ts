/**
 * `lingwire backup` and `restore` for a SQLite file, both through SQLite's online backup API
 * (better-sqlite3's `backup()`), which copies pages while other connections keep reading and
 * writing: a backup is a consistent copy of one moment, a restore replaces the live file's content
 * under its write lock, and every process with the file open sees the new content at its next read.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import { SITE_TABLES } from '../tables.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openSqliteDatabase } from './open.js';
import { sqliteTableAccess } from './table-access.js';

/** The first bytes of a file: what kind of backup it is. */
export function fileKind(path: string): 'sqlite' | 'pg_dump' | 'other' {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  return 'other';
}

/** Writes a consistent copy of the database at `path` to `file`; returns its size in pages. */
export async function backupSqlite(path: string, file: string): Promise<{ pages: number }> {
  const db = openSqliteDatabase(path, { mustExist: true });
  try {
    const { totalPages } = await db.backup(file);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

/**
 * Replaces the content of the database at `path` with the backup in `file`, refusing a database
 * that holds a site unless `force`. The restored database is migrated to this lingwire's schema,
 * and its change log gets an `all` entry numbered after everything the replaced one had seen, so
 * the page caches of processes serving it drop every page.
 */
export async function restoreSqlite(
  path: string,
  file: string,
  force: boolean,
): Promise<{ stories: number }> {
  const backup = openBackup(file);
  let before = 0;
  try {
    const target = sqliteTableAccess(openSqliteDatabase(path), `sqlite:${path}`);
    try {
      const occupied: string[] = [];
      for (const { name } of SITE_TABLES) {
        const rows = await target.countRows(name);
        if (rows > 0) occupied.push(`${name}: ${rows}`);
      }
      if (occupied.length > 0 && !force) {
        throw new AppError(
          'DATABASE_NOT_EMPTY',
          `${target.description} is not empty (${occupied.join(', ')} rows); restore into an empty database, or give --force to replace what it holds.`,
        );
      }
      before = await target.latestChange();
    } finally {
      await target.close();
    }
    await backup.backup(path);
  } finally {
    backup.close();
  }
  const restored = sqliteTableAccess(openSqliteDatabase(path), `sqlite:${path}`);
  try {
    await restored.markEverythingChanged(before);
    return { stories: await restored.countRows('stories') };
  } finally {
    await restored.close();
  }
}

/** Opens a backup file read-only after checking that it is a lingwire SQLite database this lingwire can read. */
function openBackup(file: string): Database.Database {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `there is no backup file ${file}.`);
  const kind = fileKind(file);
  if (kind === 'pg_dump') {
    throw new AppError(
      'BAD_INPUT',
      `${file} is a PostgreSQL backup (pg_dump); restore it into a postgres:// database (--db).`,
    );
  }
  const notLingwire = () =>
    new AppError(
      'BAD_INPUT',
      `${file} is not a lingwire backup: it is not a SQLite database with lingwire's tables.`,
    );
  if (kind !== 'sqlite') throw notLingwire();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const stories = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'stories'").get();
    if (version < 1 || !stories) throw notLingwire();
    if (version > SQLITE_MIGRATIONS.length) {
      throw new AppError(
        'STORE_FAILURE',
        `${file} is at schema version ${version}, newer than this lingwire (${SQLITE_MIGRATIONS.length}); upgrade lingwire to restore it.`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
