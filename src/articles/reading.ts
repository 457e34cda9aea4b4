/**
 * What readers see, as read models: the story page (story, section, 相关文章), section pages, the
 * front page and story lists. Read models carry slugs and ids, never URLs: paths are the web
 * layer's business (`web/paths.ts`). Only reads; writes go through the pipeline.
 */
import { AnswerCache } from '../store/answer-cache.js';
import {
  familyTag,
  relatedTag,
  SECTIONS_TAG,
  STORIES_TAG,
  sectionTag,
  storyTag,
  titleTag,
} from '../store/change-tags.js';
import type { ListQuery, Store, StoryFilter, StoryListRow } from '../store/types.js';
import { leadOf } from './lead.js';
import type { Section, Story, StorySummary, StoryView } from './model.js';
import { computedRelated } from './related-list.js';
import { titleKey } from './slug.js';
import { analysisFits, decodeAnalysis, type StoryAnalysis } from './story-analysis.js';
import { type FamilyVersion, familyVersions } from './story-families.js';
import { effectiveLevel } from './story-level-override.js';

/** An entry of a story's 相关文章 list. */
export interface RelatedEntry {
  /** The section name as shown: `欧美文化`. */
  sectionName: string;
  title: string;
  /** The linked story's slug, or null while no story with that (pinned) title is stored. */
  slug: string | null;
  /** The linked story's id, or null as for `slug`. */
  storyId: number | null;
  /** Where the entry came from: an editor's pin, or the related-stories engine. */
  kind: 'pinned' | 'computed';
  /** The engine's similarity (about 0–1) for computed entries; null for pins. */
  score: number | null;
}

export interface StoryPage {
  story: StoryView;
  related: RelatedEntry[];
  /** The other versions of the story's family with it, easiest first; empty when it has none. */
  family: FamilyVersion[];
  /** Where else the story was published (its copies' sources and URLs), oldest first. */
  copies: Array<{ source: string; url: string | null }>;
  /** The analysis stored with the story; null when missing or made from another text or version. */
  analysis: StoryAnalysis | null;
  /** Change tags of everything the page shows (see `store/change-tags.ts`), for caches. */
  tags: string[];
}

export interface SectionPage {
  section: Section;
  stories: StorySummary[];
  /** 1-based. */
  page: number;
  pageCount: number;
  total: number;
  /** Change tags of everything the page shows. */
  tags: string[];
}

/** The front page: the newest stories of each section. */
export interface HomePage {
  groups: Array<{ section: Section; stories: StorySummary[] }>;
  /** Change tags of everything the page shows. */
  tags: string[];
}

/** Change tags of pages that show only the site's chrome (navigation). */
export const CHROME_TAGS: readonly string[] = [SECTIONS_TAG];

/** Computed related stories shown after the pinned ones. Default 10. */
export const COMPUTED_RELATED_LIMIT = 10;

/** Story counts kept (per filter) until a story or section changes. */
const COUNT_CACHE_ENTRIES = 200;

export class ReadingService {
  /**
   * Story counts by filter: counting the 68,000 listed stories of a 100,000-story archive takes
   * about 2 ms, two thirds of a `/api/stories` request, which reports the total on every page.
   */
  private readonly counts: AnswerCache<number>;

  constructor(private readonly store: Store) {
    this.counts = new AnswerCache(store, COUNT_CACHE_ENTRIES);
  }

  /**
   * A story by numeric id or slug, with its section; a story the public does not see (a draft, an
   * unpublished one) only with `includeHidden` (the desk, the operator's commands).
   */
  async findStory(ref: string, options: { includeHidden?: boolean } = {}): Promise<StoryView | null> {
    const story = /^\d+$/.test(ref)
      ? await this.store.stories.findStoryById(Number(ref))
      : await this.store.stories.findStoryBySlug(ref);
    if (!story || (story.status !== 'published' && !options.includeHidden)) return null;
    return this.withSection(story, await this.sectionMap());
  }

