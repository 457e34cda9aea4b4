/**
 * A re-import does not undo an editor's work. When a feed polls again or a file is imported again,
 * the stored story is updated from the source, except for the fields an editor changed since
 * (recorded in the story's history, `story_edits`): a corrected title, a re-sectioned story, a
 * trimmed paragraph stay as the editor left them. The other fields still follow the source. An
 * export read back may carry a status and a level override (`status`, `level_override`): those
 * too stay as an editor set them since, and so do pinned related stories (`pinned`).
 */
import type { Story, StoryInput } from '../articles/model.js';
import type { StoreTx } from '../store/types.js';

/** `input` with the editor's value of every field an editor changed on `existing`. */
export async function keepEditorsChanges(
  tx: StoreTx,
  input: StoryInput,
  existing: Story,
): Promise<StoryInput> {
  const history = await tx.stories.findStoryEdits(existing.id);
  const edited = new Set(
    history.filter((entry) => entry.action === 'edit').flatMap((entry) => entry.changes.map((c) => c.field)),
  );
  if (edited.size === 0) return input;
  const kept: StoryInput = { ...input };
  if (edited.has('title')) kept.title = existing.title;
  if (edited.has('dateline')) kept.dateline = existing.dateline;
  if (edited.has('paragraphs')) kept.paragraphs = existing.paragraphs;
  if (edited.has('tags')) kept.tags = existing.tags;
  if (edited.has('source')) kept.source = existing.source;
  if (edited.has('license')) kept.license = existing.license;
  if (edited.has('publishedAt')) kept.publishedAt = existing.publishedAt;
  if (edited.has('status')) delete kept.status;
  if (edited.has('level')) delete kept.levelOverride;
  if (edited.has('pinned')) delete kept.pinnedStories;
  if (edited.has('section')) {
    const section = await tx.sections.findSectionById(existing.sectionId);
    if (section) {
      kept.section = section.slug;
      kept.sectionFiling = { source: 'editor', confidence: null };
    }
  }
  return kept;
}
