/**
 * Opening the SQLite file: the mustExist check, the pragmas, and the schema migrations.
 *
 * WAL lets the web server keep reading while `lingwire import` writes from another process;
 * the busy timeout makes a second writer wait for the first instead of failing at once.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { unlessBusy } from './scope.js';

/** How to open the database file. */
export interface SqliteOpenOptions {
  /** Fail with a clear error instead of creating the file when it does not exist. Default false. */
  mustExist?: boolean;
  /**
   * How long a write waits for another process's write lock before failing with `STORE_BUSY`, in
   * milliseconds. Default 5000; 0–600000 (tests use a few milliseconds).
   */
  busyTimeoutMs?: number;
}

/** Opens (creating unless `mustExist`) and migrates the database at `path` (`:memory:` for none). */
export function openSqliteDatabase(path: string, options: SqliteOpenOptions = {}): Database.Database {
  if (path !== ':memory:') {
    if (options.mustExist && !existsSync(path)) {
      throw new AppError(
        'STORE_FAILURE',
        `there is no database at ${path}; import stories first (lingwire import …) or give the right file with --db.`,
      );
    }
    mkdirSync(dirname(path), { recursive: true });
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new AppError(
      'STORE_FAILURE',
      `store: unable to open the database ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    unlessBusy(() => {
      db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      db.pragma('foreign_keys = ON');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Database.Database): void {
  const check = () => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SQLITE_MIGRATIONS.length) {
      throw new AppError(
        'STORE_FAILURE',
        `store: the database is at schema version ${current}, newer than this lingwire (${SQLITE_MIGRATIONS.length}); upgrade lingwire.`,
      );
    }
    return current;
  };
  if (check() === SQLITE_MIGRATIONS.length) return;
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
  // database at once (a deploy starting `serve` and `import`) migrate it once, not twice.
  db.transaction(() => {
    for (let version = check(); version < SQLITE_MIGRATIONS.length; version++) {
      db.exec(SQLITE_MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}
