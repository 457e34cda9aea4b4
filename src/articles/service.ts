/**
 * The rules of publishing: which section a story lands in, how a re-import finds the story it
 * updates, which slug a story gets, how pinned related links resolve. Storage is reached only
 * through the narrow interfaces in `store/types.ts`.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { Store, StoreTx, StoryListRow, StoryRecord } from '../store/types.js';
import { LEVEL_MODEL_VERSION } from '../text/level.js';
import type { Section, Story, StoryInput, StoryLevel, StorySummary, StoryView } from './model.js';
import { DEFAULT_SECTION, describeNewSection } from './sections.js';
import { slugify, titleKey } from './slug.js';

/** What saving one story did. */
export type SaveOutcome = 'added' | 'updated' | 'unchanged';

/** An entry of a story's 相关文章 list. */
export interface RelatedEntry {
  /** The section name as shown: `欧美文化`. */
  sectionName: string;
  title: string;
  /** The linked story's path, or null while no story with that title is stored. */
  href: string | null;
  /** Where the entry came from: an editor's pin, or the related-stories engine. */
  kind: 'pinned' | 'computed';
  /** The engine's similarity (about 0–1) for computed entries; null for pins. */
  score: number | null;
}

export interface StoryPage {
  story: StoryView;
  related: RelatedEntry[];
}

export interface SectionPage {
  section: Section;
  stories: StorySummary[];
  /** 1-based. */
  page: number;
  pageCount: number;
  total: number;
}

/** Computed related stories shown after the pinned ones. */
export const COMPUTED_RELATED_LIMIT = 10;

/** Longest list lead, in characters. */
const LEAD_LENGTH = 180;

export function storyPath(slug: string): string {
  return `/stories/${slug}`;
}

export function sectionPath(slug: string): string {
  return `/sections/${slug}`;
}