  /**
   * The page of the story with this slug. A copy's slug shows its canonical story (whose URL is
   * the page's canonical link), so a copy's URL still leads to the story.
   */
  async storyPage(slug: string): Promise<StoryPage | null> {
    const found = await this.store.stories.findStoryBySlug(slug);
    if (!found) return null;
    const story =
      found.duplicateOf === null
        ? found
        : ((await this.store.stories.findStoryById(found.duplicateOf)) ?? found);
    // A draft or an unpublished story is not there for the public (nor are its copies' URLs).
    if (story.status !== 'published') return null;
    const sections = await this.sectionMap();
    const related = await this.relatedEntries(story, COMPUTED_RELATED_LIMIT, sections);
    const stored = await this.store.analysis.findStoryAnalysis(story.id);
    const analysis = decodeAnalysis(stored?.data);
    const family = story.group
      ? familyVersions(await this.store.stories.findFamily(story.source, story.group), story.id)
      : [];
    const copies = await this.store.stories.findCopies(story.id);
    const tags = new Set([storyTag(found.id), storyTag(story.id), relatedTag(story.id), SECTIONS_TAG]);
    if (story.group) tags.add(familyTag(story.source, story.group));
    for (const link of story.pinnedRelated) tags.add(titleTag(titleKey(link.title)));
    for (const id of story.pinnedIds) tags.add(storyTag(id));
    for (const entry of related) if (entry.storyId !== null) tags.add(storyTag(entry.storyId));
    for (const other of [...family, ...copies]) tags.add(storyTag(other.id));
    return {
      story: this.withSection(story, sections),
      related,
      family,
      copies: copies.map((c) => ({ source: c.source, url: c.url })),
      analysis: analysisFits(story.paragraphs, analysis) ? analysis : null,
      tags: [...tags],
    };
  }

  /** Editor-pinned links first, then the engine's list, without repeats and never the story itself. */
  async relatedEntries(
    story: Story,
    computedLimit = COMPUTED_RELATED_LIMIT,
    sections?: ReadonlyMap<number, Section>,
  ): Promise<RelatedEntry[]> {
    const bySection = sections ?? (await this.sectionMap());
    const pinned = [
      ...(await this.pinnedByIdEntries(story, bySection)),
      ...(await this.pinnedEntries(story, bySection)),
    ];
    const shown = new Set(pinned.map((entry) => entry.storyId).filter((id) => id !== null));
    const rows = await this.store.related.findRelatedList(story.id);
    const computed: RelatedEntry[] = (
      await computedRelated(this.store.stories, story, rows, computedLimit, shown)
    ).map((entry) => ({
      sectionName: bySection.get(entry.sectionId)?.nameZh ?? '',
      title: entry.title,
      slug: entry.slug,
      storyId: entry.id,
      kind: 'computed',
      score: entry.score,
    }));
    return [...pinned, ...computed];
  }

