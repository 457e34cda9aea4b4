/**
 * Editors' changes of stored stories (issue #15): the desk, `PATCH /api/stories/:id` and
 * `lingwire story set` all come here. Each change is one transaction through the write pipeline's
 * indexers (`StoryPipeline.edit`), so an edited text is analysed once by the one analysis path
 * (`articles/story-level.ts`), its level and stored analysis follow, and the related index and
 * lists follow as after an import; the store's own writes record the change tags that drop the
 * cached pages and keep search current. The permalink (slug) never changes. Every change is
 * recorded in the story's history: who, when, and each field before and after.
 */

import type { Story } from '../articles/model.js';
import { titleKey } from '../articles/slug.js';
import { encodeAnalysis } from '../articles/story-analysis.js';
import type { StoryAnalyzer } from '../articles/story-level.js';
import { recordOf, sameContent } from '../articles/story-records.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { ImportLimits } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { StoryPipeline } from '../ingest/pipeline.js';
import type { EditorialFields, FieldChange, Store, StoreTx, StoryEdit } from '../store/types.js';
import { checkChanges, datelineOf, diffValues, editableValues, type StoryChanges } from './story-changes.js';

/** What an edit did. */
export interface EditOutcome {
  story: Story;
  /** The fields that changed (empty: the edit changed nothing and nothing was recorded). */
  changes: FieldChange[];
}

/** A pinned story as the desk lists it: `missing` when the id points to no story the public sees. */
export interface PinState {
  id: number;
  title: string | null;
  slug: string | null;
  missing: boolean;
}

/** Edits run elsewhere: the writer thread of the same `serve` (see `StoryEditing.useWriter`). */
export interface EditWriter {
  edit(id: number, changes: StoryChanges, actor: string): Promise<EditOutcome>;
  remove(id: number, actor: string): Promise<void>;
}

export class StoryEditing {
  private readonly clock: Clock;
  private writer: EditWriter | null = null;

