/**
 * Which store a database setting names, and opening it: a `postgres://` or `postgresql://` URL is
 * PostgreSQL, anything else a SQLite file (`:memory:` for a private in-memory one). Only the
 * composition root (`services.ts`) calls this; the rest of lingwire sees a `Store`.
 */
import { describeUrl, migratePostgres } from './postgres/open.js';
import { openPostgresStore } from './postgres/store.js';
import { openPostgresTableAccess } from './postgres/table-access.js';
import { SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { openSqliteStore } from './sqlite/store.js';
import { openSqliteTableAccess } from './sqlite/table-access.js';
import type { TableAccess } from './table-access.js';
import type { Store } from './types.js';

/** How to open a store. */
export interface OpenStoreOptions {
  /** Fail with a clear error when the database does not exist (SQLite) or has no tables (PostgreSQL). Default false. */
  mustExist?: boolean;
  /**
   * SQLite: how long another process's commit may take to move `changeToken()` (ms; see
   * `SqliteStoreOptions.changeCheckMs`). Default `SERVING_CHANGE_CHECK_MS`. PostgreSQL's token is
   * moved by notifications and needs no such setting.
   */
  changeCheckMs?: number;
}

/**
 * The store the site serves from reads SQLite's `data_version` at most once in 5 ms, and another
 * process's import reaches the page cache within 5 ms of its commit (this process's own writes at
 * once). Each read takes a read transaction: measured under load on the 100,000-story archive
 * (`--cpu-prof`, a cached story page at 34,000 requests a second), reading it once a millisecond
 * took 3 % of the server's CPU, about 30 µs a read; once in 5 ms, 0.7 %.
 */
export const SERVING_CHANGE_CHECK_MS = 5;

/** True for a PostgreSQL connection URL (`postgres://…`, `postgresql://…`). */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/** Opens (creating and migrating as needed) the store `database` names. */
export async function openStore(database: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(database)) return openPostgresStore(database, options);
  return openSqliteStore(database, { changeCheckMs: SERVING_CHANGE_CHECK_MS, ...options });
}

/** Applies the pending migrations of `database`; returns the store's description and schema version. */
export async function migrateStore(database: string): Promise<{ description: string; version: number }> {
  if (isPostgresUrl(database)) {
    return { description: describeUrl(database), version: await migratePostgres(database) };
  }
  const store = openSqliteStore(database);
  const description = store.description;
  await store.close();
  // Opening migrates, and refuses a database newer than this lingwire.
  return { description, version: SQLITE_MIGRATIONS.length };
}

/**
 * Opens `database` for row-level access (`lingwire db copy`), migrating it first; `mustExist`
 * refuses a missing SQLite file or a PostgreSQL schema without lingwire tables.
 */
export async function openTableAccess(
  database: string,
  options: OpenStoreOptions = {},
): Promise<TableAccess> {
  if (isPostgresUrl(database)) return openPostgresTableAccess(database, options);
  return openSqliteTableAccess(database, options);
}
