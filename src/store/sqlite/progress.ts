/** A learner's progress as per-day aggregates on SQLite (the progress page's charts). */
import type { DayCount, KnownWordsDay, LearningRepo } from '../learner-types.js';
import type { Scope } from './scope.js';

type ProgressQueries = Pick<LearningRepo, 'knownWordsByDay' | 'reviewsByDay' | 'storyReadsByDay'>;

export function sqliteProgressQueries(scope: Scope): ProgressQueries {
  return {
    async knownWordsByDay(userId) {
      return scope.read(
        'learning.knownWordsByDay',
        () =>
          scope
            .prepare('SELECT day, gained, lost FROM known_words_daily WHERE user_id = ? ORDER BY day')
            .all(userId) as KnownWordsDay[],
      );
    },
    async reviewsByDay(userId, sinceDay) {
      return scope.read(
        'learning.reviewsByDay',
        () =>
          scope
            .prepare(
              `SELECT substr(reviewed_at, 1, 10) AS day, COUNT(*) AS count FROM reviews
               WHERE user_id = ? AND reviewed_at >= ? GROUP BY day ORDER BY day`,
            )
            .all(userId, sinceDay) as DayCount[],
      );
    },
    async storyReadsByDay(userId, sinceDay) {
      return scope.read(
        'learning.storyReadsByDay',
        () =>
          scope
            .prepare(
              `SELECT substr(read_at, 1, 10) AS day, COUNT(*) AS count FROM story_reads
               WHERE user_id = ? AND read_at >= ? GROUP BY day ORDER BY day`,
            )
            .all(userId, sinceDay) as DayCount[],
      );
    },
  };
}
