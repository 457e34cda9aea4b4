/** Feed subscriptions on SQLite (row conversions in `../feed-rows.ts`). No write records a change tag. */
import { AppError } from '../../core/errors.js';
import {
  type FeedRow,
  feedExistsMessage,
  feedOf,
  feedSettingsParams,
  feedStateParams,
  newFeedParams,
} from '../feed-rows.js';
import type { FeedRepo } from '../types.js';
import type { Scope } from './scope.js';

const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The feed repository of `scope`. */
export function sqliteFeedRepo(scope: Scope): FeedRepo {
  const findOne = (method: string, sql: string, value: unknown) =>
    scope.read(method, () => {
      const row = scope.prepare(sql).get(value) as FeedRow | undefined;
      return row ? feedOf(row) : null;
    });
  return {
    async findFeedById(id) {
      return findOne('feeds.findFeedById', 'SELECT * FROM feeds WHERE id = ?', id);
    },
    async findFeedByUrl(url) {
      return findOne('feeds.findFeedByUrl', 'SELECT * FROM feeds WHERE url = ?', url);
    },
    async listFeeds() {
      return scope.read('feeds.listFeeds', () =>
        (scope.prepare('SELECT * FROM feeds ORDER BY id').all() as FeedRow[]).map(feedOf),
      );
    },
    async findDueFeeds(now) {
      return scope.read('feeds.findDueFeeds', () =>
        (
          scope
            .prepare('SELECT * FROM feeds WHERE paused = 0 AND next_poll_at <= ? ORDER BY next_poll_at, id')
            .all(now) as FeedRow[]
        ).map(feedOf),
      );
    },
    createFeed(feed, now) {
      return scope.write('feeds.createFeed', () => {
        try {
          const row = scope
            .prepare(
              `INSERT INTO feeds (url, title, section, language, interval_minutes, allow_private, classify, created_at, next_poll_at)
               VALUES (@url, @title, @section, @language, @interval_minutes, @allow_private, @classify, @created_at, @next_poll_at)
               RETURNING *`,
            )
            .get(newFeedParams(feed, now)) as FeedRow;
          return feedOf(row);
        } catch (error) {
          if (isUniqueViolation(error)) throw new AppError('FEED_EXISTS', feedExistsMessage(feed.url));
          throw error;
        }
      });
    },
    saveFeedState(id, state, title) {
      return scope.write('feeds.saveFeedState', () => {
        const result = scope
          .prepare(
            `UPDATE feeds SET next_poll_at = @next_poll_at, last_polled_at = @last_polled_at,
               last_success_at = @last_success_at, last_error = @last_error,
               consecutive_failures = @consecutive_failures, etag = @etag, last_modified = @last_modified,
               items_seen = @items_seen, items_stored = @items_stored, items_skipped = @items_skipped,
               title = COALESCE(@title, title)
             WHERE id = @id`,
          )
          .run({ ...feedStateParams(state), title: title ?? null, id });
        return result.changes > 0;
      });
    },
    deleteFeed(id) {
      return scope.write(
        'feeds.deleteFeed',
        () => scope.prepare('DELETE FROM feeds WHERE id = ?').run(id).changes > 0,
      );
    },
    updateFeedSettings(id, settings) {
      return scope.write('feeds.updateFeedSettings', () => {
        const row = scope
          .prepare(
            `UPDATE feeds SET section = CASE WHEN @set_section = 1 THEN @section ELSE section END,
               language = COALESCE(@language, language), interval_minutes = COALESCE(@interval_minutes, interval_minutes),
               paused = COALESCE(@paused, paused)
             WHERE id = @id RETURNING *`,
          )
          .get({ ...feedSettingsParams(settings), id }) as FeedRow | undefined;
        return row ? feedOf(row) : null;
      });
    },
  };
}
