/**
 * Versioned schema for the SQLite adapter, applied in order on open and recorded in
 * `PRAGMA user_version`. Never edit a released migration: add a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: sections and stories
  `
  CREATE TABLE sections (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name_zh    TEXT NOT NULL UNIQUE,
    name_en    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );

  CREATE TABLE stories (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL DEFAULT '',
    external_id     TEXT NOT NULL,
    section_id      INTEGER NOT NULL REFERENCES sections(id),
    title           TEXT NOT NULL,
    title_key       TEXT NOT NULL,
    dateline_place  TEXT,
    dateline_month  INTEGER,
    dateline_day    INTEGER,
    dateline_agency TEXT,
    dateline_text   TEXT,
    published_at    TEXT,
    url             TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    paragraphs      TEXT NOT NULL,                -- JSON array of strings
    pinned_related  TEXT NOT NULL DEFAULT '[]',   -- JSON array of {sectionName, title}
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    sort_at         TEXT NOT NULL,                -- published_at, else created_at: list order
    UNIQUE (source, external_id)
  );
  CREATE INDEX stories_by_section ON stories (section_id, sort_at DESC, id DESC);
  CREATE INDEX stories_by_date ON stories (sort_at DESC, id DESC);
  CREATE INDEX stories_by_title_key ON stories (title_key);
  `,
  // 2: story levels (text/level.ts), computed when a story is stored
  `
  ALTER TABLE stories ADD COLUMN level_score REAL;
  ALTER TABLE stories ADD COLUMN level_band TEXT;
  ALTER TABLE stories ADD COLUMN level_detail TEXT;   -- JSON StoryLevel
  `,
  // 3: related stories (related/): each story's engine state, its computed list, the fitted model
  `
  CREATE TABLE related_vectors (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    data     TEXT NOT NULL                 -- JSON: the engine's exported story (terms, counts, signature)
  );
  CREATE TABLE related_lists (
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    rank       INTEGER NOT NULL,
    related_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score      REAL NOT NULL,
    PRIMARY KEY (story_id, rank)
  );
  CREATE INDEX related_lists_by_target ON related_lists (related_id);
  CREATE TABLE related_model (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    data       TEXT NOT NULL,              -- JSON: the fitted latent space
    stories    INTEGER NOT NULL,           -- archive size when it was fitted
    updated_at TEXT NOT NULL
  );
  `,
  // 4: stable section order, the change log (page-cache invalidation across processes), stored
  // story analysis, and small operator state
  `
  ALTER TABLE sections ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    tags TEXT NOT NULL,                    -- JSON array of change tags (store/types.ts ChangeRepo)
    at   TEXT NOT NULL
  );
  CREATE TABLE story_analysis (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,             -- the analyser's version
    data     TEXT NOT NULL                 -- opaque to the store
  );
  CREATE TABLE meta (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 5: feed subscriptions and their polling state; story provenance
  `
  CREATE TABLE feeds (
    id                   INTEGER PRIMARY KEY,
    url                  TEXT NOT NULL UNIQUE,
    title                TEXT NOT NULL DEFAULT '',
    section              TEXT,
    language             TEXT NOT NULL DEFAULT 'en',    -- 'en' | 'any'
    interval_minutes     INTEGER NOT NULL,
    allow_private        INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    next_poll_at         TEXT NOT NULL,
    last_polled_at       TEXT,
    last_success_at      TEXT,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    etag                 TEXT,
    last_modified        TEXT,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    items_stored         INTEGER NOT NULL DEFAULT 0,
    items_skipped        INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX feeds_by_next_poll ON feeds (next_poll_at);
  ALTER TABLE stories ADD COLUMN author TEXT;
  ALTER TABLE stories ADD COLUMN license TEXT;
  ALTER TABLE stories ADD COLUMN feed TEXT;        -- the feed's URL (kept when the feed is removed)
  ALTER TABLE stories ADD COLUMN fetched_at TEXT;
  ALTER TABLE stories ADD COLUMN language TEXT;    -- ISO 639-1
  ALTER TABLE stories ADD COLUMN text_from TEXT;   -- 'feed' | 'page' | 'summary'
  `,
  // 6: automatic sections: how each story's section was chosen, the classifier's model, and the
  // per-feed classification setting. Stories filed before this are recorded as an editor's, except
  // those in the default section (英语新闻, slug news), which may simply have had none.
  `
  CREATE TABLE story_filing (
    story_id   INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    source     TEXT NOT NULL,              -- 'editor' | 'feed' | 'classifier'
    confidence REAL                        -- the classifier's probability, 0–1; null otherwise
  );
  INSERT INTO story_filing (story_id, source)
    SELECT s.id, 'editor' FROM stories s JOIN sections c ON c.id = s.section_id WHERE c.slug <> 'news';
  CREATE TABLE section_model (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    data       TEXT NOT NULL,              -- JSON: the fitted classifier (ingest/classify/model.ts)
    trained_on INTEGER NOT NULL,           -- filed stories it was trained on
    updated_at TEXT NOT NULL
  );
  ALTER TABLE feeds ADD COLUMN classify TEXT;   -- 'auto' | 'always' | 'never'; null: auto
  `,
  // 7: full-text search (sqlite/search.ts): an FTS5 index of titles and texts (porter stemming),
  // external content read from a view; triggers keep it in step with every write to stories in the
  // writing transaction (import, update, delete, db copy), and the last statement indexes the
  // stories already stored. The text is the paragraphs' JSON array undone by replace() (a
  // table-valued json_each cannot be used in a trigger): paragraphs joined by newlines, the
  // escapes JSON.stringify writes for text undone; view and triggers use the same expression.
  `
  CREATE VIEW story_search_text AS
    SELECT id, title, replace(replace(replace(replace(replace(substr(stories.paragraphs, 3, length(stories.paragraphs) - 4), '","', char(10)), '\\"', '"'), '\\n', char(10)), '\\t', ' '), '\\\\', '\\') AS body FROM stories;
  CREATE VIRTUAL TABLE story_search USING fts5(
    title, body, content = 'story_search_text', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER story_search_after_insert AFTER INSERT ON stories BEGIN
    INSERT INTO story_search (rowid, title, body) VALUES (new.id, new.title, replace(replace(replace(replace(replace(substr(new.paragraphs, 3, length(new.paragraphs) - 4), '","', char(10)), '\\"', '"'), '\\n', char(10)), '\\t', ' '), '\\\\', '\\'));
  END;
  CREATE TRIGGER story_search_after_delete AFTER DELETE ON stories BEGIN
    INSERT INTO story_search (story_search, rowid, title, body) VALUES ('delete', old.id, old.title, replace(replace(replace(replace(replace(substr(old.paragraphs, 3, length(old.paragraphs) - 4), '","', char(10)), '\\"', '"'), '\\n', char(10)), '\\t', ' '), '\\\\', '\\'));
  END;
  CREATE TRIGGER story_search_after_update AFTER UPDATE OF title, paragraphs ON stories BEGIN
    INSERT INTO story_search (story_search, rowid, title, body) VALUES ('delete', old.id, old.title, replace(replace(replace(replace(replace(substr(old.paragraphs, 3, length(old.paragraphs) - 4), '","', char(10)), '\\"', '"'), '\\n', char(10)), '\\t', ' '), '\\\\', '\\'));
    INSERT INTO story_search (rowid, title, body) VALUES (new.id, new.title, replace(replace(replace(replace(replace(substr(new.paragraphs, 3, length(new.paragraphs) - 4), '","', char(10)), '\\"', '"'), '\\n', char(10)), '\\t', ' '), '\\\\', '\\'));
  END;
  INSERT INTO story_search (story_search) VALUES ('rebuild');
  `,
  // 8: duplicate groups and story families. A copy of a story names its canonical story
  // (duplicate_of, NULL for canonical stories: what lists and search show); the versions of one
  // article at several levels share a group (JSON Lines "group" + "level").
  `
  ALTER TABLE stories ADD COLUMN duplicate_of INTEGER REFERENCES stories(id) ON DELETE SET NULL
    DEFERRABLE INITIALLY DEFERRED;                -- checked at commit: a copy of a site goes in id order
  ALTER TABLE stories ADD COLUMN story_group TEXT;   -- JSON Lines "group", with source: one family
  ALTER TABLE stories ADD COLUMN group_level TEXT;   -- JSON Lines "level" within the family
  CREATE INDEX stories_by_duplicate_of ON stories (duplicate_of) WHERE duplicate_of IS NOT NULL;
  CREATE INDEX stories_by_group ON stories (source, story_group) WHERE story_group IS NOT NULL;
  CREATE INDEX stories_by_url ON stories (url) WHERE url IS NOT NULL;
  `,
  // 9: learner accounts (issue #14): users, server-side sessions, API tokens (hashed), word
  // statuses, the 生词本 with each entry's FSRS card, the review log, finished stories
  `
  CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,              -- lower-cased
    password_hash TEXT NOT NULL,                     -- scrypt$N$r$p$salt$key (learner/passwords.ts)
    role          TEXT NOT NULL DEFAULT 'reader',    -- 'reader' | 'editor' | 'admin'
    created_at    TEXT NOT NULL,
    words_version INTEGER NOT NULL DEFAULT 0         -- bumped by every change of the user's word statuses
  );
  CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,                     -- SHA-256 of the cookie's secret
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,                 -- SHA-256 of the token
    created_at TEXT NOT NULL
  );
  CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
  CREATE TABLE word_statuses (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    lemma      TEXT NOT NULL,
    status     TEXT NOT NULL,                        -- 'unknown' | 'learning' | 'known' | 'ignored'
    stage      INTEGER,                              -- 1–4 when learning
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, lemma)
  ) WITHOUT ROWID;
  CREATE INDEX word_statuses_by_status ON word_statuses (user_id, status, lemma);
  CREATE TABLE wordbook (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    word       TEXT NOT NULL,
    lemma      TEXT NOT NULL,
    sentence   TEXT NOT NULL,
    story_id   INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    meaning    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    card       TEXT NOT NULL,                        -- JSON: the FSRS card state
    due        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, lemma)
  );
  CREATE INDEX wordbook_by_due ON wordbook (user_id, due);
  CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES wordbook(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating      TEXT NOT NULL,                       -- 'again' | 'hard' | 'good' | 'easy'
    reviewed_at TEXT NOT NULL,
    due         TEXT NOT NULL
  );
  CREATE INDEX reviews_by_user ON reviews (user_id, reviewed_at);
  CREATE TABLE story_reads (
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    read_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, story_id)
  );
  `,
  // 10: undated stories sort after the dated ones (see UNDATED_SORT_PREFIX in store/story-rows.ts).
  `
  UPDATE stories SET sort_at = '!' || created_at WHERE published_at IS NULL;
  `,
  // 11: the editors' desk: old section slugs (renamed or merged away) redirect; feeds can be paused.
  `
  CREATE TABLE section_redirects (
    slug       TEXT PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  );
  ALTER TABLE feeds ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
  `,
  // 12: learner progress and the personal 为我推荐 feed (issue #14): known words gained and lost
  // per learner per UTC day (the chart of words known over time; started from each known word's
  // last change), and one secret feed token per learner (SHA-256 of it)
  `
  CREATE TABLE known_words_daily (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day     TEXT NOT NULL,                           -- YYYY-MM-DD, UTC
    gained  INTEGER NOT NULL DEFAULT 0,              -- lemmas that became known that day
    lost    INTEGER NOT NULL DEFAULT 0,              -- lemmas known before that got another status
    PRIMARY KEY (user_id, day)
  ) WITHOUT ROWID;
  INSERT INTO known_words_daily (user_id, day, gained, lost)
    SELECT user_id, substr(updated_at, 1, 10), COUNT(*), 0 FROM word_statuses
    WHERE status = 'known' GROUP BY user_id, substr(updated_at, 1, 10);
  -- the words version each status was last changed in (users.words_version), so a cache of a
  -- learner's statuses reads only what changed since (learner/for-me.ts)
  ALTER TABLE word_statuses ADD COLUMN changed_in INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX word_statuses_by_change ON word_statuses (user_id, changed_in);
  CREATE TABLE feed_tokens (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,                 -- SHA-256 of the token in the feed's URL
    created_at TEXT NOT NULL
  );
  `,
  // 13: the editors' desk (issue #15): publication status, a level override, pinned related
  // stories by id, and every edit's history (kept after a story is deleted: no foreign key).
  `
  ALTER TABLE stories ADD COLUMN status TEXT NOT NULL DEFAULT 'published';  -- 'published' | 'draft' | 'unpublished'
  ALTER TABLE stories ADD COLUMN level_override TEXT;                     -- an editor's band; level_band follows it
  ALTER TABLE stories ADD COLUMN pinned_ids TEXT NOT NULL DEFAULT '[]';   -- JSON: pinned related story ids
  CREATE INDEX stories_hidden ON stories (id) WHERE status <> 'published';
  CREATE TABLE story_edits (
    id       INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL,                   -- no foreign key: the history outlives a deletion
    actor    TEXT NOT NULL,                      -- who: an editor's email, or 'cli' for the operator
    at       TEXT NOT NULL,
    action   TEXT NOT NULL,                      -- 'edit' | 'delete'
    changes  TEXT NOT NULL                       -- JSON: [{field, before, after}]
  );
  CREATE INDEX story_edits_by_story ON story_edits (story_id, id);
  `,
  // 14: the stories a reader sees (published, not copies) by section and date, so a section page
  // counts and lists them from this index alone: the count read every row of a 68,000-story
  // section (93 ms), each time a new story invalidated the page.
  `
  CREATE INDEX stories_listed_by_section ON stories (section_id, sort_at DESC, id DESC)
    WHERE duplicate_of IS NULL AND status = 'published';
  `,
];
