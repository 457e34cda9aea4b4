/**
 * Connecting to PostgreSQL: the pool's settings, what a refused connection tells a person, and the
 * schema migrations, applied under a session advisory lock so two processes starting together
 * (a deploy starting `serve` and `import`) migrate once, not twice.
 *
 * Tables live in the connection's current schema (normally `public`; a URL may choose another with
 * `?options=-c%20search_path%3Dname`, which is how the tests give every case a fresh schema).
 */
import pg from 'pg';
import { AppError } from '../../core/errors.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** How to connect. */
export interface PostgresOpenOptions {
  /** Fail with a clear error instead of creating the tables when the schema has none. Default false. */
  mustExist?: boolean;
  /**
   * How long a statement waits for a lock another process holds before failing with
   * `STORE_BUSY`, in milliseconds (PostgreSQL's `lock_timeout`). Default 5000; 0–600000.
   */
  busyTimeoutMs?: number;
  /** Connections in the pool. Default 10; 2–100 (a transaction holds one while others read). */
  poolSize?: number;
}

/** `postgres://user@host:port/db`: the URL without its password or options, for logs and messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `postgres://${user}${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** The settings every connection of a store gets. */
export function clientConfig(url: string, options: PostgresOpenOptions): pg.ClientConfig {
  return {
    connectionString: url,
    lock_timeout: Math.trunc(options.busyTimeoutMs ?? 5000),
    application_name: 'lingwire',
  };
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

/**
 * `STORE_FAILURE` naming the server (never the password) for a connection that failed: refused,
 * unknown host, bad credentials, missing database. Anything else is passed on.
 */
export function connectionError(url: string, cause: unknown): unknown {
  const code = (cause as { code?: unknown } | null)?.code;
  // 28xxx: authentication; 3D000: no such database; 57P03: the server is starting up.
  const refused =
    typeof code === 'string' &&
    (CONNECTION_CODES.has(code) || code.startsWith('28') || code === '3D000' || code === '57P03');
  if (!refused) return cause;
  const parsed = (() => {
    try {
      return new URL(url);
    } catch {
      return null;
    }
  })();
  const where = `${parsed?.hostname || 'localhost'}:${parsed?.port || '5432'}`;
  return new AppError(
    'STORE_FAILURE',
    `store: unable to connect to PostgreSQL at ${where} (${describeUrl(url)}): ${(cause as Error).message}`,
    { cause },
  );
}

/** Connects one client, turning a failed connection into `connectionError`. */
export async function connectClient(url: string, options: PostgresOpenOptions): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url, options));
  try {
    await client.connect();
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw connectionError(url, cause);
  }
  return client;
}

/** The schema version of the client's current schema; 0 when it has no lingwire tables. */
async function schemaVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('lingwire_schema') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) return 0;
  const version = await client.query<{ version: number }>('SELECT version FROM lingwire_schema WHERE id = 1');
  return version.rows[0]?.version ?? 0;
}

/**
 * Brings the schema to the newest version (or checks it when `mustExist`) and returns the version.
 * Runs on a client of its own, without lock_timeout: a second process waits for the first's
 * migration however long it takes.
 */
export async function migratePostgres(url: string, options: PostgresOpenOptions = {}): Promise<number> {
  const client = await connectClient(url, { ...options, busyTimeoutMs: 0 });
  const newest = POSTGRES_MIGRATIONS.length;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('lingwire.migrate:' || current_schema()))");
    const current = await schemaVersion(client);
    if (current > newest) {
      throw new AppError(
        'STORE_FAILURE',
        `store: the database is at schema version ${current}, newer than this lingwire (${newest}); upgrade lingwire.`,
      );
    }
    if (current === 0 && options.mustExist) {
      throw new AppError(
        'STORE_FAILURE',
        `there are no lingwire tables in ${describeUrl(url)}; import stories first (lingwire import …) or run lingwire migrate.`,
      );
    }
    for (let version = current; version < newest; version++) {
      await client.query('BEGIN');
      try {
        await client.query(
          'CREATE TABLE IF NOT EXISTS lingwire_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)',
        );
        await client.query(POSTGRES_MIGRATIONS[version]!);
        await client.query(
          `INSERT INTO lingwire_schema (id, version) VALUES (1, $1)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version`,
          [version + 1],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return newest;
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end().catch(() => undefined);
  }
}
