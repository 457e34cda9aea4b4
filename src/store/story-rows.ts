/**
 * The `stories` row as both adapters read it (their migrations give the columns the same names
 * and meanings), and the conversions between it and a `Story`, a `StoryListRow` and the change
 * tags of a row. JSON columns are text on both stores.
 */
import type { Dateline, PinnedLink, Story, StoryLevel, StoryStatus, TextFrom } from '../articles/model.js';
import { familyTag, STORIES_TAG, sectionTag, storyTag, titleTag } from './change-tags.js';
import type { StoryFilter, StoryListRow, StoryRecord } from './types.js';

export interface StoryRow {
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
  author: string | null;
  license: string | null;
  feed: string | null;
  fetched_at: string | null;
  language: string | null;
  text_from: string | null;
  duplicate_of: number | null;
  story_group: string | null;
  group_level: string | null;
  status: string;
  level_override: string | null;
  pinned_ids: string;
}

export type DatelineColumns = Pick<
  StoryRow,
  'dateline_place' | 'dateline_month' | 'dateline_day' | 'dateline_agency' | 'dateline_text'
>;

export function datelineOf(row: DatelineColumns): Dateline | null {
  if (row.dateline_place === null) return null;
  return {
    place: row.dateline_place,
    month: row.dateline_month,
    day: row.dateline_day,
    agency: row.dateline_agency,
    dateText: row.dateline_text,
  };
}

export function storyOf(row: StoryRow): Story {
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
    author: row.author,
    license: row.license,
    feed: row.feed,
    fetchedAt: row.fetched_at,
    language: row.language,
    textFrom: row.text_from as TextFrom | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    duplicateOf: row.duplicate_of,
    group: row.story_group,
    groupLevel: row.group_level,
    status: row.status as StoryStatus,
    levelOverride: row.level_override,
    pinnedIds: JSON.parse(row.pinned_ids) as number[],
  };
}

export function recordParams(record: StoryRecord, now: string) {
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
    author: record.author,
    license: record.license,
    feed: record.feed,
    fetched_at: record.fetchedAt,
    language: record.language,
    text_from: record.textFrom,
    story_group: record.group,
    group_level: record.groupLevel,
    now,
    sort_at: record.publishedAt ?? `${UNDATED_SORT_PREFIX}${now}`,
  };
}

export type ListRow = DatelineColumns &
  Pick<
    StoryRow,
    | 'id'
    | 'slug'
    | 'title'
    | 'section_id'
    | 'published_at'
    | 'created_at'
    | 'updated_at'
    | 'level_band'
    | 'level_score'
  > & {
    first_paragraph: string | null;
    /** `level_detail IS NOT NULL AND level_band IS NULL`: 1/0 on SQLite, a boolean on PostgreSQL. */
    level_unrated: boolean | number;
  };

export function listRowOf(r: ListRow): StoryListRow {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    sectionId: r.section_id,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    dateline: datelineOf(r),
    firstParagraph: r.first_paragraph ?? '',
    levelBand: r.level_band,
    levelScore: r.level_score,
    levelUnrated: Boolean(r.level_unrated),
  };
}

/** The tags a story's row is known by in the change log (its list tag `stories` aside). */
export function rowTags(
  tags: Set<string>,
  row: Pick<StoryRow, 'id' | 'section_id' | 'title_key'> & Partial<Pick<StoryRow, 'source' | 'story_group'>>,
): void {
  tags.add(storyTag(row.id)).add(sectionTag(row.section_id)).add(titleTag(row.title_key)).add(STORIES_TAG);
  if (row.story_group) tags.add(familyTag(row.source ?? '', row.story_group));
}

/**
 * Lists are ordered by `sort_at`: the publication date, else `!` and when the story was stored.
 * `!` sorts below every digit, so an undated story goes after the dated ones instead of floating
 * to the top of the front page as if published the day it was imported.
 */
export const UNDATED_SORT_PREFIX = '!';

/**
 * The WHERE clause of a story list (`ListQuery` less paging) with its values in order, for
 * either store: `placeholder(n)` writes the n-th parameter (`?` on SQLite, `$n` on PostgreSQL).
 */
export function listWhere(
  filter: StoryFilter,
  placeholder: (n: number) => string,
): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    values.push(value);
    clauses.push(clause(placeholder(values.length)));
  };
  if (!filter.includeCopies) clauses.push('duplicate_of IS NULL');
  // What readers see is written out, not bound: only then can either database use the partial
  // index of listed stories (`stories_listed_by_section`, migration 14) for it.
  if (filter.status === undefined || filter.status === 'published') clauses.push("status = 'published'");
  else if (filter.status !== 'any') add((p) => `status = ${p}`, filter.status);
  if (filter.feed !== undefined) add((p) => `feed = ${p}`, filter.feed);
  if (filter.titleContains !== undefined) {
    const escaped = filter.titleContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    add((p) => `LOWER(title) LIKE ${p} ESCAPE '\\'`, `%${escaped}%`);
  }
  if (filter.confidenceBelow !== undefined) {
    add(
      (p) => `id IN (SELECT story_id FROM story_filing WHERE source = 'classifier' AND confidence < ${p})`,
      filter.confidenceBelow,
    );
  }
  if (filter.sectionId !== undefined) add((p) => `section_id = ${p}`, filter.sectionId);
  if (filter.source !== undefined) add((p) => `source = ${p}`, filter.source);
  // Undated stories have no place in a date range; their sort_at starts with '!', below any date.
  if (filter.from !== undefined) add((p) => `sort_at >= ${p}`, filter.from);
  if (filter.toBefore !== undefined) {
    add((p) => `sort_at < ${p}`, filter.toBefore);
    clauses.push('published_at IS NOT NULL');
  }
  if (filter.levelBands !== undefined) {
    const bands = filter.levelBands.map((band) => {
      values.push(band);
      return placeholder(values.length);
    });
    clauses.push(bands.length === 0 ? 'FALSE' : `level_band IN (${bands.join(', ')})`);
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, values };
}
