/** Duplicate groups and story families on PostgreSQL (see `StoryGroupRepo` in `../types.ts`). */
import { relatedTag } from '../change-tags.js';
import { type GroupRow, groupError, sameGroup } from '../story-groups.js';
import { rowTags, type StoryRow, storyOf } from '../story-rows.js';
import type { StoryGroupRepo } from '../types.js';
import type { Query, Scope } from './scope.js';

const GROUP_COLUMNS = 'id, section_id, title_key, duplicate_of, source, story_group';

/** Change tags of every story in the group of canonical story `canonical`, and of the lists holding them. */
export async function tagGroup(query: Query, tags: Set<string>, canonical: number): Promise<void> {
  const rows = await query<GroupRow>(
    `SELECT ${GROUP_COLUMNS} FROM stories WHERE id = $1 OR duplicate_of = $1`,
    [canonical],
  );
  for (const row of rows) rowTags(tags, row);
  const lists = await query<{ story_id: number }>(
    `SELECT DISTINCT l.story_id FROM related_lists l JOIN stories s ON s.id = l.related_id
     WHERE s.id = $1 OR s.duplicate_of = $1`,
    [canonical],
  );
  for (const { story_id } of lists) tags.add(relatedTag(story_id));
}

export function postgresStoryGroups(scope: Scope, storyColumns: string): StoryGroupRepo {
  const rowOf = async (query: Query, id: number) =>
    (await query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM stories WHERE id = $1 FOR UPDATE`, [id]))[0];

  return {
    async findStoryByUrl(url) {
      const [row] = await scope.read<StoryRow>(
        'stories.findStoryByUrl',
        `SELECT ${storyColumns} FROM stories WHERE url = $1 ORDER BY id LIMIT 1`,
        [url],
      );
      return row ? storyOf(row) : null;
    },
    markDuplicate(id, canonicalId) {
      return scope.write('stories.markDuplicate', async (query, tags) => {
        const story = await rowOf(query, id);
        const canonical = await rowOf(query, canonicalId);
        const target = sameGroup(story, canonical, id, canonicalId);
        if (target === null) return;
        await tagGroup(query, tags, id);
        await query('UPDATE stories SET duplicate_of = $1 WHERE id = $2 OR duplicate_of = $2', [target, id]);
        await tagGroup(query, tags, target);
      });
    },
    setCanonical(id) {
      return scope.write('stories.setCanonical', async (query, tags) => {
        const story = await rowOf(query, id);
        if (!story) throw groupError(id);
        const old = story.duplicate_of;
        if (old === null) return;
        await query('UPDATE stories SET duplicate_of = $1 WHERE id = $2 OR duplicate_of = $2', [id, old]);
        await query('UPDATE stories SET duplicate_of = NULL WHERE id = $1', [id]);
        await tagGroup(query, tags, id);
      });
    },
    async findCopies(canonicalId) {
      const rows = await scope.read<StoryRow>(
        'stories.findCopies',
        `SELECT ${storyColumns} FROM stories WHERE duplicate_of = $1 ORDER BY id`,
        [canonicalId],
      );
      return rows.map(storyOf);
    },
    async findFamily(source, group) {
      const rows = await scope.read<Pick<StoryRow, 'id' | 'slug' | 'title' | 'group_level'>>(
        'stories.findFamily',
        `SELECT id, slug, title, group_level FROM stories
         WHERE source = $1 AND story_group = $2 AND duplicate_of IS NULL AND status = 'published' ORDER BY id`,
        [source, group],
      );
      return rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, groupLevel: r.group_level }));
    },
  };
}
