/**
 * Where a PostgreSQL repository runs: on the store (the pool; each write its own short
 * transaction) or inside one transaction (its one client). The domain files (`sections.ts`,
 * `stories.ts`, …) write their SQL against a `Scope` and never decide whether a call is allowed,
 * how a write commits, or what a busy database means; `store.ts` builds the two kinds of scope.
 */
import { AppError } from '../../core/errors.js';

/** Runs one statement and returns its rows. */
export type Query = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** What a repository needs from where it runs. */
export interface Scope {
  /**
   * Runs a read. Fails with `STORE_MISUSE` when this scope may not be used now (a transaction's
   * repository after it ended; the store's inside a transaction) and `STORE_BUSY` when locked.
   * `method` names the call for those messages: `stories.findStoryById`.
   */
  read<Row = Record<string, unknown>>(method: string, sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Runs a write, which adds the change tags it produced to `tags`. Inside a transaction the tags
   * join the transaction's entry; on the store the write commits on its own, with its entry.
   */
  write<T>(method: string, run: (query: Query, tags: Set<string>) => Promise<T>): Promise<T>;
}

/** What a busy database tells a person (the CLI prefixes `lingwire: `). */
export const BUSY_MESSAGE =
  'the database is busy: another lingwire process is writing to it; try again when it finishes.';

/** SQLSTATEs that mean "try again later": lock_timeout, serialization failure, deadlock. */
const BUSY_CODES = new Set(['55P03', '40001', '40P01']);

/** Turns PostgreSQL's lock timeouts and serialization failures into `STORE_BUSY` (keeping the cause). */
export function storeError(cause: unknown): unknown {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && BUSY_CODES.has(code)) {
    return new AppError('STORE_BUSY', BUSY_MESSAGE, { cause });
  }
  return cause;
}

/** Reads every page of rows after a key: for the `iterate…` methods. */
export async function* paged<Row>(
  read: (after: number) => Promise<Row[]>,
  keyOf: (row: Row) => number,
): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield* rows;
    after = keyOf(rows[rows.length - 1]!);
  }
}
