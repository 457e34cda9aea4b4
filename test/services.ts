/**
 * Services for tests, built by the real composition root over an in-memory SQLite store with the
 * real migrations. No dictionary unless one is handed in (stories get no level and pages no
 * reader markup), so most tests stay fast.
 */
import { DEFAULT_CONFIG } from '../src/core/config.js';
import type { Dictionary } from '../src/dictionary/index.js';
import { type Services, servicesOver } from '../src/services.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';

export function memoryServices(options: { dictionary?: Dictionary | null; dbPath?: string } = {}): Services {
  const dbPath = options.dbPath ?? ':memory:';
  return servicesOver(
    openSqliteStore(dbPath),
    { ...DEFAULT_CONFIG, dbPath },
    { dictionary: options.dictionary ?? null, warn: () => {} },
  );
}
