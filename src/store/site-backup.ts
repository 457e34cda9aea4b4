/**
 * `lingwire backup <file>` and `lingwire restore <file>` on either store: SQLite through its online
 * backup API (`sqlite/backup.ts`), PostgreSQL through pg_dump and pg_restore
 * (`postgres/backup.ts`). A backup never overwrites a file unless forced; a restore never
 * overwrites a database that holds a site unless forced.
 */
import { existsSync, rmSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import { isPostgresUrl } from './open-store.js';
import { backupPostgres, restorePostgres } from './postgres/backup.js';
import { backupSqlite, fileKind, restoreSqlite } from './sqlite/backup.js';

/** Options of `backupSite` and `restoreSite`. */
export interface BackupOptions {
  /** Overwrite an existing backup file / a database that holds a site. Default false. */
  force?: boolean;
  /** Where pg_dump, pg_restore and psql are (`Config.postgresBin`); null to search. */
  postgresBin?: string | null;
}

/** Writes a backup of `database` to `file`: a SQLite file, or a pg_dump custom-format archive. */
export async function backupSite(database: string, file: string, options: BackupOptions = {}): Promise<void> {
  if (existsSync(file)) {
    if (!options.force) {
      throw new AppError(
        'BAD_INPUT',
        `${file} exists already; give another file name, or --force to overwrite it.`,
      );
    }
    rmSync(file);
  }
  try {
    if (isPostgresUrl(database)) await backupPostgres(database, file, options.postgresBin ?? null);
    else await backupSqlite(database, file);
  } catch (error) {
    // Nothing half-written is left behind.
    rmSync(file, { force: true });
    throw error;
  }
}

/** Replaces the content of `database` with the backup in `file`; returns how many stories it holds now. */
export async function restoreSite(
  database: string,
  file: string,
  options: BackupOptions = {},
): Promise<{ stories: number }> {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `there is no backup file ${file}.`);
  if (isPostgresUrl(database)) {
    if (fileKind(file) === 'sqlite') {
      throw new AppError(
        'BAD_INPUT',
        `${file} is a SQLite backup; to move it to PostgreSQL use lingwire db copy --from ${file} --to <postgres url>.`,
      );
    }
    return restorePostgres(database, file, options.force ?? false, options.postgresBin ?? null);
  }
  return restoreSqlite(database, file, options.force ?? false);
}
