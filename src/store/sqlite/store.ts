/**
 * The embedded store: one SQLite file through better-sqlite3 (12.x; 13.x crashes on Node 20).
 *
 * better-sqlite3 is synchronous; the methods are async only to satisfy the store interfaces, so a
 * PostgreSQL adapter can stand in without the domain noticing. To keep that promise honest, this
 * adapter refuses what would only work on SQLite: each transaction gets repository objects of its
 * own that stop working when it ends, and the store's repositories refuse calls from inside a
 * transaction's work (found with AsyncLocalStorage, so a web request served meanwhile is not
 * refused).
 *
 * One connection serves everything, so transactions and the store's own write calls run one at a
 * time through a queue. Reads are not queued: a read from another async context while a
 * transaction is open sees that transaction's writes (PostgreSQL would not); nothing in lingwire
 * serves pages from the process that imports.
 *
 * `PRAGMA data_version` tells this connection when another process has committed, which is what
 * `changeToken()` is built on; the change log (`changes.ts`) says what those commits changed.
 */
import { AppError } from '../../core/errors.js';
import { TransactionContext } from '../transaction-context.js';
import type { ChangeRepo, Store, StoreTx } from '../types.js';
import { sqliteAccountRepo } from './accounts.js';
import { sqliteAnalysisRepo } from './analysis.js';
import { type ChangeLogOptions, changeLogWriter, sqliteChangeRepo } from './changes.js';
import { sqliteFeedRepo } from './feeds.js';
import { sqliteFilingRepo } from './filing.js';
import { sqliteLearningRepo } from './learning.js';
import { sqliteMetaRepo } from './meta.js';
import { openSqliteDatabase, type SqliteOpenOptions } from './open.js';
import { sqliteRelatedRepo } from './related.js';
import { type Scope, statementCache, unlessBusy } from './scope.js';
import { sqliteSearchRepo } from './search.js';
import { sqliteSectionRepo } from './sections.js';
import { sqliteStoryRepo } from './stories.js';

/** Options for `openSqliteStore`: how to open the file and how much change log to keep. */
export interface SqliteStoreOptions extends SqliteOpenOptions, ChangeLogOptions {
  /**
   * How long (ms) `changeToken()` may reuse its last reading of other connections' commits
   * (`PRAGMA data_version` starts a read transaction: 5–20 µs, which the page cache would pay on
   * every request). Writes through this store move the token at once whatever this is. Default 0:
   * read on every call; the serving store uses `SERVING_CHANGE_CHECK_MS` (`open-store.ts`).
   */
  changeCheckMs?: number;
}

/** One transaction's state, also the AsyncLocalStorage value of its work. */
interface TxState {
  /** The connection it runs on: a transaction on another store does not bind this one. */
  db: object;
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
    sections: sqliteSectionRepo(scope),
    stories: sqliteStoryRepo(scope),
    related: sqliteRelatedRepo(scope),
    analysis: sqliteAnalysisRepo(scope),
    meta: sqliteMetaRepo(scope),
    feeds: sqliteFeedRepo(scope),
    filing: sqliteFilingRepo(scope),
    search: sqliteSearchRepo(scope),
    accounts: sqliteAccountRepo(scope),
    learning: sqliteLearningRepo(scope),
  };
}

/** Opens the store at `path` (`:memory:` for a private in-memory database). */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const db = openSqliteDatabase(path, options);
  const prepare = statementCache(db);
  const changeLog = changeLogWriter(prepare, options);
  /** Bumped on every write through this connection, which `data_version` does not report. */
  let localWrites = 0;
  /** `Store.transactionMark`: odd from BEGIN to the end of COMMIT or ROLLBACK. */
  let transactionMark = 0;

  // better-sqlite3 runs one statement at a time, but an async transaction body yields between
  // statements; the queue keeps a second transaction from starting inside the first.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const refuseInsideTransaction = (method: string) => {
    const current = inTransaction.current();
    if (!current?.active || current.db !== db) return;
    const hint =
      method === 'transaction'
        ? 'transactions do not nest'
        : `use the transaction's repositories (tx.${method.split('.')[0]})`;
    throw new AppError('STORE_MISUSE', `store: ${method} called on the store inside a transaction; ${hint}`);
  };

  const storeScope: Scope = {
    prepare,
    read(method, run) {
      refuseInsideTransaction(method);
      return unlessBusy(run);
    },
    async write(method, run) {
      refuseInsideTransaction(method);
      return enqueue(async () =>
        unlessBusy(() =>
          db
            .transaction(() => {
              localWrites++;
              const tags = new Set<string>();
              const result = run(tags);
              changeLog.append(tags);
              return result;
            })
            .immediate(),
        ),
      );
    },
  };

  const transactionScope = (state: TxState): Scope => {
    const refuseEnded = (method: string) => {
      if (state.active) return;
      throw new AppError(
        'STORE_MISUSE',
        `store: tx.${method} used after its transaction ended; use a transaction's repositories only inside its work.`,
      );
    };
    return {
      prepare,
      read(method, run) {
        refuseEnded(method);
        return unlessBusy(run);
      },
      async write(method, run) {
        refuseEnded(method);
        localWrites++;
        return unlessBusy(() => run(state.tags));
      },
    };
  };

  const changes = sqliteChangeRepo(prepare, unlessBusy);
  // The context covers BEGIN to COMMIT: work left running by the transaction's body is refused
  // until the transaction has ended, not only until its body settled.
  const runTransaction = <T>(work: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const state: TxState = { db, active: true, tags: new Set() };
    return inTransaction.run(state, async () => {
      unlessBusy(() => db.exec('BEGIN IMMEDIATE'));
      transactionMark++;
      try {
        const result = await work(repositories(transactionScope(state), changes));
        unlessBusy(() => {
          changeLog.append(state.tags);
          db.exec('COMMIT');
        });
        // Moved again at the commit: a page cache that caught up between a write and the commit
        // (the change-log entry is written at the commit) must look once more.
        localWrites++;
        return result;
      } catch (error) {
        try {
          if (db.inTransaction) db.exec('ROLLBACK');
        } catch {
          // SQLite rolls back itself when ROLLBACK fails (a disk error); the first error says why.
        }
        localWrites++;
        throw error;
      } finally {
        state.active = false;
        transactionMark++;
      }
    });
  };

  const dataVersion = prepare('PRAGMA data_version');
  const checkEveryMs = options.changeCheckMs ?? 0;
  let version = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  // The token as a string, made again only when a part moves: the page cache asks on every
  // request, and a new string each time was garbage at 30,000 requests a second.
  let token = '0.0';
  let tokenVersion = 0;
  let tokenWrites = 0;
  return {
    description: `sqlite:${path}`,
    ...repositories(storeScope, changes),
    async transaction(work) {
      refuseInsideTransaction('transaction');
      return enqueue(() => runTransaction(work));
    },
    changeToken() {
      const now = checkEveryMs > 0 ? performance.now() : 0;
      if (checkEveryMs <= 0 || now - checkedAt >= checkEveryMs) {
        version = unlessBusy(() => (dataVersion.get() as { data_version: number }).data_version);
        checkedAt = now;
      }
      if (version !== tokenVersion || localWrites !== tokenWrites) {
        tokenVersion = version;
        tokenWrites = localWrites;
        token = `${version}.${localWrites}`;
      }
      return token;
    },
    transactionMark() {
      return transactionMark;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