  /** The stories an editor pinned by id, in order; pins to a story the public does not see are left out. */
  private async pinnedByIdEntries(
    story: Story,
    sections: ReadonlyMap<number, Section>,
  ): Promise<RelatedEntry[]> {
    const entries: RelatedEntry[] = [];
    for (const id of story.pinnedIds) {
      const pinned = id === story.id ? null : await this.store.stories.findStoryById(id);
      if (pinned?.status !== 'published') continue;
      entries.push({
        sectionName: sections.get(pinned.sectionId)?.nameZh ?? '',
        title: pinned.title,
        slug: pinned.slug,
        storyId: pinned.id,
        kind: 'pinned',
        score: null,
      });
    }
    return entries;
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
        slug: target?.slug ?? null,
        storyId: target?.id ?? null,
        kind: 'pinned' as const,
        score: null,
      };
    });
  }

  /** Newest stories of every section that has any, sections ordered by their newest story. */
  async homePage(perSection: number): Promise<HomePage> {
    const groups = [];
    for (const section of await this.store.sections.listSections()) {
      const rows = await this.store.stories.listStories({
        sectionId: section.id,
        limit: perSection,
        offset: 0,
      });
      if (rows.length > 0) groups.push({ section, stories: rows.map((r) => summaryOf(r, section)) });
    }
    // Lists put undated stories last, so the first is the newest dated one; a section holding
    // only undated stories goes last rather than first for having been imported today.
    const newest = (group: { stories: StorySummary[] }) => group.stories[0]!.publishedAt ?? '';
    // Stable sort: sections with equally new stories keep the navigation's order.
    groups.sort((a, b) => (newest(a) < newest(b) ? 1 : newest(a) > newest(b) ? -1 : 0));
    return { groups, tags: [STORIES_TAG, SECTIONS_TAG] };
  }

  /** The slug a renamed or merged-away section's old slug now leads to; null when none (issue #15). */
  async sectionRedirect(oldSlug: string): Promise<string | null> {
    return (await this.store.sections.findSectionRedirect(oldSlug))?.slug ?? null;
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
    return {
      section,
      stories: rows.map((r) => summaryOf(r, section)),
      page,
      pageCount,
      total,
      tags: [sectionTag(section.id), SECTIONS_TAG],
    };
  }

  /** Newest stories across sections (or in one, by slug or Chinese name). */
  async listStories(options: { section?: string; limit: number; offset: number }): Promise<StorySummary[]> {
    const sections = await this.sectionMap();
    let sectionId: number | undefined;
    if (options.section !== undefined) {
      const section = await this.findSection(options.section);
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

  /** Stories matching `query` (section by id), newest first; undated ones after the dated. */
  async filterStories(query: ListQuery): Promise<StorySummary[]> {
    const sections = await this.sectionMap();
    const rows = await this.store.stories.listStories(query);
    return rows.map((r) => summaryOf(r, sections.get(r.sectionId)!));
  }

  /** How many stories `filterStories` finds with this filter, on every page together. */
  async countFilteredStories(filter: StoryFilter): Promise<number> {
    return this.counts.get(JSON.stringify(filter), () => this.store.stories.countFilteredStories(filter));
  }

  /**
   * The newest stories whole (body and section), for feeds: of one section, or of the site.
   * Tags: the section's list (a story edited in it records `section:<id>` too), or every story.
   */
  async newestStories(limit: number, section?: Section): Promise<{ stories: StoryView[]; tags: string[] }> {
    const sections = await this.sectionMap();
    const rows = await this.store.stories.listStories({ sectionId: section?.id, limit, offset: 0 });
    const stories: StoryView[] = [];
    for (const row of rows) {
      const story = await this.store.stories.findStoryById(row.id);
      if (story) stories.push(this.withSection(story, sections));
    }
    const tags = section ? [sectionTag(section.id), SECTIONS_TAG] : [STORIES_TAG, SECTIONS_TAG];
    return { stories, tags };
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
    const sections = await this.sectionMap();
    for await (const story of this.store.stories.iterateStories()) yield this.withSection(story, sections);
  }

  private async sectionMap(): Promise<Map<number, Section>> {
    return new Map((await this.store.sections.listSections()).map((s) => [s.id, s]));
  }

  private withSection(story: Story, sections: ReadonlyMap<number, Section>): StoryView {
    const section = sections.get(story.sectionId);
    if (!section) throw new Error(`story ${story.id} points to missing section ${story.sectionId}`);
    return { ...story, level: effectiveLevel(story), section };
  }
}

/** A list row as lists show it (the JSON API's story rows), with its section. */
export function summaryOf(row: StoryListRow, section: Section): StorySummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    section,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    dateline: row.dateline,
    lead: leadOf(row.firstParagraph),
    levelBand: row.levelBand,
    levelScore: row.levelScore,
    levelUnrated: row.levelUnrated,
  };
}
