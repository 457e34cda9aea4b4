/**
 * Row-level access to a SQLite file for moving a whole site (`../table-access.ts`). The file is
 * opened (and migrated) like the store's, on a connection of its own. better-sqlite3 is
 * synchronous, so a read of a whole table streams through one statement iterator; a snapshot is a
 * deferred read transaction, which WAL keeps consistent while other processes write.
 */
import type Database from 'better-sqlite3';
import { quoteName, type RowValues, type TableAccess } from '../table-access.js';
import { openSqliteDatabase } from './open.js';
import { unlessBusy } from './scope.js';

/** Opens `path` for row-level access; `mustExist` refuses a missing file instead of creating it. */
export function openSqliteTableAccess(path: string, options: { mustExist?: boolean } = {}): TableAccess {
  const db = openSqliteDatabase(path, options);
  return sqliteTableAccess(db, `sqlite:${path}`);
}

export function sqliteTableAccess(db: Database.Database, description: string): TableAccess {
  const inTransaction = async <T>(begin: string, work: () => Promise<T>): Promise<T> => {
    unlessBusy(() => db.exec(begin));
    try {
      const result = await work();
      unlessBusy(() => db.exec('COMMIT'));
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    description,
    async tableNames() {
      const rows = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as Array<{ name: string }>;
      return rows.map((r) => r.name);
    },
    async columns(table) {
      const rows = db.prepare(`PRAGMA table_info(${quoteName(table)})`).all() as Array<{ name: string }>;
      return rows.map((r) => r.name);
    },
    async countRows(table) {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${quoteName(table)}`).get() as { n: number }).n;
    },
    async *readRows(table, columns, batchSize) {
      const statement = db
        .prepare(
          `SELECT ${columns.map(quoteName).join(', ')} FROM ${quoteName(table.name)} ORDER BY ${table.key.map(quoteName).join(', ')}`,
        )
        .raw(true);
      let batch: RowValues[] = [];
      for (const row of statement.iterate() as Iterable<RowValues>) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    snapshot(work) {
      return inTransaction('BEGIN DEFERRED', work);
    },
    transaction(work) {
      return inTransaction('BEGIN IMMEDIATE', work);
    },
    async deleteAllRows(table) {
      unlessBusy(() => db.prepare(`DELETE FROM ${quoteName(table)}`).run());
    },
    async insertRows(table, columns, rows) {
      const insert = db.prepare(
        `INSERT INTO ${quoteName(table)} (${columns.map(quoteName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      unlessBusy(() => {
        for (const row of rows) insert.run(row);
      });
    },
    async resetIdSequences() {
      // INTEGER PRIMARY KEY takes the largest id + 1 by itself; the copied tables have no AUTOINCREMENT.
    },
    async latestChange() {
      return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM changes').get() as { n: number }).n;
    },
    async markEverythingChanged(after) {
      // AUTOINCREMENT keeps later entries numbered after this one (sqlite_sequence follows MAX).
      unlessBusy(() =>
        db
          .prepare(
            `INSERT INTO changes (seq, tags, at)
             VALUES (MAX(?, (SELECT COALESCE(MAX(seq), 0) FROM changes)) + 1, '["all"]', ?)`,
          )
          .run(after, new Date().toISOString()),
      );
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
