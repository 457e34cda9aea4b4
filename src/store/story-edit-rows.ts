/** The `story_edits` row as both adapters read it, and its conversion to a `StoryEdit`. */
import type { FieldChange, StoryEdit } from './types.js';

export interface StoryEditRow {
  id: number;
  story_id: number;
  actor: string;
  at: string;
  action: string;
  changes: string;
}

export function storyEditOf(row: StoryEditRow): StoryEdit {
  return {
    id: row.id,
    storyId: row.story_id,
    actor: row.actor,
    at: row.at,
    action: row.action as StoryEdit['action'],
    changes: JSON.parse(row.changes) as FieldChange[],
  };
}

/** The values an `updateEditorial` binds: null means "leave as it is" (`setOverride` tells a cleared override apart). */
export function editorialParams(fields: {
  status?: string;
  levelOverride?: string | null;
  pinnedIds?: number[];
}) {
  return {
    status: fields.status ?? null,
    setOverride: fields.levelOverride !== undefined ? 1 : 0,
    override: fields.levelOverride ?? null,
    pinned: fields.pinnedIds ? JSON.stringify(fields.pinnedIds) : null,
  };
}
