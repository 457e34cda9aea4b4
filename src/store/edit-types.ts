/** Editors' writes of stories and their history (issue #15), as both adapters answer them; `types.ts` re-exports these. */
import type { Story, StoryStatus } from '../articles/model.js';

/** One field an edit changed, with its value before and after (as the JSON API shows them). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** An entry of a story's history: who changed what, when. */
export interface StoryEdit {
  id: number;
  storyId: number;
  /** An editor's email, or `cli` for the operator at the shell. */
  actor: string;
  /** ISO 8601 date-time. */
  at: string;
  action: 'edit' | 'delete';
  changes: FieldChange[];
}

/** The fields an editor sets that no import writes; each absent field is left as it is. */
export interface EditorialFields {
  status?: StoryStatus;
  /** A band (`A1`…`C2`), or null to let the computed level stand again. */
  levelOverride?: string | null;
  pinnedIds?: number[];
}

/** Editors' writes of a story and its history (`StoryRepo` holds them). */
export interface StoryEditRepo {
  /**
   * Sets the editorial fields given; `STORY_NOT_FOUND` when there is no such story. The list
   * column `level_band` follows the override (back to the computed band when it is cleared).
   * Change tags: those of the story's row (`story:`, `section:`, `title:`, `stories`, `family:`)
   * and `related:<x>` for every list holding it (its status decides whether they show it).
   */
  updateEditorial(id: number, fields: EditorialFields, now: string): Promise<Story>;
  /** Appends an entry to a story's history (kept after the story is deleted). No change tag. */
  recordStoryEdit(edit: Omit<StoryEdit, 'id'>): Promise<StoryEdit>;
  /** A story's history, oldest first. */
  findStoryEdits(storyId: number): Promise<StoryEdit[]>;
}
