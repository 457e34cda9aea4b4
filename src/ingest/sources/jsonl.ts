/**
 * JSON Lines stories: one object a line.
 *
 * Required: `title` (string), `body` (string, paragraphs split on blank lines or newlines; or an
 * array of paragraph strings). Optional: `id` (the source's id, string or number), `section` (slug
 * or Chinese name), `tags` (array of strings), `date` (ISO 8601), `source`, `url` (http or https),
 * `dateline` (`MOSCOW, Feb. 21 (Xinhua)`), `related` (pinned links: `"欧美文化:Title"` strings or
 * `{section, title}` objects); provenance: `author`, `license`, `feed` (URL), `fetched_at` (ISO 8601),
 * `language` (ISO 639-1), `text_from` (`feed`, `page`, `summary`); `category` is read as `section`;
 * story families: `group` (the same article at several levels shares one, as in OneStopEnglish) and
 * `level` (this version's: `elementary`, `intermediate`, `advanced`…); an editor's decisions as
 * `export` writes them: `status`, `level_override`, `pinned` (`[{"source", "id"}]`: the stories
 * pinned under 相关文章, by their source and id).
 * Other fields are not stored: each record names them (`unknown`), so the import can warn once.
 * Every problem is reported as `file:line: field "x": what is wrong`.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseDatelineField, takeDateline } from '../../articles/dateline.js';
import {
  type Dateline,
  MAX_PINS,
  type PinnedLink,
  type SectionFiling,
  type SectionSource,
  STORY_STATUSES,
  type StoryInput,
  type StoryRef,
  type StoryStatus,
  type TextFrom,
} from '../../articles/model.js';
import { parseRelatedEntry } from '../../articles/seed-format.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../core/config.js';
import { AppError } from '../../core/errors.js';
import { CEFR_BANDS } from '../../text/level.js';
import { stripControlsDeep } from './clean.js';
import { storyOverLimit } from './limits.js';
import { type Line, readLines } from './lines.js';
import type { SourceRecord } from './types.js';

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** `2016-02-30` parses in JavaScript (as March 1); a real calendar date round-trips. */
function isCalendarDate(date: string): boolean {
  const time = Date.parse(date.slice(0, 10));
  return (
    !Number.isNaN(time) &&
    new Date(time).toISOString().slice(0, 10) === date.slice(0, 10) &&
    !Number.isNaN(Date.parse(date))
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function optionalString(record: Record<string, unknown>, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FieldError(field, `must be a string, not ${describe(value)}`);
  return value.trim() || null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Splits a body string into paragraphs: on blank lines when it has any (lines inside a paragraph
 * are joined), else on indented lines (hard-wrapped wire copy), else on every line.
 */
export function splitParagraphs(body: string): string[] {
  // Leading spaces of the first line are kept: they mark a paragraph start in wire copy.
  const text = body
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
  let blocks: string[];
  const lines = text.split('\n');
  const indented = lines.filter((l) => /^[ \t]{2,}\S/.test(l)).length;
  if (/\n[ \t]*\n/.test(text)) blocks = text.split(/\n[ \t]*\n/);
  // Hard-wrapped wire copy (Reuters): paragraphs open with an indented line and run on over
  // unindented ones. One stray indented line (a table row, a quote) is not that.
  else if (indented >= 2 && indented < lines.length) blocks = text.split(/\n(?=[ \t]{2,}\S)/);
  else blocks = lines;
  return blocks.map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function paragraphsOf(value: unknown): string[] {
  if (typeof value === 'string') return splitParagraphs(value);
  if (Array.isArray(value)) {
    return value
      .map((p, i) => {
        if (typeof p !== 'string') throw new FieldError(`body[${i}]`, `must be a string, not ${describe(p)}`);
        return p.replace(/\s+/g, ' ').trim();
      })
      .filter(Boolean);
  }
  throw new FieldError(
    'body',
    value === undefined ? 'is required' : `must be a string or an array of strings, not ${describe(value)}`,
  );
}

function relatedOf(value: unknown): PinnedLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FieldError('related', `must be an array, not ${describe(value)}`);
  return value.map((entry, i) => {
    if (typeof entry === 'string') {
      const link = parseRelatedEntry(entry);
      if (!link.title) throw new FieldError(`related[${i}]`, 'has no title');
      return link;
    }
    if (entry && typeof entry === 'object' && typeof (entry as { title?: unknown }).title === 'string') {
      const { section, title } = entry as { section?: unknown; title: string };
      if (!title.trim()) throw new FieldError(`related[${i}].title`, 'must not be empty');
      return { sectionName: typeof section === 'string' ? section.trim() : '', title: title.trim() };
    }
    throw new FieldError(`related[${i}]`, 'must be "SECTION:Title" or {"section", "title"}');
  });
}

/** The fields a record may carry; any other is named in the import's one warning. */
export const JSONL_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'title',
  'body',
  'source',
  'section',
  'category',
  'date',
  'dateline',
  'url',
  'tags',
  'related',
  'author',
  'license',
  'feed',
  'fetched_at',
  'language',
  'text_from',
  'group',
  'level',
  'section_source',
  'section_confidence',
  'status',
  'level_override',
  'pinned',
]);

/**
 * `pinned`: the related stories an editor pinned, as `export` writes them: `{"source", "id"}`
 * objects (`source` absent: the record's own). Absent or null: the import leaves the pins alone.
 */
function pinnedOf(record: Record<string, unknown>, ownSource: string): { pinnedStories?: StoryRef[] } {
  const value = record.pinned;
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw new FieldError('pinned', `must be an array, not ${describe(value)}`);
  if (value.length > MAX_PINS)
    throw new FieldError('pinned', `holds ${value.length} stories; at most ${MAX_PINS}`);
  return {
    pinnedStories: value.map((entry, i) => {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
        throw new FieldError(`pinned[${i}]`, `must be {"source", "id"}, not ${describe(entry)}`);
      }
      const { source, id } = entry as { source?: unknown; id?: unknown };
      if (source !== undefined && typeof source !== 'string') {
        throw new FieldError(`pinned[${i}].source`, `must be a string, not ${describe(source)}`);
      }
      const externalId = typeof id === 'number' && Number.isFinite(id) ? String(id) : id;
      if (typeof externalId !== 'string' || !externalId.trim()) {
        throw new FieldError(`pinned[${i}].id`, 'must be a non-empty string or a number');
      }
      return { source: source?.trim() ?? ownSource, externalId: externalId.trim() };
    }),
  };
}

