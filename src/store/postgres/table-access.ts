/**
 * Row-level access to a PostgreSQL schema for moving a whole site (`../table-access.ts`), on one
 * client of its own (no pool: a copy is one transaction, or one snapshot, from start to end).
 * Reads page by key (`WHERE (k1, k2) > (…) ORDER BY k1, k2 LIMIT n`), so no cursor is held open;
 * a snapshot is `REPEATABLE READ READ ONLY`, so every page comes from the same moment. Inserts are
 * multi-row `VALUES` statements under PostgreSQL's 65,535-parameter limit, with `OVERRIDING SYSTEM
 * VALUE` so ids are kept even in a future `GENERATED ALWAYS` column.
 */

import { quoteName, type RowValues, type TableAccess } from '../table-access.js';
import { CHANGE_CHANNEL } from './changes.js';
import { connectClient, connectionError, describeUrl, migratePostgres } from './open.js';
import { storeError } from './scope.js';
import { WRITER_LOCK } from './store.js';

const MAX_PARAMETERS = 65_535;

/** Opens the schema at `url` (migrating it first) for row-level access. */
export async function openPostgresTableAccess(
  url: string,
  options: { mustExist?: boolean } = {},
): Promise<TableAccess> {
  await migratePostgres(url, options);
  const client = await connectClient(url, {});
  client.on('error', () => undefined);
  const query = async <Row extends object = Record<string, unknown>>(sql: string, params?: unknown[]) => {
    try {
      return (await client.query<Row>(sql, params)).rows;
    } catch (cause) {
      throw storeError(connectionError(url, cause));
    }
  };
  const queryArrays = async (sql: string, params: unknown[]): Promise<RowValues[]> => {
    try {
      return (await client.query({ text: sql, values: params, rowMode: 'array' })).rows as RowValues[];
    } catch (cause) {
      throw storeError(connectionError(url, cause));
    }
  };
  const inTransaction = async <T>(begin: string, work: () => Promise<T>): Promise<T> => {
    await query(begin);
    try {
      const result = await work();
      await query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  return {
    description: describeUrl(url),
    async tableNames() {
      const rows = await query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      );
      return rows.map((r) => r.name);
    },
    async columns(table) {
      const rows = await query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
         ORDER BY ordinal_position`,
        [table],
      );
      return rows.map((r) => r.name);
    },
    async countRows(table) {
      const [row] = await query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoteName(table)}`);
      return Number(row!.n);
    },
    async *readRows(table, columns, batchSize) {
      const keyIndexes = table.key.map((k) => columns.indexOf(k));
      if (keyIndexes.some((i) => i < 0)) throw new Error(`${table.name}: the key columns must be read`);
      const keys = table.key.map(quoteName).join(', ');
      const head = `SELECT ${columns.map(quoteName).join(', ')} FROM ${quoteName(table.name)}`;
      const after = `(${keys}) > (${table.key.map((_, i) => `$${i + 1}`).join(', ')})`;
      let last: unknown[] | null = null;
      for (;;) {
        const rows: RowValues[] = last
          ? await queryArrays(`${head} WHERE ${after} ORDER BY ${keys} LIMIT ${batchSize}`, last)
          : await queryArrays(`${head} ORDER BY ${keys} LIMIT ${batchSize}`, []);
        if (rows.length === 0) return;
        yield rows;
        const end = rows[rows.length - 1]!;
        last = keyIndexes.map((i) => end[i]);
        if (rows.length < batchSize) return;
      }
    },
    snapshot(work) {
      return inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
    },
    async transaction(work) {
      // Writers of the running site wait for the copy (and the copy for them), as on SQLite.
      return inTransaction('BEGIN', async () => {
        await query(WRITER_LOCK);
        return work();
      });
    },
    async deleteAllRows(table) {
      await query(`DELETE FROM ${quoteName(table)}`);
    },
    async insertRows(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const head = `INSERT INTO ${quoteName(table)} (${columns.map(quoteName).join(', ')}) OVERRIDING SYSTEM VALUE VALUES `;
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const params: unknown[] = [];
        const values = chunk.map((row) => {
          const marks = row.map((value) => {
            params.push(value);
            return `$${params.length}`;
          });
          return `(${marks.join(', ')})`;
        });
        await query(head + values.join(', '), params);
      }
    },
    async resetIdSequences(tables) {
      const identities = await query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name = ANY($1)`,
        [tables],
      );
      for (const { table_name: table, column_name: column } of identities) {
        await query(
          `SELECT setval(pg_get_serial_sequence($1, $2),
                         COALESCE((SELECT MAX(${quoteName(column)}) FROM ${quoteName(table)}), 0) + 1, false)`,
          [quoteName(table), column],
        );
      }
    },
    async latestChange() {
      const [row] = await query<{ n: string }>('SELECT COALESCE(MAX(seq), 0) AS n FROM changes');
      return Number(row!.n);
    },
    async markEverythingChanged(after) {
      // The same lock as every change-log append (changes.ts), so numbers stay in commit order.
      await query("SELECT pg_advisory_xact_lock(hashtext('lingwire.changes:' || current_schema()))");
      await query(
        `INSERT INTO changes (seq, tags, at) OVERRIDING SYSTEM VALUE
         VALUES (GREATEST($1::bigint, (SELECT COALESCE(MAX(seq), 0) FROM changes)) + 1, '["all"]', $2)`,
        [after, new Date().toISOString()],
      );
      await query("SELECT setval(pg_get_serial_sequence('changes', 'seq'), (SELECT MAX(seq) FROM changes))");
      await query('SELECT pg_notify($1, current_schema())', [CHANGE_CHANNEL]);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
