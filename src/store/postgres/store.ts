/**
 * The shared store: PostgreSQL through `pg`, for several web processes on one database.
 *
 * A pool serves reads; each write call outside a transaction is a short transaction of its own on
 * a pooled client, with its change-log entry; `transaction(work)` runs `work` on one client between
 * BEGIN and COMMIT, with repositories bound to that client that stop working when it ends. As on
 * SQLite, the store's own repositories refuse calls from inside a transaction's work (found with
 * AsyncLocalStorage): they would run on another connection and not see the transaction's writes.
 *
 * Within one process transactions and the store's write calls run one at a time through a queue,
 * as on SQLite: the writer is single anyway, and it keeps `createSection`'s "after the last"
 * position and the change log's order simple. Reads are not queued. Across processes, a
 * transaction-level advisory lock (`WRITER_LOCK`) lets one write transaction run at a time per
 * database, as SQLite's `BEGIN IMMEDIATE` does (two imports creating the same section or slug
 * would otherwise collide); a lock waited on longer than `busyTimeoutMs`, a serialization failure
 * or a deadlock is `STORE_BUSY`.
 *
 * `changeToken()` is a counter moved by LISTEN/NOTIFY (`notifications.ts`) plus this store's own
 * writes; the change log (`changes.ts`) says what those commits changed.
 */
import pg from 'pg';
import { AppError } from '../../core/errors.js';
import { TransactionContext } from '../transaction-context.js';
import type { ChangeRepo, Store, StoreTx } from '../types.js';
import { postgresAccountRepo } from './accounts.js';
import { postgresAnalysisRepo } from './analysis.js';
import { type ChangeLogOptions, changeLogWriter, postgresChangeRepo } from './changes.js';
import { postgresFeedRepo } from './feeds.js';
import { postgresFilingRepo } from './filing.js';
import { postgresLearningRepo } from './learning.js';
import { postgresMetaRepo } from './meta.js';
import { listenForChanges } from './notifications.js';
import {
  clientConfig,
  connectionError,
  describeUrl,
  migratePostgres,
  type PostgresOpenOptions,
} from './open.js';
import { postgresRelatedRepo } from './related.js';
import { type Query, type Scope, storeError } from './scope.js';
import { postgresSearchRepo } from './search.js';
import { postgresSectionRepo } from './sections.js';
import { postgresStoryRepo } from './stories.js';

/**
 * Taken at the start of every write transaction and held until it ends: writers in all processes
 * take turns, waiting up to `busyTimeoutMs` (then `STORE_BUSY`), exactly as on SQLite.
 */
export const WRITER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('lingwire.writer:' || current_schema()))";

/** Options for `openPostgresStore`: how to connect and how much change log to keep. */
export interface PostgresStoreOptions extends PostgresOpenOptions, ChangeLogOptions {}

/** A PostgreSQL store, with what its tests need beyond `Store`. */
export interface PostgresStore extends Store {
  /** Resolves once notifications of writes committed before the call have moved `changeToken()`. */
  settle(): Promise<void>;
}

/** One transaction's state, also the AsyncLocalStorage value of its work. */
interface TxState {
  /** The pool it runs on: a transaction on another store does not bind this one. */
  pool: object;
  /** False once it has committed or rolled back. */
  active: boolean;
  /** The change tags of its writes so far. */
  tags: Set<string>;
}

// One for every store: its AsyncLocalStorage is on only while a transaction is open (`transaction-context.ts`).
const inTransaction = new TransactionContext<TxState>();

function repositories(scope: Scope, changes: ChangeRepo): StoreTx {
  return {
    changes,
    sections: postgresSectionRepo(scope),
    stories: postgresStoryRepo(scope),
    related: postgresRelatedRepo(scope),
    analysis: postgresAnalysisRepo(scope),
    meta: postgresMetaRepo(scope),
    feeds: postgresFeedRepo(scope),
    filing: postgresFilingRepo(scope),
    search: postgresSearchRepo(scope),
    accounts: postgresAccountRepo(scope),
    learning: postgresLearningRepo(scope),
  };
}