/** `status` and `level_override`: an editor's decisions, as `export` writes them; absent: none. */
function editorialOf(record: Record<string, unknown>): { status?: StoryStatus; levelOverride?: string } {
  const status = optionalString(record, 'status');
  if (status !== null && !STORY_STATUSES.includes(status as StoryStatus)) {
    throw new FieldError('status', `must be one of ${STORY_STATUSES.join(', ')}, not "${status}"`);
  }
  const band = optionalString(record, 'level_override');
  if (band !== null && !(CEFR_BANDS as readonly string[]).includes(band)) {
    throw new FieldError('level_override', `must be one of ${CEFR_BANDS.join(', ')}, not "${band}"`);
  }
  return {
    ...(status === null ? {} : { status: status as StoryStatus }),
    ...(band === null ? {} : { levelOverride: band }),
  };
}

const SECTION_SOURCES: readonly SectionSource[] = ['editor', 'feed', 'classifier'];

/**
 * How the record's section was chosen, as `export` writes it: `section_source` (`editor`, `feed`,
 * `classifier`) and `section_confidence` (0–1). Absent: the import names the section, so `editor`.
 */
function sectionFilingOf(
  record: Record<string, unknown>,
  hasSection: boolean,
): SectionFiling | null | undefined {
  const source = optionalString(record, 'section_source');
  const confidence = record.section_confidence;
  if (source !== null && !SECTION_SOURCES.includes(source as SectionSource)) {
    throw new FieldError('section_source', `must be one of ${SECTION_SOURCES.join(', ')}, not "${source}"`);
  }
  if (
    confidence !== undefined &&
    confidence !== null &&
    (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))
  ) {
    throw new FieldError('section_confidence', `must be a number from 0 to 1, not ${describe(confidence)}`);
  }
  if (!hasSection) return undefined;
  // An explicit null (an export of a story nobody filed) keeps it unfiled; absent means the file's editor.
  if (source === null) return record.section_source === null ? null : undefined;
  return { source: source as SectionSource, confidence: typeof confidence === 'number' ? confidence : null };
}

