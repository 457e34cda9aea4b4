/**
 * `tables.ts` names every table the migrations create, on both stores: a migration that adds a
 * table and forgets the list fails here, before `db copy` or `restore` would silently skip it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../../test/postgres.js';
import { openTableAccess } from './open-store.js';
import { allTableNames } from './tables.js';

afterAll(dropTestSchemas);

const databases: Array<[string, () => Promise<string>]> = [['SQLite', async () => ':memory:']];
if (TEST_DATABASE_URL) databases.push(['PostgreSQL', freshSchemaUrl]);

describe.each(databases)('tables.ts on %s', (_, fresh) => {
  it('lists every table a migrated database has (add a new table to SITE_TABLES or LOCAL_TABLES)', async () => {
    const access = await openTableAccess(await fresh());
    const unlisted = (await access.tableNames()).filter((name) => !allTableNames().includes(name));
    await access.close();
    expect(unlisted).toEqual([]);
  });
});