  constructor(
    private readonly store: Store,
    private readonly pipeline: StoryPipeline,
    private readonly analyze: StoryAnalyzer,
    private readonly limits: ImportLimits,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Runs edits and deletions in `writer`, the writer thread of the same `lingwire serve`, which
   * keeps the related index in memory: done here, a web process's first edit would read the
   * whole index (tens of seconds at 100,000 stories) while holding the database's write lock and
   * this thread. Without a writer (`serve --no-writer`, `lingwire story`, or null after the
   * writer stopped) edits run here.
   */
  useWriter(writer: EditWriter | null): void {
    this.writer = writer;
  }

  /**
   * Applies `given` to story `id` as `actor` (an editor's email, or `cli`). `STORY_NOT_FOUND`,
   * `SECTION_NOT_FOUND`, or `INVALID_STORY` naming the field; nothing is written on an error.
   */
  async edit(id: number, given: StoryChanges, actor: string): Promise<EditOutcome> {
    const changes = checkChanges(given, this.limits);
    if (this.writer) return this.writer.edit(id, changes, actor);
    return this.pipeline.edit(async (tx, saved) => {
      const story = await findStory(tx, id);
      const now = this.clock().toISOString();
      const before = editableValues(story, await sectionSlug(tx, story.sectionId));
      const record = recordOf(story);
      if (changes.title !== undefined) {
        record.title = changes.title;
        record.titleKey = titleKey(changes.title);
      }
      let sectionChanged = false;
      if (changes.section !== undefined) {
        const section = await tx.sections.findSectionBySlug(changes.section);
        if (!section) throw new AppError('SECTION_NOT_FOUND', `There is no section "${changes.section}".`);
        sectionChanged = section.id !== story.sectionId;
        record.sectionId = section.id;
      }
      // The same text as shown is no change (the parsed form of a dateline may differ from the stored one).
      if (changes.dateline !== undefined && changes.dateline !== before.dateline) {
        record.dateline = datelineOf(changes.dateline);
      }
      if (changes.tags !== undefined) record.tags = changes.tags;
      if (changes.source !== undefined) record.source = changes.source;
      if (changes.license !== undefined) record.license = changes.license;
      if (changes.publishedAt !== undefined) record.publishedAt = changes.publishedAt;
      const newText =
        changes.paragraphs !== undefined &&
        JSON.stringify(changes.paragraphs) !== JSON.stringify(story.paragraphs);
      // An edited text is analysed once, as an import would: level, stored analysis, related terms.
      const analyzed = newText ? this.analyze(changes.paragraphs!) : null;
      if (newText) {
        record.paragraphs = changes.paragraphs!;
        record.level = analyzed?.level ?? null;
      }
      let current = story;
      if (!sameContent(story, record) || record.source !== story.source) {
        current = await tx.stories.updateStory(id, record, now);
        if (analyzed)
          await tx.analysis.saveStoryAnalysis(
            id,
            analyzed.analysis.version,
            encodeAnalysis(analyzed.analysis),
          );
        if (newText || record.title !== story.title) saved({ story: current, analyzed });
      }
      // An editor's filing teaches the section classifier, as a file naming the section does.
      if (sectionChanged) await tx.filing.saveFiling(id, { source: 'editor', confidence: null });
      const editorial = editorialChanges(story, changes);
      if (editorial) current = await tx.stories.updateEditorial(id, editorial, now);
      const diff = diffValues(before, editableValues(current, await sectionSlug(tx, current.sectionId)));
      if (diff.length > 0) {
        await tx.stories.recordStoryEdit({ storyId: id, actor, at: now, action: 'edit', changes: diff });
      }
      return { story: current, changes: diff };
    });
  }

  /** Deletes story `id` as `actor`, recording it in the history; `STORY_NOT_FOUND` when there is none. */
  async remove(id: number, actor: string): Promise<void> {
    if (this.writer) return this.writer.remove(id, actor);
    await this.pipeline.edit(async (tx) => {
      const story = await findStory(tx, id);
      await tx.stories.recordStoryEdit({
        storyId: id,
        actor,
        at: this.clock().toISOString(),
        action: 'delete',
        changes: [{ field: 'title', before: story.title, after: null }],
      });
      await tx.stories.deleteStory(id);
    });
  }

  /** A story's history, oldest first (also after it was deleted). */
  history(id: number): Promise<StoryEdit[]> {
    return this.store.stories.findStoryEdits(id);
  }

  /** The stories `story` pins, in order, each marked `missing` when it points to nothing the public sees. */
  async pins(story: Pick<Story, 'pinnedIds'>): Promise<PinState[]> {
    const out: PinState[] = [];
    for (const id of story.pinnedIds) {
      const pinned = await this.store.stories.findStoryById(id);
      out.push({
        id,
        title: pinned?.title ?? null,
        slug: pinned?.slug ?? null,
        missing: pinned?.status !== 'published',
      });
    }
    return out;
  }
}

async function findStory(tx: StoreTx, id: number): Promise<Story> {
  const story = await tx.stories.findStoryById(id);
  if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
  return story;
}

async function sectionSlug(tx: StoreTx, sectionId: number): Promise<string> {
  return (await tx.sections.findSectionById(sectionId))?.slug ?? '';
}

/** The editorial fields `changes` sets to something new, or null when none. */
function editorialChanges(story: Story, changes: StoryChanges): EditorialFields | null {
  const fields: EditorialFields = {};
  if (changes.status !== undefined && changes.status !== story.status) fields.status = changes.status;
  if (changes.level !== undefined && changes.level !== story.levelOverride)
    fields.levelOverride = changes.level;
  if (changes.pinned !== undefined && JSON.stringify(changes.pinned) !== JSON.stringify(story.pinnedIds)) {
    if (changes.pinned.includes(story.id))
      throw new AppError('INVALID_STORY', 'pinned: a story cannot pin itself.');
    fields.pinnedIds = changes.pinned;
  }
  return Object.keys(fields).length > 0 ? fields : null;
}