const TEXT_FROM: readonly TextFrom[] = ['feed', 'page', 'summary'];

function isoDateField(record: Record<string, unknown>, field: string): string | null {
  const date = optionalString(record, field);
  if (date !== null && (!ISO_DATE.test(date) || !isCalendarDate(date))) {
    throw new FieldError(
      field,
      `must be an ISO 8601 date such as 2016-02-21 or 2016-02-21T08:30:00Z, not "${date}"`,
    );
  }
  return date;
}

function httpUrlField(record: Record<string, unknown>, field: string): string | null {
  const url = optionalString(record, field);
  if (url === null) return null;
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {}
  if (!ok) throw new FieldError(field, `must be an http or https URL, not "${url}"`);
  return url;
}

function provenanceOf(record: Record<string, unknown>) {
  const language = optionalString(record, 'language');
  if (language !== null && !/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(language)) {
    throw new FieldError('language', `must be a language code such as "en", not "${language}"`);
  }
  const textFrom = optionalString(record, 'text_from');
  if (textFrom !== null && !TEXT_FROM.includes(textFrom as TextFrom)) {
    throw new FieldError('text_from', `must be one of ${TEXT_FROM.join(', ')}, not "${textFrom}"`);
  }
  return {
    author: optionalString(record, 'author'),
    license: optionalString(record, 'license'),
    feed: httpUrlField(record, 'feed'),
    fetchedAt: isoDateField(record, 'fetched_at'),
    // Absent: detected when stored.
    ...(language === null ? {} : { language }),
    textFrom: textFrom as TextFrom | null,
  };
}

/** `group` and `level`: a story family and this version's place in it. */
function familyOf(record: Record<string, unknown>): { group?: string; groupLevel?: string } {
  const group = optionalString(record, 'group');
  const level = optionalString(record, 'level');
  if (level !== null && group === null) throw new FieldError('level', 'needs a "group" (the story family)');
  return group === null ? {} : { group, ...(level === null ? {} : { groupLevel: level }) };
}

/** A record's body as written: the string, or an array's string items joined by `\n`. */
function rawBody(value: unknown): string | undefined {
  const body = (value as { body?: unknown }).body;
  if (typeof body === 'string') return body;
  return Array.isArray(body) ? body.join('\n') : undefined;
}

