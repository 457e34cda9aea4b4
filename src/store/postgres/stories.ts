/** Stories on PostgreSQL (the row conversions are in `../story-rows.ts`, shared with SQLite). */
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
import type { StoryFilter, StoryRecord, StoryRepo } from '../types.js';
import { paged, type Scope } from './scope.js';
import { postgresStoryEdits } from './story-edits.js';
import { postgresStoryGroups } from './story-groups.js';

/** The columns a record fills, in the order of the `$n` parameters of INSERT and UPDATE. */
const RECORD_COLUMNS = [
  'slug',
  'source',
  'external_id',
  'section_id',
  'title',
  'title_key',
  'dateline_place',
  'dateline_month',
  'dateline_day',
  'dateline_agency',
  'dateline_text',
  'published_at',
  'url',
  'tags',
  'paragraphs',
  'pinned_related',
  'level_score',
  'level_band',
  'level_detail',
  'author',
  'license',
  'feed',
  'fetched_at',
  'language',
  'text_from',
  'story_group',
  'group_level',
] as const;

const STORY_COLUMNS = `id, slug, source, external_id, section_id, title, title_key, dateline_place,
  dateline_month, dateline_day, dateline_agency, dateline_text, published_at, url, tags, paragraphs,
  pinned_related, created_at, updated_at, level_score, level_band, level_detail, author, license, feed,
  fetched_at, language, text_from, duplicate_of, story_group, group_level, status, level_override, pinned_ids`;

/** $1…$N: the record's columns; $N+1: now; $N+2: sort_at. */
const N = RECORD_COLUMNS.length;
const INSERT = `
  INSERT INTO stories (${RECORD_COLUMNS.join(', ')}, created_at, updated_at, sort_at)
  VALUES (${RECORD_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, $${N + 1}, $${N + 1}, $${N + 2})
  RETURNING ${STORY_COLUMNS}`;

function insertParams(record: StoryRecord, now: string): unknown[] {
  const p = recordParams(record, now);
  return [...RECORD_COLUMNS.map((column) => p[column]), p.now, p.sort_at];
}

/** The slug is kept (URLs never change). $1…$N-1: the other columns; $N: now; $N+1: the id. */
const UPDATED_COLUMNS = RECORD_COLUMNS.slice(1);
const PUBLISHED_AT = UPDATED_COLUMNS.indexOf('published_at') + 1;
const UPDATE = `
  UPDATE stories SET ${UPDATED_COLUMNS.map((column, i) =>
    // An editor's level override outlives a re-rating.
    column === 'level_band' ? `level_band = COALESCE(level_override, $${i + 1})` : `${column} = $${i + 1}`,
  ).join(', ')},
    updated_at = $${N}, sort_at = COALESCE($${PUBLISHED_AT}, '!' || created_at)
  WHERE id = $${N + 1}
  RETURNING ${STORY_COLUMNS}`;

function updateParams(id: number, record: StoryRecord, now: string): unknown[] {
  const p = recordParams(record, now);
  return [...UPDATED_COLUMNS.map((column) => p[column]), p.now, id];
}

const LIST_COLUMNS = `id, slug, title, section_id, published_at, created_at, updated_at, dateline_place, dateline_month,
  dateline_day, dateline_agency, dateline_text, level_band, level_score,
  (level_detail IS NOT NULL AND level_band IS NULL) AS level_unrated,
  paragraphs::jsonb ->> 0 AS first_paragraph`;

type Keys = Pick<StoryRow, 'id' | 'section_id' | 'title_key'>;

/** The story repository of `scope`. */
export function postgresStoryRepo(scope: Scope): StoryRepo {
  const findOne = async (method: string, where: string, values: unknown[]) => {
    const [row] = await scope.read<StoryRow>(
      method,
      `SELECT ${STORY_COLUMNS} FROM stories WHERE ${where}`,
      values,
    );
    return row ? storyOf(row) : null;
  };
  const countFiltered = async (method: string, filter: StoryFilter) => {
    const { where, values } = listWhere(filter, (n) => `$${n}`);
    const [row] = await scope.read<{ n: number }>(
      method,
      `SELECT COUNT(*)::integer AS n FROM stories ${where}`,
      values,
    );
    return row!.n;
  };
  return {
    ...postgresStoryGroups(scope, STORY_COLUMNS),
    ...postgresStoryEdits(scope, STORY_COLUMNS),
    findStoryById(id) {
      return findOne('stories.findStoryById', 'id = $1', [id]);
    },
    findStoryBySlug(slug) {
      return findOne('stories.findStoryBySlug', 'slug = $1', [slug]);
    },
    findStoryByExternalId(source, externalId) {
      return findOne('stories.findStoryByExternalId', 'source = $1 AND external_id = $2', [
        source,
        externalId,
      ]);
    },
    async findStoriesByTitleKeys(keys) {
      const rows = await scope.read<Pick<StoryRow, 'id' | 'slug' | 'title_key' | 'section_id'>>(
        'stories.findStoriesByTitleKeys',
        `SELECT id, slug, title_key, section_id FROM stories
         WHERE title_key = ANY($1::text[]) AND status = 'published' ORDER BY sort_at DESC, id DESC`,
        [keys],
      );
      return rows.map((r) => ({ id: r.id, slug: r.slug, titleKey: r.title_key, sectionId: r.section_id }));
    },
    async isSlugTaken(slug) {
      return (
        (await scope.read('stories.isSlugTaken', 'SELECT 1 FROM stories WHERE slug = $1', [slug])).length > 0
      );
    },
    insertStory(record, now) {
      return scope.write('stories.insertStory', async (query, tags) => {
        const [row] = await query<StoryRow>(INSERT, insertParams(record, now));
        rowTags(tags, row!);
        return storyOf(row!);
      });
    },
    updateStory(id, record, now) {
      return scope.write('stories.updateStory', async (query, tags) => {
        const [old] = await query<Keys>(
          'SELECT id, section_id, title_key FROM stories WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!old) throw new AppError('STORY_NOT_FOUND', `store: no story with id ${id} to update.`);
        const [row] = await query<StoryRow>(UPDATE, updateParams(id, record, now));
        rowTags(tags, old);
        rowTags(tags, row!);
        return storyOf(row!);
      });
    },
    deleteStory(id) {
      return scope.write('stories.deleteStory', async (query, tags) => {
        // The cascade takes the story out of other stories' related lists: those pages change too.
        const listing = await query<{ story_id: number }>(
          'SELECT DISTINCT story_id FROM related_lists WHERE related_id = $1 ORDER BY story_id',
          [id],
        );
        const [old] = await query<Keys>(
          'DELETE FROM stories WHERE id = $1 RETURNING id, section_id, title_key',
          [id],
        );
        if (!old) return false;
        rowTags(tags, old);
        for (const { story_id } of listing) tags.add(relatedTag(story_id));
        return true;
      });
    },
    async listStories(query) {
      const { where, values } = listWhere(query, (n) => `$${n}`);
      const n = values.length;
      const rows = await scope.read<ListRow>(
        'stories.listStories',
        `SELECT ${LIST_COLUMNS} FROM stories ${where} ORDER BY sort_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...values, query.limit, query.offset],
      );
      return rows.map(listRowOf);
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
          scope.read<StoryRow>(
            'stories.iterateStories',
            `SELECT ${STORY_COLUMNS} FROM stories WHERE id > $1 ORDER BY id LIMIT $2`,
            [after, batchSize],
          ),
        (row) => row.id,
      );
      for await (const row of rows) yield storyOf(row);
    },
  };
}
