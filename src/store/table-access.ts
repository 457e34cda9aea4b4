/**
 * Row-level access to a whole database, beneath the repositories: what moving a site between
 * stores needs (`site-copy.ts`) and nothing the domain ever sees. One implementation per adapter
 * (`sqlite/table-access.ts`, `postgres/table-access.ts`), opened by `open-store.ts`. Table and
 * column names come from `tables.ts` and from the database itself, never from a user.
 */
import type { SiteTable } from './tables.js';

/** One row as values in the order of the columns asked for. */
export type RowValues = unknown[];

export interface TableAccess {
  /** As `Store.description`: never a password. */
  readonly description: string;
  /** The tables present (lingwire's and any other), without the engine's own (`sqlite_…`). */
  tableNames(): Promise<string[]>;
  /** Column names of `table`, in table order. */
  columns(table: string): Promise<string[]>;
  countRows(table: string): Promise<number>;
  /** Reads every row of `table` in key order, `batchSize` at a time, values in `columns` order. */
  readRows(table: SiteTable, columns: readonly string[], batchSize: number): AsyncIterable<RowValues[]>;
  /** Runs `work` reading one consistent snapshot (a read-only transaction). */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` in one write transaction: all of it lands, or none (it rolls back when `work` throws). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  deleteAllRows(table: string): Promise<void>;
  /** Inserts rows with their ids as given (identity columns included). */
  insertRows(table: string, columns: readonly string[], rows: RowValues[]): Promise<void>;
  /** After inserting explicit ids: new rows of `tables` get ids after the largest one there. */
  resetIdSequences(tables: readonly string[]): Promise<void>;
  /** The newest change-log sequence number; 0 when there is none. */
  latestChange(): Promise<number>;
  /**
   * Appends a change-log entry `all` numbered after both `after` and every entry present, and
   * tells listening processes: every page cache on this database drops everything, including
   * caches that had seen entries up to `after` before the content was replaced.
   */
  markEverythingChanged(after: number): Promise<void>;
  close(): Promise<void>;
}

/** `"name"`: a table or column name as an SQL identifier (both dialects). */
export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
