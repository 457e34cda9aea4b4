/**
 * The 待分类 (unsorted) inbox: stories the section classifier was unsure of, each with its best
 * guesses from the stored model, and filing one by hand. A filed story is recorded as the
 * `editor`'s choice, which makes it training data: `SectionFiler` retrains on editor- and
 * feed-filed stories once they have grown (`ingest/classify/filer.ts`).
 */
import type { Section, SectionFiling } from '../articles/model.js';
import { UNSORTED_SECTION } from '../articles/sections.js';
import { recordOf } from '../articles/story-records.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { parseSectionModel, rankLabels, type SectionModel } from '../ingest/classify/model.js';
import type { Store } from '../store/types.js';

/** Guesses shown per story. */
export const INBOX_GUESSES = 3;

export interface InboxGuess {
  section: Section;
  /** The classifier's calibrated probability, 0–1. */
  confidence: number;
}

export interface InboxStory {
  id: number;
  slug: string;
  title: string;
  firstParagraph: string;
  publishedAt: string | null;
  /** How it came to be unsorted (the classifier's confidence in its best guess, when recorded). */
  filing: SectionFiling | null;
  /** The best guesses of the current model, most likely first; empty when there is no model. */
  guesses: InboxGuess[];
}

export interface InboxPage {
  stories: InboxStory[];
  /** Stories in 待分类 in all. */
  total: number;
  /** The sections a story can be filed into (every section but 待分类), in navigation order. */
  sections: Section[];
}

export class Inbox {
  private cached: { key: string; model: SectionModel | null } | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** A page of 待分类, newest first, with the model's guesses. */
  async list(limit: number, offset: number): Promise<InboxPage> {
    const all = await this.store.sections.listSections();
    const sections = all.filter((s) => s.slug !== UNSORTED_SECTION.slug);
    const unsorted = all.find((s) => s.slug === UNSORTED_SECTION.slug);
    if (!unsorted) return { stories: [], total: 0, sections };
    const rows = await this.store.stories.listStories({ sectionId: unsorted.id, limit, offset });
    const total = await this.store.stories.countStories(unsorted.id);
    const filings = await this.store.filing.findFilings(rows.map((r) => r.id));
    const model = await this.model();
    const byId = new Map(sections.map((s) => [String(s.id), s]));
    const stories: InboxStory[] = [];
    for (const row of rows) {
      let guesses: InboxGuess[] = [];
      const story = model ? await this.store.stories.findStoryById(row.id) : null;
      if (model && story) {
        guesses = rankLabels(model, story)
          .flatMap((g) => {
            const section = byId.get(g.label);
            return section ? [{ section, confidence: Number(g.confidence.toFixed(4)) }] : [];
          })
          .slice(0, INBOX_GUESSES);
      }
      stories.push({
        id: row.id,
        slug: row.slug,
        title: row.title,
        firstParagraph: row.firstParagraph,
        publishedAt: row.publishedAt,
        filing: filings.get(row.id) ?? null,
        guesses,
      });
    }
    return { stories, total, sections };
  }

  /**
   * Files story `storyId` into section `slug` as an editor's choice (it becomes training data for
   * the classifier's next retrain). `SECTION_NOT_FOUND`, `STORY_NOT_FOUND`; `BAD_INPUT` for 待分类 itself.
   */
  async file(storyId: number, slug: string): Promise<{ storyId: number; section: Section }> {
    if (slug === UNSORTED_SECTION.slug) {
      throw new AppError('BAD_INPUT', 'File the story into a section other than 待分类 (unsorted).');
    }
    return this.store.transaction(async (tx) => {
      const section = await tx.sections.findSectionBySlug(slug);
      if (!section) throw new AppError('SECTION_NOT_FOUND', `There is no section "${slug}".`);
      const story = await tx.stories.findStoryById(storyId);
      if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${storyId}.`);
      if (story.sectionId !== section.id) {
        await tx.stories.updateStory(
          storyId,
          { ...recordOf(story), sectionId: section.id },
          this.clock().toISOString(),
        );
      }
      await tx.filing.saveFiling(storyId, { source: 'editor', confidence: null });
      return { storyId, section };
    });
  }

  /** The stored model, parsed once per version. */
  private async model(): Promise<SectionModel | null> {
    const stored = await this.store.filing.findSectionModel();
    if (!stored) return null;
    const key = `${stored.updatedAt}/${stored.trainedOn}`;
    if (this.cached?.key !== key) this.cached = { key, model: parseSectionModel(stored.data) };
    return this.cached.model;
  }
}
