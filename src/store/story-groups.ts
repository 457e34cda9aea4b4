/** The rules of duplicate groups both adapters share (see `StoryGroupRepo` in `types.ts`). */
import { AppError } from '../core/errors.js';
import type { StoryRow } from './story-rows.js';

/** What the group rules read of a story, and its family for the change tags (`rowTags`). */
export type GroupRow = Pick<
  StoryRow,
  'id' | 'section_id' | 'title_key' | 'duplicate_of' | 'source' | 'story_group'
>;

export function groupError(id: number): AppError {
  return new AppError('STORY_NOT_FOUND', `store: no story with id ${id}.`);
}

/**
 * The canonical story `id` is to become a copy of, checking both exist; null when `id` already is
 * a copy of it (nothing to do). Throws when it would make a story a copy of its own group.
 */
export function sameGroup(
  story: GroupRow | undefined,
  canonical: GroupRow | undefined,
  id: number,
  canonicalId: number,
): number | null {
  if (!story) throw groupError(id);
  if (!canonical) throw groupError(canonicalId);
  const target = canonical.duplicate_of ?? canonical.id;
  if (target === id) {
    throw new AppError('BAD_INPUT', `store: story ${id} cannot be a copy of its own copy ${canonicalId}.`);
  }
  return story.duplicate_of === target ? null : target;
}
