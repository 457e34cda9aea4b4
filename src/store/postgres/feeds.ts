/** Feed subscriptions on PostgreSQL (row conversions in `../feed-rows.ts`). No write records a change tag. */
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

const NEW_COLUMNS = Object.keys(newFeedParams({} as never, ''));
const STATE_COLUMNS = Object.keys(feedStateParams({} as never));

/** $1…$n: the new feed's columns. */
const INSERT = `
  INSERT INTO feeds (${NEW_COLUMNS.join(', ')})
  VALUES (${NEW_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (url) DO NOTHING
  RETURNING *`;

/** $1…$n: the state columns; $n+1: the title or null; $n+2: the id. */
const SAVE_STATE = `
  UPDATE feeds SET ${STATE_COLUMNS.map((column, i) => `${column} = $${i + 1}`).join(', ')},
    title = COALESCE($${STATE_COLUMNS.length + 1}, title)
  WHERE id = $${STATE_COLUMNS.length + 2}
  RETURNING id`;

/** The feed repository of `scope`. */
export function postgresFeedRepo(scope: Scope): FeedRepo {
  const findOne = async (method: string, where: string, value: unknown) => {
    const [row] = await scope.read<FeedRow>(method, `SELECT * FROM feeds WHERE ${where}`, [value]);
    return row ? feedOf(row) : null;
  };
  return {
    findFeedById(id) {
      return findOne('feeds.findFeedById', 'id = $1', id);
    },
    findFeedByUrl(url) {
      return findOne('feeds.findFeedByUrl', 'url = $1', url);
    },
    async listFeeds() {
      return (await scope.read<FeedRow>('feeds.listFeeds', 'SELECT * FROM feeds ORDER BY id')).map(feedOf);
    },
    async findDueFeeds(now) {
      const rows = await scope.read<FeedRow>(
        'feeds.findDueFeeds',
        'SELECT * FROM feeds WHERE paused = 0 AND next_poll_at <= $1 ORDER BY next_poll_at, id',
        [now],
      );
      return rows.map(feedOf);
    },
    createFeed(feed, now) {
      return scope.write('feeds.createFeed', async (query) => {
        const params = newFeedParams(feed, now);
        const [row] = await query<FeedRow>(
          INSERT,
          NEW_COLUMNS.map((column) => params[column]),
        );
        if (!row) throw new AppError('FEED_EXISTS', feedExistsMessage(feed.url));
        return feedOf(row);
      });
    },
    saveFeedState(id, state, title) {
      return scope.write('feeds.saveFeedState', async (query) => {
        const params = feedStateParams(state);
        const rows = await query(SAVE_STATE, [
          ...STATE_COLUMNS.map((column) => params[column]),
          title ?? null,
          id,
        ]);
        return rows.length > 0;
      });
    },
    deleteFeed(id) {
      return scope.write(
        'feeds.deleteFeed',
        async (query) => (await query('DELETE FROM feeds WHERE id = $1 RETURNING id', [id])).length > 0,
      );
    },
    updateFeedSettings(id, settings) {
      return scope.write('feeds.updateFeedSettings', async (query) => {
        const p = feedSettingsParams(settings);
        const [row] = await query<FeedRow>(
          `UPDATE feeds SET section = CASE WHEN $2 = 1 THEN $1 ELSE section END,
             language = COALESCE($3, language), interval_minutes = COALESCE($4, interval_minutes),
             paused = COALESCE($5, paused)
           WHERE id = $6 RETURNING *`,
          [p.section, p.set_section, p.language, p.interval_minutes, p.paused, id],
        );
        return row ? feedOf(row) : null;
      });
    },
  };
}
