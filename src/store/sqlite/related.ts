/** The related-stories engine's storage on SQLite: vectors, lists and the fitted model. */
import { ALL_TAG, RELATED_MODEL_TAG, relatedTag } from '../change-tags.js';
import { type RelatedEntry as Entry, sameEntries } from '../related-entries.js';
import type { RelatedRepo, RelatedRow } from '../types.js';
import { paged, type Scope } from './scope.js';

/** The related repository of `scope`. */
export function sqliteRelatedRepo(scope: Scope): RelatedRepo {
  const storedList = (storyId: number) =>
    scope
      .prepare('SELECT related_id AS relatedId, score FROM related_lists WHERE story_id = ? ORDER BY rank')
      .all(storyId) as Entry[];
  return {
    saveRelatedVector(storyId, data) {
      return scope.write('related.saveRelatedVector', () => {
        scope
          .prepare('INSERT OR REPLACE INTO related_vectors (story_id, data) VALUES (?, ?)')
          .run(storyId, data);
      });
    },
    async *iterateRelatedVectors(batchSize = 1000) {
      const rows = paged(
        (after) =>
          scope.read(
            'related.iterateRelatedVectors',
            () =>
              scope
                .prepare(
                  'SELECT story_id AS storyId, data FROM related_vectors WHERE story_id > ? ORDER BY story_id LIMIT ?',
                )
                .all(after, batchSize) as Array<{ storyId: number; data: string }>,
          ),
        (row) => row.storyId,
      );
      yield* rows;
    },
    async countRelatedVectors() {
      return scope.read(
        'related.countRelatedVectors',
        () => (scope.prepare('SELECT COUNT(*) AS n FROM related_vectors').get() as { n: number }).n,
      );
    },
    async findStoryIdsWithoutVector() {
      return scope.read('related.findStoryIdsWithoutVector', () =>
        (
          scope
            .prepare(
              `SELECT s.id FROM stories s LEFT JOIN related_vectors v ON v.story_id = s.id
               WHERE v.story_id IS NULL ORDER BY s.id`,
            )
            .all() as Array<{ id: number }>
        ).map((r) => r.id),
      );
    },
    replaceRelatedList(storyId, entries) {
      return scope.write('related.replaceRelatedList', (tags) => {
        // An unchanged list writes nothing, so a rebuild that finds the same neighbours does not
        // invalidate every page.
        if (sameEntries(storedList(storyId), entries)) return;
        scope.prepare('DELETE FROM related_lists WHERE story_id = ?').run(storyId);
        const insert = scope.prepare(
          'INSERT INTO related_lists (story_id, rank, related_id, score) VALUES (?, ?, ?, ?)',
        );
        for (const [rank, entry] of entries.entries())
          insert.run(storyId, rank, entry.relatedId, entry.score);
        tags.add(relatedTag(storyId));
      });
    },
    async findRelatedList(storyId) {
      return scope.read(
        'related.findRelatedList',
        () =>
          scope
            .prepare(
              `SELECT s.id, s.slug, s.title, s.section_id AS sectionId, s.external_id AS externalId, l.score,
                 s.source, s.story_group AS "group", s.duplicate_of AS duplicateOf, s.status
               FROM related_lists l JOIN stories s ON s.id = l.related_id
               WHERE l.story_id = ? ORDER BY l.rank`,
            )
            .all(storyId) as RelatedRow[],
      );
    },
    async findAllRelatedLists() {
      return scope.read('related.findAllRelatedLists', () => {
        const lists = new Map<number, Entry[]>();
        const rows = scope
          .prepare('SELECT story_id, related_id, score FROM related_lists ORDER BY story_id, rank')
          .iterate() as Iterable<{ story_id: number; related_id: number; score: number }>;
        for (const row of rows) {
          const list = lists.get(row.story_id) ?? [];
          if (list.length === 0) lists.set(row.story_id, list);
          list.push({ relatedId: row.related_id, score: row.score });
        }
        return lists;
      });
    },
    async findRelatedVector(storyId) {
      return scope.read('related.findRelatedVector', () => {
        const row = scope.prepare('SELECT data FROM related_vectors WHERE story_id = ?').get(storyId) as
          | { data: string }
          | undefined;
        return row?.data ?? null;
      });
    },
    saveRelatedModel(data, stories, now) {
      return scope.write('related.saveRelatedModel', (tags) => {
        tags.add(RELATED_MODEL_TAG);
        scope
          .prepare('INSERT OR REPLACE INTO related_model (id, data, stories, updated_at) VALUES (1, ?, ?, ?)')
          .run(data, stories, now);
      });
    },
    async findRelatedModel() {
      return scope.read(
        'related.findRelatedModel',
        () =>
          (scope.prepare('SELECT data, stories FROM related_model WHERE id = 1').get() as
            | { data: string; stories: number }
            | undefined) ?? null,
      );
    },
    clearRelated() {
      return scope.write('related.clearRelated', (tags) => {
        for (const table of ['related_lists', 'related_vectors', 'related_model']) {
          scope.prepare(`DELETE FROM ${table}`).run();
        }
        tags.add(ALL_TAG);
      });
    },
  };
}
