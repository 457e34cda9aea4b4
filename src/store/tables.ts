/**
 * Every table of a lingwire database, in ONE place, for the tools that move a whole site:
 * `lingwire db copy` (`site-copy.ts`) and `lingwire restore` on PostgreSQL (`postgres/backup.ts`).
 *
 * **A migration that adds a table must add it here too**, in `SITE_TABLES` (copied, in an order
 * where every table comes after the tables it references) or in `LOCAL_TABLES` (belongs to one
 * database and is not copied). `tables.test.ts` fails, naming the table, while a migrated SQLite or
 * PostgreSQL database has a table that is in neither. Columns are not listed: the copy reads them
 * from the databases, so a migration that adds a column (such as feed provenance) needs no change.
 */

/** A table copied from one database to another, ids and all. */
export interface SiteTable {
  name: string;
  /**
   * The primary key, in order: the copy reads in this order, in batches after the last key seen,
   * so a batch costs the same at the end of a large table as at its start.
   */
  key: readonly string[];
}

/** The site's content, in foreign-key order (a table after every table it references). */
export const SITE_TABLES: readonly SiteTable[] = [
  { name: 'sections', key: ['id'] },
  { name: 'section_redirects', key: ['slug'] },
  { name: 'stories', key: ['id'] },
  { name: 'story_analysis', key: ['story_id'] },
  { name: 'related_vectors', key: ['story_id'] },
  { name: 'related_lists', key: ['story_id', 'rank'] },
  { name: 'related_model', key: ['id'] },
  { name: 'meta', key: ['key'] },
  { name: 'feeds', key: ['id'] },
  { name: 'story_filing', key: ['story_id'] },
  { name: 'section_model', key: ['id'] },
  { name: 'story_edits', key: ['id'] },
  // Learners move with the site: their accounts, API tokens, words, 生词本 and reviews.
  { name: 'users', key: ['id'] },
  { name: 'api_tokens', key: ['id'] },
  { name: 'word_statuses', key: ['user_id', 'lemma'] },
  { name: 'wordbook', key: ['id'] },
  { name: 'reviews', key: ['id'] },
  { name: 'story_reads', key: ['user_id', 'story_id'] },
  { name: 'known_words_daily', key: ['user_id', 'day'] },
  { name: 'feed_tokens', key: ['user_id'] },
];

/**
 * Tables that belong to one database and are not copied, with why. The change log is the history
 * of writes to *this* database, which its page caches follow; a copy gets one `all` entry instead
 * (every cached page of the target is dropped).
 */
export const LOCAL_TABLES: Readonly<Record<string, string>> = {
  changes: 'the change log of this database (a copy appends one `all` entry instead)',
  changes_pruned: 'PostgreSQL only: how far this database pruned its change log',
  sessions:
    'logins to this site: a copy or restore elsewhere asks learners to log in again (API tokens are copied)',
  lingwire_schema: "PostgreSQL only: the schema version (SQLite's is PRAGMA user_version)",
  // The search index is made from the stories by the target's own triggers as they land (SQLite);
  // PostgreSQL's is a generated column of stories.
  story_search: 'SQLite only: the FTS5 search index, kept from stories by triggers',
  story_search_data: 'SQLite only: a table of the FTS5 search index',
  story_search_idx: 'SQLite only: a table of the FTS5 search index',
  story_search_docsize: 'SQLite only: a table of the FTS5 search index',
  story_search_config: 'SQLite only: a table of the FTS5 search index',
};

/** Every table name lingwire's migrations create, copied or not. */
export function allTableNames(): string[] {
  return [...SITE_TABLES.map((t) => t.name), ...Object.keys(LOCAL_TABLES)];
}
