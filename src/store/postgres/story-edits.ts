/** Editors' writes of a story and its history on PostgreSQL (see `StoryEditRepo` in `../types.ts`). */
import { AppError } from '../../core/errors.js';
import { editorialParams, type StoryEditRow, storyEditOf } from '../story-edit-rows.js';
import { type StoryRow, storyOf } from '../story-rows.js';
import type { StoryEditRepo } from '../types.js';
import type { Scope } from './scope.js';
import { tagGroup } from './story-groups.js';

export function postgresStoryEdits(scope: Scope, storyColumns: string): StoryEditRepo {
  const update = `
    UPDATE stories SET status = COALESCE($1, status),
      level_override = CASE WHEN $2 THEN $3 ELSE level_override END,
      level_band = CASE WHEN $2 THEN COALESCE($3, level_detail::jsonb ->> 'band') ELSE level_band END,
      pinned_ids = COALESCE($4, pinned_ids), updated_at = $5
    WHERE id = $6
    RETURNING ${storyColumns}`;
  return {
    updateEditorial(id, fields, now) {
      return scope.write('stories.updateEditorial', async (query, tags) => {
        const p = editorialParams(fields);
        const [row] = await query<StoryRow>(update, [
          p.status,
          p.setOverride === 1,
          p.override,
          p.pinned,
          now,
          id,
        ]);
        if (!row) throw new AppError('STORY_NOT_FOUND', `store: no story with id ${id} to edit.`);
        // The story, its copies (their URLs show it) and every list that holds one of them.
        await tagGroup(query, tags, id);
        return storyOf(row);
      });
    },
    recordStoryEdit(edit) {
      return scope.write('stories.recordStoryEdit', async (query) => {
        const [row] = await query<StoryEditRow>(
          `INSERT INTO story_edits (story_id, actor, at, action, changes) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [edit.storyId, edit.actor, edit.at, edit.action, JSON.stringify(edit.changes)],
        );
        return storyEditOf(row!);
      });
    },
    async findStoryEdits(storyId) {
      const rows = await scope.read<StoryEditRow>(
        'stories.findStoryEdits',
        'SELECT * FROM story_edits WHERE story_id = $1 ORDER BY id',
        [storyId],
      );
      return rows.map(storyEditOf);
    },
  };
}