/** Opens (migrating first) the store at `url`: `postgres://user:password@host:port/database`. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  await migratePostgres(url, options);
  const pool = new pg.Pool({ ...clientConfig(url, options), max: Math.max(2, options.poolSize ?? 10) });
  // An idle client's connection failing is reported here; the pool drops it and the next query
  // connects again, so there is nothing else to do.
  pool.on('error', () => undefined);
  const listener = await listenForChanges(url, options).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  const changeLog = changeLogWriter(options);
  /** Bumped after every write through this store, before its notification comes back. */
  let localWrites = 0;
  let closed = false;

  const fail = (cause: unknown) => storeError(connectionError(url, cause));
  const queryOn =
    (target: pg.Pool | pg.PoolClient): Query =>
    async (sql, params) => {
      try {
        return (await target.query(sql, params)).rows;
      } catch (cause) {
        throw fail(cause);
      }
    };
  const poolQuery = queryOn(pool);

  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  /** Runs `work` between BEGIN and COMMIT on one client, appending the change-log entry of `tags`. */
  const inClientTransaction = async <T>(
    tags: Set<string>,
    work: (query: Query) => Promise<T>,
  ): Promise<T> => {
    const client = await pool.connect().catch((cause: unknown) => {
      throw fail(cause);
    });
    const query = queryOn(client);
    let broken: Error | undefined;
    try {
      await query('BEGIN');
      // One writer at a time per database, as SQLite's BEGIN IMMEDIATE: without it two processes
      // could both find no section "x" and both create it (a unique violation for the second).
      await query(WRITER_LOCK);
      const result = await work(query);
      await changeLog.commitWork(query, tags);
      await query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((cause: Error) => {
        broken = cause;
      });
      throw error;
    } finally {
      localWrites++;
      client.release(broken);
    }
  };

  const refuseInsideTransaction = (method: string) => {
    const current = inTransaction.current();
    if (!current?.active || current.pool !== pool) return;
    const hint =
      method === 'transaction'
        ? 'transactions do not nest'
        : `use the transaction's repositories (tx.${method.split('.')[0]})`;
    throw new AppError('STORE_MISUSE', `store: ${method} called on the store inside a transaction; ${hint}`);
  };

  const storeScope: Scope = {
    async read(method, sql, params) {
      refuseInsideTransaction(method);
      return poolQuery(sql, params);
    },
    async write(method, run) {
      refuseInsideTransaction(method);
      return enqueue(() => {
        const tags = new Set<string>();
        return inClientTransaction(tags, (query) => run(query, tags));
      });
    },
  };

  const transactionScope = (state: TxState, query: Query): Scope => {
    const refuseEnded = (method: string) => {
      if (state.active) return;
      throw new AppError(
        'STORE_MISUSE',
        `store: tx.${method} used after its transaction ended; use a transaction's repositories only inside its work.`,
      );
    };
    return {
      async read(method, sql, params) {
        refuseEnded(method);
        return query(sql, params);
      },
      async write(method, run) {
        refuseEnded(method);
        return run(query, state.tags);
      },
    };
  };

  // The change log reads committed state from any context, a transaction's work included.
  const changes = postgresChangeRepo(poolQuery);
  // The context covers BEGIN to COMMIT (network round trips here): work left running by the
  // transaction's body is refused until the transaction has ended.
  const runTransaction = <T>(work: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const state: TxState = { pool, active: true, tags: new Set() };
    return inTransaction.run(state, async () => {
      try {
        return await inClientTransaction(state.tags, (query) =>
          work(repositories(transactionScope(state, query), changes)),
        );
      } finally {
        state.active = false;
      }
    });
  };

  return {
    description: describeUrl(url),
    ...repositories(storeScope, changes),
    async transaction(work) {
      refuseInsideTransaction('transaction');
      return enqueue(() => runTransaction(work));
    },
    changeToken() {
      return `${listener.token()}.${localWrites}`;
    },
    // Reads outside a transaction run on other connections and never see its writes.
    transactionMark() {
      return 0;
    },
    settle() {
      return listener.settle();
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await listener.close();
      await pool.end();
    },
  };
}