/** Validates one parsed JSON value as a story. Throws FieldError naming the field. */
export function storyFromJson(value: unknown): StoryInput {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldError('(line)', `must be a JSON object, not ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  const title = record.title;
  if (typeof title !== 'string' || !title.trim()) {
    throw new FieldError('title', title === undefined ? 'is required' : 'must be a non-empty string');
  }
  let paragraphs = paragraphsOf(record.body);
  if (paragraphs.length === 0) throw new FieldError('body', 'has no text');

  const rawId = record.id;
  let externalId: string | null = null;
  if (typeof rawId === 'string' && rawId.trim()) externalId = rawId.trim();
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) externalId = String(rawId);
  else if (rawId !== undefined && rawId !== null)
    throw new FieldError('id', `must be a string or a number, not ${describe(rawId)}`);

  const date = isoDateField(record, 'date');
  const url = httpUrlField(record, 'url');
  const tags = record.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
    throw new FieldError('tags', 'must be an array of strings');
  }

  let dateline: Dateline | null = null;
  const datelineValue = record.dateline;
  if (typeof datelineValue === 'string') dateline = parseDatelineField(datelineValue);
  else if (datelineValue !== undefined && datelineValue !== null) {
    throw new FieldError(
      'dateline',
      `must be a string such as "MOSCOW, Feb. 21 (Xinhua)", not ${describe(datelineValue)}`,
    );
  }
  // A dateline written into the body is taken off it either way, so it is not shown twice.
  const taken = takeDateline(paragraphs);
  dateline ??= taken.dateline;
  paragraphs = taken.paragraphs;

  const section = optionalString(record, 'section') ?? optionalString(record, 'category');
  const sectionFiling = sectionFilingOf(record, section !== null);
  const source = optionalString(record, 'source') ?? '';
  return {
    source,
    externalId,
    section,
    ...(sectionFiling !== undefined ? { sectionFiling } : {}),
    title: title.replace(/\s+/g, ' ').trim(),
    dateline,
    publishedAt: date,
    url,
    tags: [...new Set((tags as string[]).map((t) => t.trim()).filter(Boolean))],
    paragraphs,
    pinnedRelated: relatedOf(record.related),
    ...provenanceOf(record),
    ...familyOf(record),
    ...editorialOf(record),
    ...pinnedOf(record, source),
  };
}

/** Options of `readJsonl`. */
export interface ReadOptions {
  /** What a record and its story may hold. Default `DEFAULT_IMPORT_LIMITS`. */
  limits?: ImportLimits;
}

/**
 * Reads a JSON Lines file (gzip when it ends in `.gz`), one record per non-blank line. A line over
 * the record limit, not valid UTF-8, not JSON, not a valid story or over a story limit is a bad
 * record (`file:line: …`); control characters are stripped from every string and counted.
 */
export async function* readJsonl(path: string, options: ReadOptions = {}): AsyncIterable<SourceRecord> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const raw = createReadStream(path);
  let input: Readable = raw;
  if (path.toLowerCase().endsWith('.gz')) {
    const gunzip = createGunzip();
    // pipe() does not pass a read error on; without this a bad file would crash the process.
    raw.on('error', (error) => gunzip.destroy(error));
    input = raw.pipe(gunzip);
  }
  let lineNumber = 0;
  try {
    for await (const line of readLines(input, limits.recordBytes)) {
      lineNumber = line.lineNumber;
      const record = recordOf(path, line, limits);
      if (record) yield record;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'BAD_INPUT',
      `${path}:${lineNumber + 1}: cannot read the file: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    input.destroy();
    raw.destroy();
  }
}

/** One line as a record; null for a blank line. */
function recordOf(path: string, line: Line, limits: ImportLimits): SourceRecord | null {
  const where = `${path}:${line.lineNumber}`;
  if (!line.ok) return { ok: false, where, message: `${where}: ${line.message}` };
  if (!line.text.trim()) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, where, message: `${where}: not valid JSON (${(error as Error).message})` };
  }
  const { value, removed } = stripControlsDeep(parsed);
  let story: StoryInput;
  try {
    story = storyFromJson(value);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { ok: false, where, message: `${where}: field "${error.field}" ${error.message}` };
  }
  const over = storyOverLimit(story, limits);
  if (over) return { ok: false, where, message: `${where}: ${over}` };
  const unknown = Object.keys(value as object).filter((key) => !JSONL_FIELDS.has(key));
  return {
    ok: true,
    where,
    story,
    body: rawBody(value),
    ...(unknown.length > 0 ? { unknown } : {}),
    ...(removed > 0 ? { controls: removed } : {}),
  };
}
