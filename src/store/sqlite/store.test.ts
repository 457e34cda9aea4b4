import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store-contract.js';
import { openSqliteStore } from './store.js';

describeStoreContract('sqlite (in memory)', () => openSqliteStore(':memory:'));

describe('sqlite on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sees writes committed by another connection (the server notices `lingwire import`)', async () => {
    const path = join(dir, 'shared.db');
    const server = openSqliteStore(path);
    const importer = openSqliteStore(path);
    const before = server.changeToken();
    expect(server.changeToken()).toBe(before);
    await importer.transaction((tx) => tx.sections.createSection({ slug: 'w', nameZh: '国际', nameEn: '' }));
    expect(server.changeToken()).not.toBe(before);
    expect(await server.sections.findSectionBySlug('w')).not.toBeNull();
    await importer.close();
    await server.close();
  });

  it('refuses a database from a newer lingwire', async () => {
    const path = join(dir, 'future.db');
    const store = openSqliteStore(path);
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openSqliteStore(path)).toThrow('newer than this lingwire');
  });
});
