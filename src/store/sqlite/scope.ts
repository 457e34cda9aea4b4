/**
 * Where a SQLite repository runs: on the store itself, or inside one transaction. The domain
 * files (`sections.ts`, `stories.ts`, …) write their SQL against a `Scope` and never decide
 * themselves whether a call is allowed, how a write commits, or what a busy database means;
 * `store.ts` builds the two kinds of scope.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';

/** What a repository needs from where it runs. */
export interface Scope {
  /** A prepared statement for `sql`, prepared once per connection and shared by every scope. */
  prepare(sql: string): Database.Statement;
  /**
   * Runs a read. Throws `STORE_MISUSE` when this scope may not be used now (a transaction's
   * repository after it ended; the store's inside a transaction) and `STORE_BUSY` when locked.
   * `method` names the call for those messages: `stories.findStoryById`.
   */
  read<T>(method: string, run: () => T): T;
  /**
   * Runs a write, which adds the change tags it produced to `tags`. Inside a transaction the tags
   * join the transaction's entry; on the store the write commits on its own, with its entry.
   */
  write<T>(method: string, run: (tags: Set<string>) => T): Promise<T>;
}

/** What a busy database tells a person (the CLI prefixes `lingwire: `). */
export const BUSY_MESSAGE =
  'the database is busy: another lingwire process is writing to it; try again when it finishes.';

/** What a write the disk refused tells a person: a full disk, a file-size limit, a failing disk. */
export function diskMessage(code: string): string {
  return `the database could not be written: the disk is full, the file reached a size limit, or the disk failed (${code}); nothing of this change was stored. Free some space and try again.`;
}

/**
 * Runs `run`, turning SQLite's "database is locked" into `STORE_BUSY`, and a write the disk
 * refused (`SQLITE_FULL`, `SQLITE_IOERR_*`: no space, a file-size limit) into `STORE_FAILURE` with
 * a sentence instead of "disk I/O error" (keeping the cause).
 */
export function unlessBusy<T>(run: () => T): T {
  try {
    return run();
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      throw new AppError('STORE_BUSY', BUSY_MESSAGE, { cause });
    }
    if (typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'))) {
      throw new AppError('STORE_FAILURE', diskMessage(code), { cause });
    }
    throw cause;
  }
}

/** Prepares each distinct SQL text once for `db`. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = unlessBusy(() => db.prepare(sql));
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** Reads every page of `batch` rows after a key: for the `iterate…` methods. */
export async function* paged<Row>(
  read: (after: number) => Row[],
  keyOf: (row: Row) => number,
): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const rows = read(after);
    if (rows.length === 0) return;
    yield* rows;
    after = keyOf(rows[rows.length - 1]!);
  }
}
