/** Stored story analysis on SQLite. */
import { AppError } from '../../core/errors.js';
import { storyTag } from '../change-tags.js';
import type { AnalysisRepo } from '../types.js';
import type { Scope } from './scope.js';

/** The analysis repository of `scope`. */
export function sqliteAnalysisRepo(scope: Scope): AnalysisRepo {
  return {
    saveStoryAnalysis(storyId, version, data) {
      return scope.write('analysis.saveStoryAnalysis', (tags) => {
        if (scope.prepare('SELECT 1 FROM stories WHERE id = ?').get(storyId) === undefined) {
          throw new AppError(
            'STORY_NOT_FOUND',
            `store: no story with id ${storyId} to save an analysis for.`,
          );
        }
        scope
          .prepare(
            `INSERT INTO story_analysis (story_id, version, data) VALUES (?, ?, ?)
             ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, data = excluded.data`,
          )
          .run(storyId, version, data);
        tags.add(storyTag(storyId));
      });
    },
    async findStoryAnalysis(storyId) {
      return scope.read(
        'analysis.findStoryAnalysis',
        () =>
          (scope.prepare('SELECT version, data FROM story_analysis WHERE story_id = ?').get(storyId) as
            | { version: number; data: string }
            | undefined) ?? null,
      );
    },
    async findStoryIdsWithoutAnalysis(version) {
      return scope.read('analysis.findStoryIdsWithoutAnalysis', () =>
        (
          scope
            .prepare(
              `SELECT s.id FROM stories s LEFT JOIN story_analysis a ON a.story_id = s.id
               WHERE a.story_id IS NULL OR a.version <> ? ORDER BY s.id`,
            )
            .all(version) as Array<{ id: number }>
        ).map((r) => r.id),
      );
    },
  };
}
