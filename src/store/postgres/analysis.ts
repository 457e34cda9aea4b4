/** Stored story analysis on PostgreSQL. */
import { AppError } from '../../core/errors.js';
import { storyTag } from '../change-tags.js';
import type { AnalysisRepo } from '../types.js';
import type { Scope } from './scope.js';

/** The analysis repository of `scope`. */
export function postgresAnalysisRepo(scope: Scope): AnalysisRepo {
  return {
    saveStoryAnalysis(storyId, version, data) {
      return scope.write('analysis.saveStoryAnalysis', async (query, tags) => {
        // Inserting only when the story is there, so a missing story is a clear STORY_NOT_FOUND
        // rather than a foreign-key violation.
        const saved = await query(
          `INSERT INTO story_analysis (story_id, version, data)
           SELECT id, $2, $3 FROM stories WHERE id = $1
           ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, data = excluded.data
           RETURNING story_id`,
          [storyId, version, data],
        );
        if (saved.length === 0) {
          throw new AppError(
            'STORY_NOT_FOUND',
            `store: no story with id ${storyId} to save an analysis for.`,
          );
        }
        tags.add(storyTag(storyId));
      });
    },
    async findStoryAnalysis(storyId) {
      const [row] = await scope.read<{ version: number; data: string }>(
        'analysis.findStoryAnalysis',
        'SELECT version, data FROM story_analysis WHERE story_id = $1',
        [storyId],
      );
      return row ?? null;
    },
    async findStoryIdsWithoutAnalysis(version) {
      const rows = await scope.read<{ id: number }>(
        'analysis.findStoryIdsWithoutAnalysis',
        `SELECT s.id FROM stories s LEFT JOIN story_analysis a ON a.story_id = s.id
         WHERE a.story_id IS NULL OR a.version <> $1 ORDER BY s.id`,
        [version],
      );
      return rows.map((r) => r.id);
    },
  };
}
