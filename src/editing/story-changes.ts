/**
 * What an editor may change in a story, checked, and what a change did (field → before/after) for
 * the history. Pure: no store, no clock. The web (`PATCH /api/stories/:id`, the desk's forms) and
 * `lingwire story set` hand their values in as `StoryChanges`.
 */
import { formatDateline, parseDatelineField } from '../articles/dateline.js';
import { MAX_PINS, STORY_STATUSES, type Story, type StoryStatus } from '../articles/model.js';
import type { ImportLimits } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { storyOverLimit } from '../ingest/sources/limits.js';
import type { FieldChange } from '../store/types.js';
import { CEFR_BANDS } from '../text/level.js';

/** The fields an editor changes; each absent field stays as it is. */
export interface StoryChanges {
  title?: string;
  /** A section's slug (the section must exist). */
  section?: string;
  /** The dateline as text (`MOSCOW, Feb. 21 (Xinhua)`); empty or null: none. */
  dateline?: string | null;
  paragraphs?: string[];
  tags?: string[];
  /** A band (`A1`…`C2`) in place of the computed level, or null to let the computed one stand. */
  level?: string | null;
  source?: string;
  license?: string | null;
  /** Related stories pinned by id, in order. */
  pinned?: number[];
  status?: StoryStatus;
  /** ISO 8601 date or date-time (`2026-02-21`, `2026-02-21T08:00:00Z`), or null: undated. */
  publishedAt?: string | null;
}

/** Every field `StoryChanges` may carry, in the order the history lists them. */
export const EDITABLE_FIELDS = [
  'title',
  'section',
  'dateline',
  'paragraphs',
  'tags',
  'level',
  'source',
  'license',
  'pinned',
  'status',
  'publishedAt',
] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

const MAX_TITLE = 500;
const MAX_TAGS = 50;
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

const invalid = (message: string) => new AppError('INVALID_STORY', message);

/** `changes` tidied (text trimmed, empty tags dropped) and checked; `INVALID_STORY` names the first bad field. */
export function checkChanges(changes: StoryChanges, limits: ImportLimits): StoryChanges {
  const out: StoryChanges = { ...changes };
  if (out.title !== undefined) {
    out.title = out.title.replace(/\s+/g, ' ').trim();
    if (!out.title) throw invalid('title: a story needs a title.');
    if (out.title.length > MAX_TITLE) throw invalid(`title: at most ${MAX_TITLE} characters.`);
  }
  if (out.section !== undefined) out.section = out.section.trim().toLowerCase();
  if (out.dateline !== undefined && out.dateline !== null) out.dateline = out.dateline.trim() || null;
  if (out.paragraphs !== undefined) {
    out.paragraphs = out.paragraphs.map((p) => p.trim()).filter((p) => p !== '');
    if (out.paragraphs.length === 0)
      throw invalid('paragraphs: a story needs at least one paragraph of text.');
    const over = storyOverLimit({ title: out.title ?? '', paragraphs: out.paragraphs }, limits);
    if (over) throw invalid(`paragraphs: ${over}.`);
  }
  if (out.tags !== undefined) {
    out.tags = [...new Set(out.tags.map((t) => t.trim()).filter((t) => t !== ''))];
    if (out.tags.length > MAX_TAGS) throw invalid(`tags: at most ${MAX_TAGS}.`);
  }
  if (
    out.level !== undefined &&
    out.level !== null &&
    !(CEFR_BANDS as readonly string[]).includes(out.level)
  ) {
    throw invalid(`level: one of ${CEFR_BANDS.join(', ')}, or null for the computed level.`);
  }
  if (out.source !== undefined) out.source = out.source.trim();
  if (out.license !== undefined && out.license !== null) out.license = out.license.trim() || null;
  if (out.pinned !== undefined) {
    out.pinned = [...new Set(out.pinned)];
    if (out.pinned.some((id) => !Number.isSafeInteger(id) || id < 1))
      throw invalid('pinned: story ids (whole numbers from 1).');
    if (out.pinned.length > MAX_PINS) throw invalid(`pinned: at most ${MAX_PINS} stories.`);
  }
  if (out.status !== undefined && !STORY_STATUSES.includes(out.status)) {
    throw invalid(`status: one of ${STORY_STATUSES.join(', ')}.`);
  }
  if (out.publishedAt !== undefined && out.publishedAt !== null) {
    out.publishedAt = out.publishedAt.trim() || null;
    if (
      out.publishedAt !== null &&
      (!DATE.test(out.publishedAt) || Number.isNaN(Date.parse(out.publishedAt)))
    ) {
      throw invalid(
        'publishedAt: an ISO 8601 date or date-time (2026-02-21, 2026-02-21T08:00:00Z), or null.',
      );
    }
  }
  return out;
}

/** A story's editable fields as the API and the history show them (the section as its slug). */
export function editableValues(story: Story, sectionSlug: string): Record<EditableField, unknown> {
  return {
    title: story.title,
    section: sectionSlug,
    dateline: story.dateline ? formatDateline(story.dateline) : null,
    paragraphs: story.paragraphs,
    tags: story.tags,
    level: story.levelOverride,
    source: story.source,
    license: story.license,
    pinned: story.pinnedIds,
    status: story.status,
    publishedAt: story.publishedAt,
  };
}

/** The dateline field as stored. */
export const datelineOf = (text: string | null) => (text ? parseDatelineField(text) : null);

/** What changed between two sets of values, field by field, in `EDITABLE_FIELDS` order. */
export function diffValues(
  before: Record<EditableField, unknown>,
  after: Record<EditableField, unknown>,
): FieldChange[] {
  return EDITABLE_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  ).map((field) => ({ field, before: before[field], after: after[field] }));
}
