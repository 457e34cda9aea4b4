/**
 * The store contract on a real PostgreSQL server, when `TEST_DATABASE_URL` names one (see
 * `test/postgres.ts`: every store the contract opens gets a fresh schema, dropped after the file).
 * Without it the suite is skipped, except in CI (`LINGWIRE_REQUIRE_POSTGRES=1`), where a missing
 * server is a failure.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeWithoutPostgres,
  dropTestSchemas,
  freshSchemaUrl as freshSchema,
  TEST_DATABASE_URL,
} from '../../../test/postgres.js';
import { describeStoreContract, type StoreContractOptions } from '../store-contract.js';
import type { Store } from '../types.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { migratePostgres } from './open.js';
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './store.js';

if (!TEST_DATABASE_URL) {
  describeWithoutPostgres('postgres: store contract');
} else {
  afterAll(dropTestSchemas);

  const open = async (options: PostgresStoreOptions = {}) => openPostgresStore(await freshSchema(), options);

  describeStoreContract({
    name: 'postgres',
    open,
    async openTwo(options: StoreContractOptions = {}) {
      const schemaUrl = await freshSchema();
      return [await openPostgresStore(schemaUrl, options), await openPostgresStore(schemaUrl, options)];
    },
    settle: (store: Store) => (store as PostgresStore).settle(),
  });

  describe('postgres: opening', () => {
    it('migrates once when two processes open a new database together', async () => {
      const schemaUrl = await freshSchema();
      const versions = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(schemaUrl)));
      expect(versions).toEqual([4, 4, 4, 4].map(() => POSTGRES_MIGRATIONS.length));
      const store = await openPostgresStore(schemaUrl);
      await store.sections.createSection({ slug: 'a', nameZh: '甲', nameEn: '' });
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['a']);
      await store.close();
    });

    it('refuses a database from a newer lingwire', async () => {
      const schemaUrl = await freshSchema();
      await (await openPostgresStore(schemaUrl)).close();
      const raw = new pg.Client({ connectionString: schemaUrl });
      await raw.connect();
      await raw.query('UPDATE lingwire_schema SET version = 999');
      await raw.end();
      await expect(openPostgresStore(schemaUrl)).rejects.toThrow('newer than this lingwire');
    });

    it('refuses an empty database when it must exist', async () => {
      await expect(openPostgresStore(await freshSchema(), { mustExist: true })).rejects.toMatchObject({
        code: 'STORE_FAILURE',
        message: expect.stringContaining('there are no lingwire tables'),
      });
    });

    it('names the host and port of a server that refuses the connection, never the password', async () => {
      const refused = 'postgres://lingwire:secret-pw@127.0.0.1:1/lingwire';
      const failure = openPostgresStore(refused);
      await expect(failure).rejects.toMatchObject({
        code: 'STORE_FAILURE',
        message: expect.stringContaining('unable to connect to PostgreSQL at 127.0.0.1:1'),
        cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
      });
      await expect(failure).rejects.not.toThrow('secret-pw');
    });

    it('describes itself without the password', async () => {
      const store = await openPostgresStore(await freshSchema());
      expect(store.description).toMatch(/^postgres:\/\/[^:]*@?[^@]+:\d+\//);
      expect(store.description).not.toContain('options');
      await store.close();
    });
  });

  describe('postgres: two processes writing at once', () => {
    it('takes turns, as on SQLite: two find-or-create transactions make one section, not a unique violation', async () => {
      const schemaUrl = await freshSchema();
      const stores = [await openPostgresStore(schemaUrl), await openPostgresStore(schemaUrl)];
      const findOrCreate = (store: Store) =>
        store.transaction(async (tx) => {
          const found = await tx.sections.findSectionBySlug('world');
          // Give the other transaction every chance to look before this one creates.
          await new Promise((resolve) => setTimeout(resolve, 50));
          return found ?? tx.sections.createSection({ slug: 'world', nameZh: '国际', nameEn: 'World' });
        });
      const [a, b] = await Promise.all(stores.map(findOrCreate));
      expect(a!.id).toBe(b!.id);
      expect(await stores[0]!.sections.listSections()).toHaveLength(1);
      for (const store of stores) await store.close();
    });
  });

  describe('postgres: another process holding a lock', () => {
    const BUSY = {
      code: 'STORE_BUSY',
      message: 'the database is busy: another lingwire process is writing to it; try again when it finishes.',
      cause: expect.objectContaining({ code: '55P03' }),
    };

    it.each<[string, (store: Store) => Promise<unknown>]>([
      [
        'a transaction',
        (s) => s.transaction((tx) => tx.sections.createSection({ slug: 'x', nameZh: '某', nameEn: '' })),
      ],
      [
        'a write outside a transaction',
        (s) => s.sections.createSection({ slug: 'x', nameZh: '某', nameEn: '' }),
      ],
    ])('makes %s fail with STORE_BUSY after the lock timeout, keeping the cause', async (_, write) => {
      const schemaUrl = await freshSchema();
      const store = await openPostgresStore(schemaUrl, { busyTimeoutMs: 50 });
      const other = new pg.Client({ connectionString: schemaUrl });
      await other.connect();
      await other.query('BEGIN');
      await other.query('LOCK TABLE sections IN EXCLUSIVE MODE');
      try {
        await expect(write(store)).rejects.toMatchObject(BUSY);
        expect(await store.changes.latestChange()).toBe(0);
      } finally {
        await other.query('ROLLBACK');
        await other.end();
      }
      await write(store);
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['x']);
      await store.close();
    });
  });
}
