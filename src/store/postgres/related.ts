/** The related-stories engine's storage on PostgreSQL: vectors, lists and the fitted model. */
import { ALL_TAG, RELATED_MODEL_TAG, relatedTag } from '../change-tags.js';
import { type RelatedEntry as Entry, sameEntries } from '../related-entries.js';
import type { RelatedRepo, RelatedRow } from '../types.js';
import { paged, type Scope } from './scope.js';

const LIST_SQL =
  'SELECT related_id AS "relatedId", score FROM related_lists WHERE story_id = $1 ORDER BY rank';

/** The related repository of `scope`. */
export function postgresRelatedRepo(scope: Scope): RelatedRepo {
  return {
    saveRelatedVector(storyId, data) {
      return scope.write('related.saveRelatedVector', async (query) => {
        await query(
          `INSERT INTO related_vectors (story_id, data) VALUES ($1, $2)
           ON CONFLICT (story_id) DO UPDATE SET data = excluded.data`,
          [storyId, data],
        );
      });
    },
    async *iterateRelatedVectors(batchSize = 1000) {
      yield* paged(
        (after) =>
          scope.read<{ storyId: number; data: string }>(
            'related.iterateRelatedVectors',
            `SELECT story_id AS "storyId", data FROM related_vectors WHERE story_id > $1
             ORDER BY story_id LIMIT $2`,
            [after, batchSize],
          ),
        (row) => row.storyId,
      );
    },
    async countRelatedVectors() {
      const [row] = await scope.read<{ n: number }>(
        'related.countRelatedVectors',
        'SELECT COUNT(*)::integer AS n FROM related_vectors',
      );
      return row!.n;
    },
    async findStoryIdsWithoutVector() {
      const rows = await scope.read<{ id: number }>(
        'related.findStoryIdsWithoutVector',
        `SELECT s.id FROM stories s LEFT JOIN related_vectors v ON v.story_id = s.id
         WHERE v.story_id IS NULL ORDER BY s.id`,
      );
      return rows.map((r) => r.id);
    },
    replaceRelatedList(storyId, entries) {
      return scope.write('related.replaceRelatedList', async (query, tags) => {
        // An unchanged list writes nothing, so a rebuild that finds the same neighbours does not
        // invalidate every page.
        if (sameEntries(await query<Entry>(LIST_SQL, [storyId]), entries)) return;
        await query('DELETE FROM related_lists WHERE story_id = $1', [storyId]);
        if (entries.length > 0) {
          // One statement for the whole list: the ranks are the array positions.
          await query(
            `INSERT INTO related_lists (story_id, rank, related_id, score)
             SELECT $1, e.ord - 1, e.related_id, s.score
             FROM unnest($2::integer[]) WITH ORDINALITY AS e(related_id, ord)
             JOIN unnest($3::double precision[]) WITH ORDINALITY AS s(score, ord) ON s.ord = e.ord`,
            [storyId, entries.map((e) => e.relatedId), entries.map((e) => e.score)],
          );
        }
        tags.add(relatedTag(storyId));
      });
    },
    findRelatedList(storyId) {
      return scope.read<RelatedRow>(
        'related.findRelatedList',
        `SELECT s.id, s.slug, s.title, s.section_id AS "sectionId", s.external_id AS "externalId", l.score,
           s.source, s.story_group AS "group", s.duplicate_of AS "duplicateOf", s.status
         FROM related_lists l JOIN stories s ON s.id = l.related_id
         WHERE l.story_id = $1 ORDER BY l.rank`,
        [storyId],
      );
    },
    async findAllRelatedLists() {
      const rows = await scope.read<{ story_id: number; related_id: number; score: number }>(
        'related.findAllRelatedLists',
        'SELECT story_id, related_id, score FROM related_lists ORDER BY story_id, rank',
      );
      const lists = new Map<number, Entry[]>();
      for (const row of rows) {
        const list = lists.get(row.story_id) ?? [];
        if (list.length === 0) lists.set(row.story_id, list);
        list.push({ relatedId: row.related_id, score: row.score });
      }
      return lists;
    },
    async findRelatedVector(storyId) {
      const [row] = await scope.read<{ data: string }>(
        'related.findRelatedVector',
        'SELECT data FROM related_vectors WHERE story_id = $1',
        [storyId],
      );
      return row?.data ?? null;
    },
    saveRelatedModel(data, stories, now) {
      return scope.write('related.saveRelatedModel', async (query, tags) => {
        tags.add(RELATED_MODEL_TAG);
        await query(
          `INSERT INTO related_model (id, data, stories, updated_at) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET data = excluded.data, stories = excluded.stories,
             updated_at = excluded.updated_at`,
          [data, stories, now],
        );
      });
    },
    async findRelatedModel() {
      const [row] = await scope.read<{ data: string; stories: number }>(
        'related.findRelatedModel',
        'SELECT data, stories FROM related_model WHERE id = 1',
      );
      return row ?? null;
    },
    clearRelated() {
      return scope.write('related.clearRelated', async (query, tags) => {
        await query('DELETE FROM related_lists');
        await query('DELETE FROM related_vectors');
        await query('DELETE FROM related_model');
        tags.add(ALL_TAG);
      });
    },
  };
}
