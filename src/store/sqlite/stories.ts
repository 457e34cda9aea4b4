/** Stories on SQLite (the row conversions are in `../story-rows.ts`). */
import { AppError } from '../../core/errors.js';
import { relatedTag } from '../change-tags.js';
import {
  type ListRow,
  listRowOf,
  listWhere,
  recordParams,
  rowTags,
  type StoryRow,
  storyOf,
} from '../story-rows.js';
import type { StoryFilter, StoryRepo } from '../types.js';
import { paged, type Scope } from './scope.js';
import { sqliteStoryEdits } from './story-edits.js';
import { sqliteStoryGroups } from './story-groups.js';

const INSERT = `
  INSERT INTO stories (slug, source, external_id, section_id, title, title_key, dateline_place, dateline_month,
    dateline_day, dateline_agency, dateline_text, published_at, url, tags, paragraphs, pinned_related,
    level_score, level_band, level_detail, author, license, feed, fetched_at, language, text_from,
    story_group, group_level, created_at, updated_at, sort_at)
  VALUES (@slug, @source, @external_id, @section_id, @title, @title_key, @dateline_place, @dateline_month,
    @dateline_day, @dateline_agency, @dateline_text, @published_at, @url, @tags, @paragraphs, @pinned_related,
    @level_score, @level_band, @level_detail, @author, @license, @feed, @fetched_at, @language, @text_from,
    @story_group, @group_level, @now, @now, @sort_at)
  RETURNING *`;

const UPDATE = `
  UPDATE stories SET source = @source, external_id = @external_id, section_id = @section_id, title = @title,
    title_key = @title_key, dateline_place = @dateline_place, dateline_month = @dateline_month,
    dateline_day = @dateline_day, dateline_agency = @dateline_agency, dateline_text = @dateline_text,
    published_at = @published_at, url = @url, tags = @tags, paragraphs = @paragraphs,
    pinned_related = @pinned_related, level_score = @level_score, level_band = COALESCE(level_override, @level_band),
    level_detail = @level_detail, author = @author, license = @license, feed = @feed,
    fetched_at = @fetched_at, language = @language, text_from = @text_from,
    story_group = @story_group, group_level = @group_level, updated_at = @now, sort_at = COALESCE(@published_at, '!' || created_at)
  WHERE id = @id
  RETURNING *`;

const LIST_COLUMNS = `id, slug, title, section_id, published_at, created_at, updated_at, dateline_place, dateline_month,
  dateline_day, dateline_agency, dateline_text, level_band, level_score,
  (level_detail IS NOT NULL AND level_band IS NULL) AS level_unrated,
  json_extract(paragraphs, '$[0]') AS first_paragraph`;

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
  const countFiltered = (method: string, filter: StoryFilter) => {
    const { where, values } = listWhere(filter, () => '?');
    return scope.read(method, () => {
      const row = scope.prepare(`SELECT COUNT(*) AS n FROM stories ${where}`).get(...values) as { n: number };
      return row.n;
    });
  };
  return {
    ...sqliteStoryGroups(scope),
    ...sqliteStoryEdits(scope),
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
             WHERE title_key IN (SELECT value FROM json_each(?)) AND status = 'published'
             ORDER BY sort_at DESC, id DESC`,
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
      const { where, values } = listWhere(query, () => '?');
      return scope.read('stories.listStories', () => {
        const rows = scope
          .prepare(
            `SELECT ${LIST_COLUMNS} FROM stories ${where} ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?`,
          )
          .all(...values, query.limit, query.offset) as ListRow[];
        return rows.map(listRowOf);
      });
    },
    async countStories(sectionId) {
      return countFiltered('stories.countStories', { sectionId });
    },
    async countFilteredStories(filter) {
      return countFiltered('stories.countFilteredStories', filter);
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
