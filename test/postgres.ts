/**
 * The PostgreSQL server the tests use, when `TEST_DATABASE_URL` names one (`.ci/run` starts a
 * throwaway cluster with `.ci/postgres.sh`; locally: `eval "$(.ci/postgres.sh start)"`). Each caller
 * gets fresh schemas of its own (the connection URL's `search_path`), so test files and cases are
 * independent and can share one database; `dropTestSchemas` removes them after a file.
 */
import pg from 'pg';
import { describe, it } from 'vitest';

/** The server's URL, or undefined when the PostgreSQL tests do not run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

const schemas: string[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a new empty schema and returns the URL of connections working in it. */
export async function freshSchemaUrl(): Promise<string> {
  const url = TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `lw_test_${process.pid}_${schemas.length + 1}_${Date.now() % 1_000_000}`;
  schemas.push(schema);
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return `${url}${url.includes('?') ? '&' : '?'}${options}`;
}

/** Drops every schema `freshSchemaUrl` created in this file. */
export async function dropTestSchemas(): Promise<void> {
  if (!TEST_DATABASE_URL || schemas.length === 0) return;
  const dropped = schemas.splice(0);
  await admin(async (client) => {
    for (const schema of dropped) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
}

/**
 * Stands in for a PostgreSQL suite when there is no server: a skipped test, or a failing one in CI
 * (`LINGWIRE_REQUIRE_POSTGRES=1`), where the suite must run.
 */
export function describeWithoutPostgres(name: string): void {
  describe(name, () => {
    if (process.env.LINGWIRE_REQUIRE_POSTGRES === '1') {
      it('needs TEST_DATABASE_URL (LINGWIRE_REQUIRE_POSTGRES=1 is set)', () => {
        throw new Error(
          'TEST_DATABASE_URL is not set: start a server with `eval "$(.ci/postgres.sh start)"`.',
        );
      });
    } else {
      it.skip('needs TEST_DATABASE_URL (for example from `eval "$(.ci/postgres.sh start)"`)', () => {});
    }
  });
}
