/** Stories on SQLite, and the conversion between a `stories` row and a `Story`. */
import type { Dateline, PinnedLink, Story, StoryLevel } from '../../articles/model.js';
import { AppError } from '../../core/errors.js';
import { relatedTag, STORIES_TAG, sectionTag, storyTag, titleTag } from '../change-tags.js';
import type { StoryListRow, StoryRecord, StoryRepo } from '../types.js';
import { paged, type Scope } from './scope.js';

interface StoryRow {
  id: number;
  slug: string;
  source: string;
  external_id: string;
  section_id: number;
  title: string;
  title_key: string;
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

type DatelineColumns = Pick<
  StoryRow,
  'dateline_place' | 'dateline_month' | 'dateline_day' | 'dateline_agency' | 'dateline_text'
>;

function datelineOf(row: DatelineColumns): Dateline | null {
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

const INSERT = `
  INSERT INTO stories (slug, source, external_id, section_id, title, title_key, dateline_place, dateline_month,
    dateline_day, dateline_agency, dateline_text, published_at, url, tags, paragraphs, pinned_related,
    level_score, level_band, level_detail, created_at, updated_at, sort_at)
  VALUES (@slug, @source, @external_id, @section_id, @title, @title_key, @dateline_place, @dateline_month,
    @dateline_day, @dateline_agency, @dateline_text, @published_at, @url, @tags, @paragraphs, @pinned_related,
    @level_score, @level_band, @level_detail, @now, @now, @sort_at)
  RETURNING *`;

const UPDATE = `
  UPDATE stories SET source = @source, external_id = @external_id, section_id = @section_id, title = @title,
    title_key = @title_key, dateline_place = @dateline_place, dateline_month = @dateline_month,
    dateline_day = @dateline_day, dateline_agency = @dateline_agency, dateline_text = @dateline_text,
    published_at = @published_at, url = @url, tags = @tags, paragraphs = @paragraphs,
    pinned_related = @pinned_related, level_score = @level_score, level_band = @level_band,
    level_detail = @level_detail, updated_at = @now, sort_at = COALESCE(@published_at, created_at)
  WHERE id = @id
  RETURNING *`;

const LIST_COLUMNS = `id, slug, title, section_id, published_at, created_at, dateline_place, dateline_month,
  dateline_day, dateline_agency, dateline_text, level_band, level_score,
  json_extract(paragraphs, '$[0]') AS first_paragraph`;

type ListRow = DatelineColumns &
  Pick<
    StoryRow,
    'id' | 'slug' | 'title' | 'section_id' | 'published_at' | 'created_at' | 'level_band' | 'level_score'
  > & { first_paragraph: string | null };

function listRowOf(r: ListRow): StoryListRow {
  return {
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
  };
}

/** The tags a story's row is known by in the change log (its list tag `stories` aside). */
function rowTags(tags: Set<string>, row: Pick<StoryRow, 'id' | 'section_id' | 'title_key'>): void {
  tags.add(storyTag(row.id)).add(sectionTag(row.section_id)).add(titleTag(row.title_key)).add(STORIES_TAG);
}

/** The story repository of `scope`. */
export function sqliteStoryRepo(scope: Scope): StoryRepo {
  const findOne = (method: string, sql: string, ...values: unknown[]) =>
    scope.read(method, () => {
      const row = scope.prepare(sql).get(...values) as StoryRow | undefined;
      return row ? storyOf(row) : null;
    });
  const keysOf = (id: number) =>
    scope.prepare('SELECT id, section_id, title_key FROM stories WHERE id = ?').get(id) as
      | Pick<StoryRow, 'id' | 'section_id' | 'title_key'>
      | undefined;
  return {
    async findStoryById(id) {
      return findOne('stories.findStoryById', 'SELECT * FROM stories WHERE id = ?', id);
    },
    async findStoryBySlug(slug) {
      return findOne('stories.findStoryBySlug', 'SELECT * FROM stories WHERE slug = ?', slug);
    },
    async findStoryByExternalId(source, externalId) {
      return findOne(
        'stories.findStoryByExternalId',
        'SELECT * FROM stories WHERE source = ? AND external_id = ?',
        source,
        externalId,
      );
    },
    async findStoriesByTitleKeys(keys) {
      return scope.read('stories.findStoriesByTitleKeys', () => {
        if (keys.length === 0) return [];
        // One statement for any number of keys (json_each), so the statement cache stays small.
        const rows = scope
          .prepare(
            `SELECT id, slug, title_key, section_id FROM stories
             WHERE title_key IN (SELECT value FROM json_each(?)) ORDER BY sort_at DESC, id DESC`,
          )
          .all(JSON.stringify(keys)) as Array<Pick<StoryRow, 'id' | 'slug' | 'title_key' | 'section_id'>>;
        return rows.map((r) => ({ id: r.id, slug: r.slug, titleKey: r.title_key, sectionId: r.section_id }));
      });
    },
    async isSlugTaken(slug) {
      return scope.read(
        'stories.isSlugTaken',
        () => scope.prepare('SELECT 1 FROM stories WHERE slug = ?').get(slug) !== undefined,
      );
    },
    insertStory(record, now) {
      return scope.write('stories.insertStory', (tags) => {
        const row = scope.prepare(INSERT).get(recordParams(record, now)) as StoryRow;
        rowTags(tags, row);
        return storyOf(row);
      });
    },
    updateStory(id, record, now) {
      return scope.write('stories.updateStory', (tags) => {
        const old = keysOf(id);
        if (!old) throw new AppError('STORY_NOT_FOUND', `store: no story with id ${id} to update.`);
        const row = scope.prepare(UPDATE).get({ ...recordParams(record, now), id }) as StoryRow;
        rowTags(tags, old);
        rowTags(tags, row);
        return storyOf(row);
      });
    },
    deleteStory(id) {
      return scope.write('stories.deleteStory', (tags) => {
        const old = keysOf(id);
        if (!old) return false;
        // The cascade takes the story out of other stories' related lists: those pages change too.
        const listing = scope
          .prepare('SELECT DISTINCT story_id FROM related_lists WHERE related_id = ? ORDER BY story_id')
          .all(id) as Array<{ story_id: number }>;
        scope.prepare('DELETE FROM stories WHERE id = ?').run(id);
        rowTags(tags, old);
        for (const { story_id } of listing) tags.add(relatedTag(story_id));
        return true;
      });
    },
    async listStories(query) {
      return scope.read('stories.listStories', () => {
        const rows = (
          query.sectionId === undefined
            ? scope
                .prepare(
                  `SELECT ${LIST_COLUMNS} FROM stories ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?`,
                )
                .all(query.limit, query.offset)
            : scope
                .prepare(
                  `SELECT ${LIST_COLUMNS} FROM stories WHERE section_id = ?
                   ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?`,
                )
                .all(query.sectionId, query.limit, query.offset)
        ) as ListRow[];
        return rows.map(listRowOf);
      });
    },
    async countStories(sectionId) {
      return scope.read('stories.countStories', () => {
        const row = (
          sectionId === undefined
            ? scope.prepare('SELECT COUNT(*) AS n FROM stories').get()
            : scope.prepare('SELECT COUNT(*) AS n FROM stories WHERE section_id = ?').get(sectionId)
        ) as { n: number };
        return row.n;
      });
    },
    async *iterateStories(batchSize = 500) {
      const rows = paged(
        (after) =>
          scope.read(
            'stories.iterateStories',
            () =>
              scope
                .prepare('SELECT * FROM stories WHERE id > ? ORDER BY id LIMIT ?')
                .all(after, batchSize) as StoryRow[],
          ),
        (row) => row.id,
      );
      for await (const row of rows) yield storyOf(row);
    },
  };
}
