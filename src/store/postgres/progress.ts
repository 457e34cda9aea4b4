/** A learner's progress as per-day aggregates on PostgreSQL (the progress page's charts). */
import type { DayCount, KnownWordsDay, LearningRepo } from '../learner-types.js';
import type { Scope } from './scope.js';

type ProgressQueries = Pick<LearningRepo, 'knownWordsByDay' | 'reviewsByDay' | 'storyReadsByDay'>;

const counts = (rows: Array<{ day: string; count: string | number }>): DayCount[] =>
  rows.map((row) => ({ day: row.day, count: Number(row.count) }));

export function postgresProgressQueries(scope: Scope): ProgressQueries {
  return {
    async knownWordsByDay(userId) {
      const rows = await scope.read<KnownWordsDay>(
        'learning.knownWordsByDay',
        'SELECT day, gained, lost FROM known_words_daily WHERE user_id = $1 ORDER BY day',
        [userId],
      );
      return rows.map((row) => ({ day: row.day, gained: Number(row.gained), lost: Number(row.lost) }));
    },
    async reviewsByDay(userId, sinceDay) {
      return counts(
        await scope.read(
          'learning.reviewsByDay',
          `SELECT substr(reviewed_at, 1, 10) AS day, COUNT(*) AS count FROM reviews
           WHERE user_id = $1 AND reviewed_at >= $2 GROUP BY 1 ORDER BY 1`,
          [userId, sinceDay],
        ),
      );
    },
    async storyReadsByDay(userId, sinceDay) {
      return counts(
        await scope.read(
          'learning.storyReadsByDay',
          `SELECT substr(read_at, 1, 10) AS day, COUNT(*) AS count FROM story_reads
           WHERE user_id = $1 AND read_at >= $2 GROUP BY 1 ORDER BY 1`,
          [userId, sinceDay],
        ),
      );
    },
  };
}
