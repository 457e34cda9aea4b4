/**
 * The embedded store: one SQLite file through better-sqlite3 (12.x; 13.x crashes on Node 20).
 *
 * better-sqlite3 is synchronous; the methods are async only to satisfy the store interfaces, so a
 * PostgreSQL adapter can stand in without the domain noticing. WAL lets the web server keep
 * reading while `lingwire import` writes from another process; `PRAGMA data_version` tells this
 * connection when that other process has committed, which is what `changeToken()` is built on.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Dateline, PinnedLink, Section, Story, StoryLevel } from '../../articles/model.js';
import { AppError } from '../../core/errors.js';
import type {
  ListQuery,
  RelatedRepo,
  RelatedRow,
  SectionRepo,
  Store,
  StoreTx,
  StoryListRow,
  StoryRecord,
  StoryRepo,
} from '../types.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

type Row = Record<string, unknown>;

interface StoryRow {
  id: number;
  slug: string;
  source: string;
  external_id: string;
  section_id: number;
  title: string;
  dateline_place: string | null;
  dateline_month: number | null;
  dateline_day: number | null;
  dateline_agency: string | null;
  dateline_text: string | null;
  published_at: string | null;
  url: string | null;
  tags: string;
  paragraphs: string;
  pinned_related: string;
  created_at: string;
  updated_at: string;
  level_score: number | null;
  level_band: string | null;
  level_detail: string | null;
}

function datelineOf(
  row: Pick<
    StoryRow,
    'dateline_place' | 'dateline_month' | 'dateline_day' | 'dateline_agency' | 'dateline_text'
  >,
): Dateline | null {
  if (row.dateline_place === null) return null;
  return {
    place: row.dateline_place,
    month: row.dateline_month,
    day: row.dateline_day,
    agency: row.dateline_agency,
    dateText: row.dateline_text,
  };
}

function storyOf(row: StoryRow): Story {
  return {
    id: row.id,
    slug: row.slug,
    source: row.source,
    externalId: row.external_id,
    sectionId: row.section_id,
    title: row.title,
    dateline: datelineOf(row),
    publishedAt: row.published_at,
    url: row.url,
    tags: JSON.parse(row.tags) as string[],
    paragraphs: JSON.parse(row.paragraphs) as string[],
    pinnedRelated: JSON.parse(row.pinned_related) as PinnedLink[],
    level: row.level_detail ? (JSON.parse(row.level_detail) as StoryLevel) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function sectionOf(row: Row): Section {
  return {
    id: row.id as number,
    slug: row.slug as string,
    nameZh: row.name_zh as string,
    nameEn: row.name_en as string,
  };
}

function recordParams(record: StoryRecord, now: string) {
  return {
    slug: record.slug,
    source: record.source,
    external_id: record.externalId,
    section_id: record.sectionId,
    title: record.title,
    title_key: record.titleKey,
    dateline_place: record.dateline?.place ?? null,
    dateline_month: record.dateline?.month ?? null,
    dateline_day: record.dateline?.day ?? null,
    dateline_agency: record.dateline?.agency ?? null,
    dateline_text: record.dateline?.dateText ?? null,
    published_at: record.publishedAt,
    url: record.url,
    tags: JSON.stringify(record.tags),
    paragraphs: JSON.stringify(record.paragraphs),
    pinned_related: JSON.stringify(record.pinnedRelated),
    level_score: record.level?.score ?? null,
    level_band: record.level?.band ?? null,
    level_detail: record.level ? JSON.stringify(record.level) : null,
    now,
    sort_at: record.publishedAt ?? now,
  };
}

/** Options for `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Fail with a clear error instead of creating the file when it does not exist. Default false. */
  mustExist?: boolean;
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ':memory:') {
    if (options.mustExist && !existsSync(path)) {
      throw new AppError(
        'STORE_FAILURE',
        `there is no database at ${path}; import stories first (lingwire import …) or give the right file with --db.`,
      );
    }
    mkdirSync(dirname(path), { recursive: true });
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new AppError(
      'STORE_FAILURE',
      `store: unable to open the database ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);

  const q = {
    sectionBySlug: db.prepare('SELECT * FROM sections WHERE slug = ?'),
    sectionByName: db.prepare('SELECT * FROM sections WHERE name_zh = ?'),
    sectionById: db.prepare('SELECT * FROM sections WHERE id = ?'),
    sections: db.prepare(`
      SELECT s.* FROM sections s
      LEFT JOIN (SELECT section_id, MAX(sort_at) AS newest FROM stories GROUP BY section_id) n ON n.section_id = s.id
      ORDER BY n.newest IS NULL, n.newest DESC, s.id`),
    insertSection: db.prepare(
      'INSERT INTO sections (slug, name_zh, name_en, created_at) VALUES (@slug, @nameZh, @nameEn, @now) RETURNING *',
    ),
    storyById: db.prepare('SELECT * FROM stories WHERE id = ?'),
    storyBySlug: db.prepare('SELECT * FROM stories WHERE slug = ?'),
    storyByExternalId: db.prepare('SELECT * FROM stories WHERE source = ? AND external_id = ?'),
    slugTaken: db.prepare('SELECT 1 FROM stories WHERE slug = ?').pluck(),
    insertStory: db.prepare(`
      INSERT INTO stories (slug, source, external_id, section_id, title, title_key, dateline_place, dateline_month,
        dateline_day, dateline_agency, dateline_text, published_at, url, tags, paragraphs, pinned_related,
        level_score, level_band, level_detail, created_at, updated_at, sort_at)
      VALUES (@slug, @source, @external_id, @section_id, @title, @title_key, @dateline_place, @dateline_month,
        @dateline_day, @dateline_agency, @dateline_text, @published_at, @url, @tags, @paragraphs, @pinned_related,
        @level_score, @level_band, @level_detail, @now, @now, @sort_at)
      RETURNING *`),
    updateStory: db.prepare(`
      UPDATE stories SET source = @source, external_id = @external_id, section_id = @section_id, title = @title,
        title_key = @title_key, dateline_place = @dateline_place, dateline_month = @dateline_month,
        dateline_day = @dateline_day, dateline_agency = @dateline_agency, dateline_text = @dateline_text,
        published_at = @published_at, url = @url, tags = @tags, paragraphs = @paragraphs,
        pinned_related = @pinned_related, level_score = @level_score, level_band = @level_band,
        level_detail = @level_detail, updated_at = @now, sort_at = COALESCE(@published_at, created_at)
      WHERE id = @id
      RETURNING *`),
    deleteStory: db.prepare('DELETE FROM stories WHERE id = ?'),
    countAll: db.prepare('SELECT COUNT(*) FROM stories').pluck(),
    countInSection: db.prepare('SELECT COUNT(*) FROM stories WHERE section_id = ?').pluck(),
    storiesAfter: db.prepare('SELECT * FROM stories WHERE id > ? ORDER BY id LIMIT ?'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
  };
  const LIST_COLUMNS = `id, slug, title, section_id, published_at, created_at, dateline_place, dateline_month,
    dateline_day, dateline_agency, dateline_text, level_band, level_score,
    json_extract(paragraphs, '$[0]') AS first_paragraph`;
  const listAll = db.prepare(
    `SELECT ${LIST_COLUMNS} FROM stories ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const listInSection = db.prepare(
    `SELECT ${LIST_COLUMNS} FROM stories WHERE section_id = ? ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?`,
  );

  /** Bumped on every write through this connection, which `data_version` does not report. */
  let localWrites = 0;

  const sections: SectionRepo = {
    async findSectionBySlug(slug) {
      const row = q.sectionBySlug.get(slug) as Row | undefined;
      return row ? sectionOf(row) : null;
    },
    async findSectionByNameZh(nameZh) {
      const row = q.sectionByName.get(nameZh) as Row | undefined;
      return row ? sectionOf(row) : null;
    },
    async findSectionById(id) {
      const row = q.sectionById.get(id) as Row | undefined;
      return row ? sectionOf(row) : null;
    },
    async listSections() {
      return (q.sections.all() as Row[]).map(sectionOf);
    },
    async createSection(section) {
      localWrites++;
      return sectionOf(q.insertSection.get({ ...section, now: new Date().toISOString() }) as Row);
    },
  };

  const stories: StoryRepo = {
    async findStoryById(id) {
      const row = q.storyById.get(id) as StoryRow | undefined;
      return row ? storyOf(row) : null;
    },
    async findStoryBySlug(slug) {
      const row = q.storyBySlug.get(slug) as StoryRow | undefined;
      return row ? storyOf(row) : null;
    },
    async findStoryByExternalId(source, externalId) {
      const row = q.storyByExternalId.get(source, externalId) as StoryRow | undefined;
      return row ? storyOf(row) : null;
    },
    async findStoriesByTitleKeys(keys) {
      if (keys.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT id, slug, title_key, section_id FROM stories WHERE title_key IN (${keys.map(() => '?').join(',')})
           ORDER BY sort_at DESC, id DESC`,
        )
        .all(...keys) as Row[];
      return rows.map((r) => ({
        id: r.id as number,
        slug: r.slug as string,
        titleKey: r.title_key as string,
        sectionId: r.section_id as number,
      }));
    },
    async isSlugTaken(slug) {
      return q.slugTaken.get(slug) !== undefined;
    },
    async insertStory(record, now) {
      localWrites++;
      return storyOf(q.insertStory.get(recordParams(record, now)) as StoryRow);
    },
    async updateStory(id, record, now) {
      localWrites++;
      const row = q.updateStory.get({ ...recordParams(record, now), id }) as StoryRow | undefined;
      if (!row) throw new AppError('STORY_NOT_FOUND', `store: no story with id ${id} to update.`);
      return storyOf(row);
    },
    async deleteStory(id) {
      localWrites++;
      return q.deleteStory.run(id).changes > 0;
    },
    async listStories(query: ListQuery) {
      const rows = (
        query.sectionId === undefined
          ? listAll.all(query.limit, query.offset)
          : listInSection.all(query.sectionId, query.limit, query.offset)
      ) as Array<StoryRow & { first_paragraph: string | null }>;
      return rows.map(
        (r): StoryListRow => ({
          id: r.id,
          slug: r.slug,
          title: r.title,
          sectionId: r.section_id,
          publishedAt: r.published_at,
          createdAt: r.created_at,
          dateline: datelineOf(r),
          firstParagraph: r.first_paragraph ?? '',
          levelBand: r.level_band,
          levelScore: r.level_score,
        }),
      );
    },
    async countStories(sectionId) {
      return (sectionId === undefined ? q.countAll.get() : q.countInSection.get(sectionId)) as number;
    },
    async *iterateStories(batchSize = 500) {
      let after = 0;
      for (;;) {
        const rows = q.storiesAfter.all(after, batchSize) as StoryRow[];
        if (rows.length === 0) return;
        for (const row of rows) yield storyOf(row);
        after = rows[rows.length - 1]!.id;
      }
    },
  };

  const r = {
    saveVector: db.prepare('INSERT OR REPLACE INTO related_vectors (story_id, data) VALUES (?, ?)'),
    vectorsAfter: db.prepare(
      'SELECT story_id, data FROM related_vectors WHERE story_id > ? ORDER BY story_id LIMIT ?',
    ),
    countVectors: db.prepare('SELECT COUNT(*) FROM related_vectors').pluck(),
    allLists: db.prepare('SELECT story_id, related_id, score FROM related_lists ORDER BY story_id, rank'),
    withoutVector: db
      .prepare(
        'SELECT s.id FROM stories s LEFT JOIN related_vectors v ON v.story_id = s.id WHERE v.story_id IS NULL ORDER BY s.id',
      )
      .pluck(),
    deleteList: db.prepare('DELETE FROM related_lists WHERE story_id = ?'),
    insertEntry: db.prepare(
      'INSERT INTO related_lists (story_id, rank, related_id, score) VALUES (?, ?, ?, ?)',
    ),
    list: db.prepare(`
      SELECT s.id, s.slug, s.title, s.section_id, s.external_id, l.score
      FROM related_lists l JOIN stories s ON s.id = l.related_id
      WHERE l.story_id = ? ORDER BY l.rank`),
    saveModel: db.prepare(
      'INSERT OR REPLACE INTO related_model (id, data, stories, updated_at) VALUES (1, ?, ?, ?)',
    ),
    model: db.prepare('SELECT data, stories FROM related_model WHERE id = 1'),
  };

  const related: RelatedRepo = {
    async saveRelatedVector(storyId, data) {
      localWrites++;
      r.saveVector.run(storyId, data);
    },
    async *iterateRelatedVectors(batchSize = 1000) {
      let after = 0;
      for (;;) {
        const rows = r.vectorsAfter.all(after, batchSize) as Array<{ story_id: number; data: string }>;
        if (rows.length === 0) return;
        for (const row of rows) yield { storyId: row.story_id, data: row.data };
        after = rows[rows.length - 1]!.story_id;
      }
    },
    async countRelatedVectors() {
      return r.countVectors.get() as number;
    },
    async findAllRelatedLists() {
      const lists = new Map<number, Array<{ relatedId: number; score: number }>>();
      for (const row of r.allLists.iterate() as Iterable<{
        story_id: number;
        related_id: number;
        score: number;
      }>) {
        const list = lists.get(row.story_id) ?? [];
        if (list.length === 0) lists.set(row.story_id, list);
        list.push({ relatedId: row.related_id, score: row.score });
      }
      return lists;
    },
    async findStoryIdsWithoutVector() {
      return r.withoutVector.all() as number[];
    },
    async replaceRelatedList(storyId, entries) {
      localWrites++;
      r.deleteList.run(storyId);
      for (const [rank, entry] of entries.entries())
        r.insertEntry.run(storyId, rank, entry.relatedId, entry.score);
    },
    async findRelatedList(storyId) {
      return (r.list.all(storyId) as Row[]).map(
        (row): RelatedRow => ({
          id: row.id as number,
          slug: row.slug as string,
          title: row.title as string,
          sectionId: row.section_id as number,
          externalId: row.external_id as string,
          score: row.score as number,
        }),
      );
    },
    async saveRelatedModel(data, stories, now) {
      localWrites++;
      r.saveModel.run(data, stories, now);
    },
    async findRelatedModel() {
      const row = r.model.get() as { data: string; stories: number } | undefined;
      return row ?? null;
    },
    async clearRelated() {
      localWrites++;
      db.exec('DELETE FROM related_lists; DELETE FROM related_vectors; DELETE FROM related_model;');
    },
  };

  // better-sqlite3 runs one statement at a time, but an async transaction body yields between
  // statements; the queue keeps a second transaction from starting inside the first.
  let queue: Promise<unknown> = Promise.resolve();
  const tx: StoreTx = { sections, stories, related };

  return {
    description: `sqlite:${path}`,
    sections,
    stories,
    related,
    transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      const run = async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          localWrites++;
          throw error;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    changeToken() {
      return `${q.dataVersion.get() as number}.${localWrites}`;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const check = () => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SQLITE_MIGRATIONS.length) {
      throw new AppError(
        'STORE_FAILURE',
        `store: the database is at schema version ${current}, newer than this lingwire (${SQLITE_MIGRATIONS.length}); upgrade lingwire.`,
      );
    }
    return current;
  };
  if (check() === SQLITE_MIGRATIONS.length) return;
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
  // database at once (a deploy starting `serve` and `import`) migrate it once, not twice.
  db.transaction(() => {
    for (let version = check(); version < SQLITE_MIGRATIONS.length; version++) {
      db.exec(SQLITE_MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}
