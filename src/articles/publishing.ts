/**
 * The rules of publishing: which section a story lands in, how a re-import finds the story it
 * updates, which slug a story gets. Storage is reached only through the transaction's
 * repositories (`StoreTx`), so every write is part of the caller's transaction; the write
 * pipeline (`ingest/pipeline.ts`) is the caller.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { EditorialFields, StoreTx } from '../store/types.js';
import { LEVEL_MODEL_VERSION } from '../text/level.js';
import type { Section, Story, StoryInput, StoryLevel } from './model.js';
import { DEFAULT_SECTION, describeNewSection } from './sections.js';
import { slugify, titleKey } from './slug.js';
import { type StoryRecord, sameContent } from './story-records.js';

/** What saving one story did. */
export type SaveOutcome = 'added' | 'updated' | 'unchanged';

/** The id a story gets when its source gave none: re-importing the same title updates it. */
export function derivedExternalId(title: string): string {
  return `title:${createHash('sha1').update(titleKey(title)).digest('hex').slice(0, 20)}`;
}

/** The level was worked out by the shipped model (not an older one: see `LEVEL_MODEL_VERSION`). */
export function isCurrentLevel(level: StoryLevel | null): level is StoryLevel {
  return level?.model === LEVEL_MODEL_VERSION;
}

/** Whether `input` carries the same body text as the stored `existing` story. */
export function sameText(existing: Story | null, input: StoryInput): boolean {
  return existing !== null && JSON.stringify(existing.paragraphs) === JSON.stringify(input.paragraphs);
}

export class PublishingService {
  private readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** Finds the section a story names (slug or Chinese name), creating it the first time. */
  async resolveSection(tx: StoreTx, name: string | null): Promise<Section> {
    const wanted = name?.trim() || DEFAULT_SECTION.nameZh;
    const existing =
      (await tx.sections.findSectionBySlug(wanted.toLowerCase())) ??
      (await tx.sections.findSectionByNameZh(wanted)) ??
      // A slug renamed or merged away on the desk leads where it went, not to a new section.
      (await tx.sections.findSectionRedirect(wanted.toLowerCase()));
    if (existing) return existing;
    const described = describeNewSection(wanted);
    // `World News` and `world news` are one section (same slug). Chinese names are not matched by
    // slug: different names can share a pinyin spelling.
    const existingSame =
      (await tx.sections.findSectionByNameZh(described.nameZh)) ??
      (/[\u3400-\u9fff]/.test(wanted) ? null : await tx.sections.findSectionBySlug(described.slug));
    if (existingSame) return existingSame;
    let slug = described.slug;
    for (let n = 2; await tx.sections.findSectionBySlug(slug); n++) slug = `${described.slug}-${n}`;
    return tx.sections.createSection({ ...described, slug });
  }

  /**
   * The stored story `input` would update, or null for a new one: the same source and external id
   * (a feed entry's GUID), else the same source and URL (an entry whose GUID changed), else the
   * same URL on a story whose source an editor changed from this one (the next poll of its feed
   * would otherwise store it again, as a copy).
   */
  async findExisting(tx: StoreTx, input: StoryInput): Promise<Story | null> {
    const byId = await tx.stories.findStoryByExternalId(
      input.source,
      input.externalId ?? derivedExternalId(input.title),
    );
    if (byId || !input.url) return byId;
    const byUrl = await tx.stories.findStoryByUrl(input.url);
    if (!byUrl || byUrl.source === input.source) return byUrl;
    const history = await tx.stories.findStoryEdits(byUrl.id);
    const wasThisSource = history.some(
      (entry) =>
        entry.action === 'edit' &&
        entry.changes.some((change) => change.field === 'source' && change.before === input.source),
    );
    return wasThisSource ? byUrl : null;
  }

  /** Now, as the stored timestamps say it (ISO 8601). */
  now(): string {
    return this.clock().toISOString();
  }

  /**
   * Adds a story with `level`, or updates `existing` (from `findExisting`). A re-import that
   * changes nothing writes nothing and says `unchanged`.
   */
  async saveStory(
    tx: StoreTx,
    input: StoryInput,
    existing: Story | null,
    level: StoryLevel | null,
  ): Promise<{ outcome: SaveOutcome; story: Story }> {
    const section = await this.resolveSection(tx, input.section);
    const now = this.now();
    const record: StoryRecord = {
      slug: existing?.slug ?? '',
      source: input.source,
      // A story found by its URL keeps the id it was stored under, so the next poll finds it again.
      externalId: existing?.externalId ?? input.externalId ?? derivedExternalId(input.title),
      sectionId: section.id,
      title: input.title,
      titleKey: titleKey(input.title),
      dateline: input.dateline,
      publishedAt: input.publishedAt,
      url: input.url,
      tags: input.tags,
      paragraphs: input.paragraphs,
      pinnedRelated: input.pinnedRelated,
      level,
      author: input.author ?? null,
      license: input.license ?? null,
      feed: input.feed ?? null,
      fetchedAt: input.fetchedAt ?? null,
      language: input.language ?? null,
      textFrom: input.textFrom ?? null,
      group: input.group ?? null,
      groupLevel: input.groupLevel ?? null,
    };
    const editorial = editorialOf(input, existing);
    if (existing) {
      if (sameContent(existing, record)) {
        if (!editorial) return { outcome: 'unchanged', story: existing };
        return { outcome: 'updated', story: await tx.stories.updateEditorial(existing.id, editorial, now) };
      }
      const story = await tx.stories.updateStory(existing.id, record, now);
      return {
        outcome: 'updated',
        story: editorial ? await tx.stories.updateEditorial(story.id, editorial, now) : story,
      };
    }
    record.slug = await this.uniqueSlug(tx, input.title);
    const story = await tx.stories.insertStory(record, now);
    return {
      outcome: 'added',
      story: editorial ? await tx.stories.updateEditorial(story.id, editorial, now) : story,
    };
  }

  private async uniqueSlug(tx: StoreTx, title: string): Promise<string> {
    let base = slugify(title) || 'story';
    // An all-digit slug would read as a story id in `show 1984` and /api/stories/1984.
    if (/^\d+$/.test(base)) base = `story-${base}`;
    let slug = base;
    for (let n = 2; await tx.stories.isSlugTaken(slug); n++) slug = `${base}-${n}`;
    return slug;
  }
}

/** The editorial fields an import carries (an export read back) that differ from the stored story's; null: none. */
function editorialOf(input: StoryInput, existing: Story | null): EditorialFields | null {
  const fields: EditorialFields = {};
  if (input.status !== undefined && input.status !== (existing?.status ?? 'published'))
    fields.status = input.status;
  if (input.levelOverride !== undefined && input.levelOverride !== (existing?.levelOverride ?? null))
    fields.levelOverride = input.levelOverride;
  return Object.keys(fields).length > 0 ? fields : null;
}
