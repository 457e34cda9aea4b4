/** Editors' writes of a story and its history on SQLite (see `StoryEditRepo` in `../types.ts`). */
import { AppError } from '../../core/errors.js';
import { editorialParams, type StoryEditRow, storyEditOf } from '../story-edit-rows.js';
import { type StoryRow, storyOf } from '../story-rows.js';
import type { StoryEditRepo } from '../types.js';
import type { Scope } from './scope.js';
import { tagGroup } from './story-groups.js';

const UPDATE = `
  UPDATE stories SET status = COALESCE(@status, status),
    level_override = CASE WHEN @setOverride THEN @override ELSE level_override END,
    level_band = CASE WHEN @setOverride THEN COALESCE(@override, json_extract(level_detail, '$.band'))
      ELSE level_band END,
    pinned_ids = COALESCE(@pinned, pinned_ids), updated_at = @now
  WHERE id = @id
  RETURNING *`;

export function sqliteStoryEdits(scope: Scope): StoryEditRepo {
  return {
    updateEditorial(id, fields, now) {
      return scope.write('stories.updateEditorial', (tags) => {
        const params = { ...editorialParams(fields), now, id };
        const row = scope.prepare(UPDATE).get(params) as StoryRow | undefined;
        if (!row) throw new AppError('STORY_NOT_FOUND', `store: no story with id ${id} to edit.`);
        // The story, its copies (their URLs show it) and every list that holds one of them.
        tagGroup(scope, tags, id);
        return storyOf(row);
      });
    },
    recordStoryEdit(edit) {
      return scope.write('stories.recordStoryEdit', () => {
        const row = scope
          .prepare(
            `INSERT INTO story_edits (story_id, actor, at, action, changes) VALUES (?, ?, ?, ?, ?) RETURNING *`,
          )
          .get(edit.storyId, edit.actor, edit.at, edit.action, JSON.stringify(edit.changes)) as StoryEditRow;
        return storyEditOf(row);
      });
    },
    async findStoryEdits(storyId) {
      return scope.read('stories.findStoryEdits', () =>
        (
          scope
            .prepare('SELECT * FROM story_edits WHERE story_id = ? ORDER BY id')
            .all(storyId) as StoryEditRow[]
        ).map(storyEditOf),
      );
    },
  };
}