/** A paragraph cut at a word boundary for list entries and meta descriptions. */
export function leadOf(paragraph: string, max = LEAD_LENGTH): string {
  if (paragraph.length <= max) return paragraph;
  const cut = paragraph.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** The id a story gets when its source gave none: re-importing the same title updates it. */
export function derivedExternalId(title: string): string {
  return `title:${createHash('sha1').update(titleKey(title)).digest('hex').slice(0, 20)}`;
}

function sameContent(story: Story, record: StoryRecord): boolean {
  return (
    story.sectionId === record.sectionId &&
    story.title === record.title &&
    story.publishedAt === record.publishedAt &&
    story.url === record.url &&
    JSON.stringify(story.dateline) === JSON.stringify(record.dateline) &&
    JSON.stringify(story.tags) === JSON.stringify(record.tags) &&
    JSON.stringify(story.paragraphs) === JSON.stringify(record.paragraphs) &&
    JSON.stringify(story.pinnedRelated) === JSON.stringify(record.pinnedRelated) &&
    JSON.stringify(story.level) === JSON.stringify(record.level)
  );
}

/** Stories re-rated per transaction by `refreshLevels`. */
const LEVEL_BATCH = 500;

/** The level was worked out by the shipped model (not an older one: see `LEVEL_MODEL_VERSION`). */
function isCurrentLevel(level: StoryLevel): boolean {
  return level.model === LEVEL_MODEL_VERSION;
}

/** The stored fields of a story, to write it back with a change. */
function recordOf(story: Story): StoryRecord {
  return {
    slug: story.slug,
    source: story.source,
    externalId: story.externalId,
    sectionId: story.sectionId,
    title: story.title,
    titleKey: titleKey(story.title),
    dateline: story.dateline,
    publishedAt: story.publishedAt,
    url: story.url,
    tags: story.tags,
    paragraphs: story.paragraphs,
    pinnedRelated: story.pinnedRelated,
    level: story.level,
  };
}

/** How a story's level is worked out from its paragraphs (the composition root wires the dictionary in). */
export type LevelEstimator = (paragraphs: string[]) => StoryLevel | null;

/** Dependencies of `ArticleService` besides the store. All optional. */
export interface ArticleServiceOptions {
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: none (stories are stored without a level). */
  estimateLevel?: LevelEstimator;
}

export class ArticleService {
  private readonly clock: Clock;
  private readonly estimateLevel: LevelEstimator | null;

  constructor(
    private readonly store: Store,
    options: ArticleServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.estimateLevel = options.estimateLevel ?? null;
  }

  /** Finds the section a story names (slug or Chinese name), creating it the first time. */
  async resolveSection(tx: StoreTx, name: string | null): Promise<Section> {
    const wanted = name?.trim() || DEFAULT_SECTION.nameZh;
    const existing =
      (await tx.sections.findSectionBySlug(wanted.toLowerCase())) ??
      (await tx.sections.findSectionByNameZh(wanted));
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
   * Adds a story, or updates the one with the same source and external id. Call inside
   * `store.transaction` so a batch lands whole or not at all.
   */
  async saveStory(tx: StoreTx, input: StoryInput): Promise<{ outcome: SaveOutcome; story: Story }> {
    const section = await this.resolveSection(tx, input.section);
    const externalId = input.externalId ?? derivedExternalId(input.title);
    const now = this.clock().toISOString();
    const existing = await tx.stories.findStoryByExternalId(input.source, externalId);
    const sameText =
      existing !== null && JSON.stringify(existing.paragraphs) === JSON.stringify(input.paragraphs);
    const record: StoryRecord = {
      slug: existing?.slug ?? '',
      source: input.source,
      externalId,
      sectionId: section.id,
      title: input.title,
      titleKey: titleKey(input.title),
      dateline: input.dateline,
      publishedAt: input.publishedAt,
      url: input.url,
      tags: input.tags,
      paragraphs: input.paragraphs,
      pinnedRelated: input.pinnedRelated,
      level:
        sameText && existing?.level && isCurrentLevel(existing.level)
          ? existing.level
          : // Without a dictionary an unchanged text keeps its (older) level; a changed one has none.
            (this.estimateLevel?.(input.paragraphs) ?? (sameText ? (existing?.level ?? null) : null)),
    };
    if (existing) {
      if (sameContent(existing, record)) return { outcome: 'unchanged', story: existing };
      return { outcome: 'updated', story: await tx.stories.updateStory(existing.id, record, now) };
    }
    record.slug = await this.uniqueSlug(tx, input.title);
    return { outcome: 'added', story: await tx.stories.insertStory(record, now) };
  }

  /**
   * Works out again the level of every story whose level is missing or was computed by an older
   * model (`all`: of every story). Writes in transactions of `LEVEL_BATCH` stories, so a large
   * archive does not hold the write lock for minutes and an interruption keeps what was done; a
   * level that comes out the same is not written. `unrated`: stories the estimator could not rate
   * (no dictionary); without an estimator every story to do is unrated.
   */
  async refreshLevels(
    options: { all?: boolean; onProgress?: (done: number) => void } = {},
  ): Promise<{ stories: number; updated: number; unchanged: number; unrated: number }> {
    const todo: number[] = [];
    let stories = 0;
    for await (const story of this.store.stories.iterateStories()) {
      stories += 1;
      if (options.all || !story.level || !isCurrentLevel(story.level)) todo.push(story.id);
    }
    const estimate = this.estimateLevel;
    if (!estimate) return { stories, updated: 0, unchanged: 0, unrated: todo.length };
    let updated = 0;
    let unchanged = 0;
    let unrated = 0;
    for (let start = 0; start < todo.length; start += LEVEL_BATCH) {
      await this.store.transaction(async (tx) => {
        const now = this.clock().toISOString();
        for (const id of todo.slice(start, start + LEVEL_BATCH)) {
          const story = await tx.stories.findStoryById(id);
          if (!story) continue;
          const level = estimate(story.paragraphs);
          if (!level) unrated += 1;
          else if (JSON.stringify(level) === JSON.stringify(story.level)) unchanged += 1;
          else {
            await tx.stories.updateStory(id, { ...recordOf(story), level }, now);
            updated += 1;
          }
        }
      });
      options.onProgress?.(Math.min(todo.length, start + LEVEL_BATCH));
    }
    return { stories, updated, unchanged, unrated };
  }

  private async uniqueSlug(tx: StoreTx, title: string): Promise<string> {
    let base = slugify(title) || 'story';
    // An all-digit slug would read as a story id in `show 1984` and /api/stories/1984.
    if (/^\d+$/.test(base)) base = `story-${base}`;
    let slug = base;
    for (let n = 2; await tx.stories.isSlugTaken(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  /** A story by numeric id or slug, with its section. */
  async findStory(ref: string): Promise<StoryView | null> {
    const story = /^\d+$/.test(ref)
      ? await this.store.stories.findStoryById(Number(ref))
      : await this.store.stories.findStoryBySlug(ref);
    return story ? this.withSection(story) : null;
  }

  async storyPage(slug: string): Promise<StoryPage | null> {
    const story = await this.store.stories.findStoryBySlug(slug);
    if (!story) return null;
    return { story: await this.withSection(story), related: await this.relatedEntries(story) };
  }

  /** Editor-pinned links first, then the engine's list, without repeats and never the story itself. */
  async relatedEntries(story: Story, computedLimit = COMPUTED_RELATED_LIMIT): Promise<RelatedEntry[]> {
    const sections = new Map((await this.store.sections.listSections()).map((s) => [s.id, s]));
    const pinned = await this.pinnedEntries(story, sections);
    const shown = new Set(pinned.map((entry) => entry.href).filter(Boolean));
    const computed: RelatedEntry[] = [];
    for (const row of await this.store.related.findRelatedList(story.id)) {
      const href = storyPath(row.slug);
      if (row.id === story.id || shown.has(href) || computed.length >= computedLimit) continue;
      shown.add(href);
      computed.push({
        sectionName: sections.get(row.sectionId)?.nameZh ?? '',
        title: row.title,
        href,
        kind: 'computed',
        score: row.score,
      });
    }
    return [...pinned, ...computed];
  }

  /**
   * The editor's pinned links, each linked to the stored story with that title once there is one
   * (one in the named section preferred), never to the story itself.
   */
  private async pinnedEntries(story: Story, sections: ReadonlyMap<number, Section>): Promise<RelatedEntry[]> {
    const keys = story.pinnedRelated.map((link) => titleKey(link.title));
    const found = (await this.store.stories.findStoriesByTitleKeys([...new Set(keys)])).filter(
      (s) => s.id !== story.id,
    );
    return story.pinnedRelated.map((link, i) => {
      const candidates = found.filter((s) => s.titleKey === keys[i]);
      const target =
        candidates.find((s) => sections.get(s.sectionId)?.nameZh === link.sectionName) ??
        candidates[0] ??
        null;
      return {
        sectionName: link.sectionName,
        title: link.title,
        href: target ? storyPath(target.slug) : null,
        kind: 'pinned' as const,
        score: null,
      };
    });
  }

  /** Newest stories of every section that has any, sections ordered by their newest story. */
  async homePage(perSection: number): Promise<Array<{ section: Section; stories: StorySummary[] }>> {
    const sections = await this.store.sections.listSections();
    const groups = [];
    for (const section of sections) {
      const rows = await this.store.stories.listStories({
        sectionId: section.id,
        limit: perSection,
        offset: 0,
      });
      if (rows.length > 0) groups.push({ section, stories: rows.map((r) => summaryOf(r, section)) });
    }
    return groups;
  }

  /** One page of a section, newest first; null when the section does not exist or the page is past the end. */
  async sectionPage(slug: string, page: number, pageSize: number): Promise<SectionPage | null> {
    const section = await this.store.sections.findSectionBySlug(slug);
    if (!section) return null;
    const total = await this.store.stories.countStories(section.id);
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    if (page < 1 || page > pageCount) return null;
    const rows = await this.store.stories.listStories({
      sectionId: section.id,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { section, stories: rows.map((r) => summaryOf(r, section)), page, pageCount, total };
  }

  /** Newest stories across sections (or in one), for `lingwire list` and the API. */
  async listStories(options: {
    sectionSlug?: string;
    limit: number;
    offset: number;
  }): Promise<StorySummary[]> {
    const sections = new Map((await this.store.sections.listSections()).map((s) => [s.id, s]));
    let sectionId: number | undefined;
    if (options.sectionSlug !== undefined) {
      const section = await this.findSection(options.sectionSlug);
      if (!section) return [];
      sectionId = section.id;
    }
    const rows = await this.store.stories.listStories({
      sectionId,
      limit: options.limit,
      offset: options.offset,
    });
    return rows.map((r) => summaryOf(r, sections.get(r.sectionId)!));
  }

  /** A section by slug or Chinese name. */
  async findSection(name: string): Promise<Section | null> {
    return (
      (await this.store.sections.findSectionBySlug(name)) ??
      (await this.store.sections.findSectionByNameZh(name))
    );
  }

  async listSections(): Promise<Section[]> {
    return this.store.sections.listSections();
  }

  async countStories(): Promise<number> {
    return this.store.stories.countStories();
  }

  /** Every story with its section, oldest first: for export. */
  async *allStories(): AsyncIterable<StoryView> {
    const sections = new Map((await this.store.sections.listSections()).map((s) => [s.id, s]));
    for await (const story of this.store.stories.iterateStories()) {
      yield { ...story, section: sections.get(story.sectionId)! };
    }
  }

  private async withSection(story: Story): Promise<StoryView> {
    const section = await this.store.sections.findSectionById(story.sectionId);
    if (!section) throw new Error(`story ${story.id} points to missing section ${story.sectionId}`);
    return { ...story, section };
  }
}

function summaryOf(row: StoryListRow, section: Section): StorySummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    section,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    dateline: row.dateline,
    lead: leadOf(row.firstParagraph),
    levelBand: row.levelBand,
    levelScore: row.levelScore,
  };
}
