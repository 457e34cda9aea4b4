/** Duplicate groups and story families on SQLite (see `StoryGroupRepo` in `../types.ts`). */
import { relatedTag } from '../change-tags.js';
import { type GroupRow, groupError, sameGroup } from '../story-groups.js';
import { rowTags, type StoryRow, storyOf } from '../story-rows.js';
import type { StoryGroupRepo } from '../types.js';
import type { Scope } from './scope.js';

const GROUP_COLUMNS = 'id, section_id, title_key, duplicate_of, source, story_group';

/** Change tags of every story in the group of canonical story `canonical`, and of the lists holding them. */
export function tagGroup(scope: Scope, tags: Set<string>, canonical: number): void {
  const rows = scope
    .prepare(`SELECT ${GROUP_COLUMNS} FROM stories WHERE id = ? OR duplicate_of = ?`)
    .all(canonical, canonical) as GroupRow[];
  for (const row of rows) rowTags(tags, row);
  const lists = scope
    .prepare(
      `SELECT DISTINCT l.story_id FROM related_lists l JOIN stories s ON s.id = l.related_id
       WHERE s.id = ? OR s.duplicate_of = ?`,
    )
    .all(canonical, canonical) as Array<{ story_id: number }>;
  for (const { story_id } of lists) tags.add(relatedTag(story_id));
}

export function sqliteStoryGroups(scope: Scope): StoryGroupRepo {
  const rowOf = (id: number) =>
    scope.prepare(`SELECT ${GROUP_COLUMNS} FROM stories WHERE id = ?`).get(id) as GroupRow | undefined;

  return {
    async findStoryByUrl(url) {
      return scope.read('stories.findStoryByUrl', () => {
        const row = scope.prepare('SELECT * FROM stories WHERE url = ? ORDER BY id LIMIT 1').get(url) as
          | StoryRow
          | undefined;
        return row ? storyOf(row) : null;
      });
    },
    markDuplicate(id, canonicalId) {
      return scope.write('stories.markDuplicate', (tags) => {
        const story = rowOf(id);
        const canonical = rowOf(canonicalId);
        const target = sameGroup(story, canonical, id, canonicalId);
        if (target === null) return;
        tagGroup(scope, tags, id);
        scope
          .prepare('UPDATE stories SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?')
          .run(target, id, id);
        tagGroup(scope, tags, target);
      });
    },
    setCanonical(id) {
      return scope.write('stories.setCanonical', (tags) => {
        const story = rowOf(id);
        if (!story) throw groupError(id);
        const old = story.duplicate_of;
        if (old === null) return;
        scope
          .prepare('UPDATE stories SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?')
          .run(id, old, old);
        scope.prepare('UPDATE stories SET duplicate_of = NULL WHERE id = ?').run(id);
        tagGroup(scope, tags, id);
      });
    },
    async findCopies(canonicalId) {
      return scope.read('stories.findCopies', () =>
        (
          scope
            .prepare('SELECT * FROM stories WHERE duplicate_of = ? ORDER BY id')
            .all(canonicalId) as StoryRow[]
        ).map(storyOf),
      );
    },
    async findFamily(source, group) {
      return scope.read('stories.findFamily', () =>
        (
          scope
            .prepare(
              `SELECT id, slug, title, group_level FROM stories
               WHERE source = ? AND story_group = ? AND duplicate_of IS NULL AND status = 'published' ORDER BY id`,
            )
            .all(source, group) as Array<Pick<StoryRow, 'id' | 'slug' | 'title' | 'group_level'>>
        ).map((r) => ({ id: r.id, slug: r.slug, title: r.title, groupLevel: r.group_level })),
      );
    },
  };
}
