/**
 * `lingwire db copy`: moves a whole site from one database to another (SQLite → PostgreSQL to
 * outgrow one machine, or back), keeping every id, so story URLs and related lists stay as they
 * were.
 *
 * **One transaction on the target for the whole copy**, read from one snapshot of the source:
 * every table lands, verified, or nothing does. The target must have no rows in any copied table
 * unless `force` (then they are deleted first, in the same transaction). Tables are copied in
 * `tables.ts` order, `batchSize` rows at a time (a progress line after each batch); identity
 * sequences are reset after, so new rows get ids after the copied ones; each table's row count is
 * checked against the source's before COMMIT. The target's change log is kept and gets one `all`
 * entry, so a page cache already running on the target drops every page.
 */
import { AppError } from '../core/errors.js';
import type { TableAccess } from './table-access.js';
import { SITE_TABLES } from './tables.js';

/** Options of `copySite`. */
export interface CopyOptions {
  /** Replace what the target holds instead of refusing a non-empty target. Default false. */
  force?: boolean;
  /** Rows read and written at a time. Default 1000; 1–100,000. */
  batchSize?: number;
  /** Receives a progress line after each batch. */
  onProgress?: (line: string) => void;
}

/** What a copy moved: rows per table, verified on the target. */
export interface CopySummary {
  tables: Array<{ name: string; rows: number }>;
  seconds: number;
}

/** Copies every table of `tables.ts` from `source` to `target` (both open, both migrated). */
export async function copySite(
  source: TableAccess,
  target: TableAccess,
  options: CopyOptions = {},
): Promise<CopySummary> {
  const started = performance.now();
  const batchSize = Math.min(100_000, Math.max(1, Math.trunc(options.batchSize ?? 1000)));
  const progress = options.onProgress ?? (() => {});
  return source.snapshot(() =>
    target.transaction(async () => {
      const before = await target.latestChange();
      const occupied: string[] = [];
      for (const { name } of SITE_TABLES) {
        const rows = await target.countRows(name);
        if (rows > 0) occupied.push(`${name}: ${rows}`);
      }
      if (occupied.length > 0 && !options.force) {
        throw new AppError(
          'DATABASE_NOT_EMPTY',
          `${target.description} is not empty (${occupied.join(', ')} rows); copy into an empty database, or give --force to replace what it holds.`,
        );
      }
      for (const { name } of [...SITE_TABLES].reverse()) await target.deleteAllRows(name);

      const tables: CopySummary['tables'] = [];
      for (const table of SITE_TABLES) {
        const columns = await source.columns(table.name);
        const targetColumns = new Set(await target.columns(table.name));
        const missing = columns.filter((c) => !targetColumns.has(c));
        if (missing.length > 0) {
          throw new AppError(
            'STORE_FAILURE',
            `store: ${target.description} has no column ${missing.join(', ')} in ${table.name}; run the same lingwire version on both databases.`,
          );
        }
        const expected = await source.countRows(table.name);
        let copied = 0;
        for await (const rows of source.readRows(table, columns, batchSize)) {
          await target.insertRows(table.name, columns, rows);
          copied += rows.length;
          progress(`  ${table.name}: ${copied} of ${expected} rows`);
        }
        tables.push({ name: table.name, rows: expected });
      }
      await target.resetIdSequences(SITE_TABLES.map((t) => t.name));
      for (const { name, rows } of tables) {
        const landed = await target.countRows(name);
        if (landed !== rows) {
          throw new AppError(
            'STORE_FAILURE',
            `store: ${name} has ${landed} rows in ${target.description} but ${rows} in ${source.description}; nothing was copied.`,
          );
        }
      }
      await target.markEverythingChanged(before);
      return { tables, seconds: (performance.now() - started) / 1000 };
    }),
  );
}
