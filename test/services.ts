/**
 * Services for tests, built by the real composition root over an in-memory SQLite store with the
 * real migrations. No dictionary unless one is handed in (stories get no level and pages no
 * reader markup), so most tests stay fast.
 */
import type { StoryInput } from '../src/articles/model.js';
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

/** A story in 国际英语新闻 with nothing but a title and paragraphs, as a plain file would give it. */
export function plainStory(title: string, paragraphs: string[]): StoryInput {
  return {
    source: '',
    externalId: null,
    section: '国际英语新闻',
    title,
    dateline: null,
    publishedAt: null,
    url: null,
    tags: [],
    paragraphs,
    pinnedRelated: [],
  };
}
