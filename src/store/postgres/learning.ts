/** Learners' word statuses, 生词本, reviews and finished stories on PostgreSQL. No change tags. */
import { AppError } from '../../core/errors.js';
import {
  alreadyInWordbookMessage,
  distinct,
  type ReviewRow,
  reviewOf,
  type WordbookRow,
  type WordStatusRow,
  wordbookEntryOf,
  wordStatusOf,
} from '../learner-rows.js';
import type { LearningRepo } from '../types.js';
import { postgresProgressQueries } from './progress.js';
import type { Query, Scope } from './scope.js';

const ENTRY = 'SELECT * FROM wordbook WHERE id = $1 AND user_id = $2';
const BUMP = 'UPDATE users SET words_version = words_version + 1 WHERE id = $1 RETURNING words_version';
/** Counts known words gained ($3) and lost ($4) on a UTC day ($2). */
const TALLY = `INSERT INTO known_words_daily (user_id, day, gained, lost) VALUES ($1, $2, $3, $4)
  ON CONFLICT (user_id, day) DO UPDATE SET gained = known_words_daily.gained + excluded.gained,
    lost = known_words_daily.lost + excluded.lost`;

/** The learning repository of `scope`. */
export function postgresLearningRepo(scope: Scope): LearningRepo {
  const statuses = async (method: string, sql: string, params: unknown[]) =>
    (await scope.read<WordStatusRow>(method, sql, params)).map(wordStatusOf);
  const entries = async (method: string, sql: string, params: unknown[]) =>
    (await scope.read<WordbookRow>(method, sql, params)).map(wordbookEntryOf);
  const countOf = async (method: string, sql: string, params: unknown[]) => {
    const [row] = await scope.read<{ n: string }>(method, sql, params);
    return Number(row?.n ?? 0);
  };
  return {
    async wordsVersion(userId) {
      const [row] = await scope.read<{ words_version: number }>(
        'learning.wordsVersion',
        'SELECT words_version FROM users WHERE id = $1',
        [userId],
      );
      return Number(row?.words_version ?? 0);
    },
    saveWordStatus(userId, word, now) {
      return scope.write('learning.saveWordStatus', async (query) => {
        const [before] = await query<{ status: string }>(
          'SELECT status FROM word_statuses WHERE user_id = $1 AND lemma = $2 FOR UPDATE',
          [userId, word.lemma],
        );
        const [bumped] = await query<{ words_version: number }>(BUMP, [userId]);
        const [row] = await query<WordStatusRow>(
          `INSERT INTO word_statuses (user_id, lemma, status, stage, updated_at, changed_in) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (user_id, lemma) DO UPDATE SET status = excluded.status, stage = excluded.stage,
             updated_at = excluded.updated_at, changed_in = excluded.changed_in
           RETURNING lemma, status, stage`,
          [userId, word.lemma, word.status, word.stage, now, Number(bumped?.words_version ?? 0)],
        );
        const was = before?.status === 'known';
        const is = word.status === 'known';
        if (was !== is) await query(TALLY, [userId, now.slice(0, 10), is ? 1 : 0, was ? 1 : 0]);
        return wordStatusOf(row!);
      });
    },
    markKnown(userId, lemmas, replace, now) {
      return scope.write('learning.markKnown', async (query) => {
        const [bumped] = await query<{ words_version: number }>(BUMP, [userId]);
        const rows = await query(
          `INSERT INTO word_statuses (user_id, lemma, status, stage, updated_at, changed_in)
           SELECT $1, lemma, 'known', NULL, $2, $5 FROM unnest($3::text[]) AS lemma
           ON CONFLICT (user_id, lemma) DO UPDATE SET status = 'known', stage = NULL,
             updated_at = excluded.updated_at, changed_in = excluded.changed_in
           WHERE word_statuses.status = ANY($4::text[])
           RETURNING 1`,
          // known → known is no change (and would count as gained)
          [
            userId,
            now,
            distinct(lemmas),
            replace.filter((s) => s !== 'known'),
            Number(bumped?.words_version ?? 0),
          ],
        );
        if (rows.length > 0) await query(TALLY, [userId, now.slice(0, 10), rows.length, 0]);
        return rows.length;
      });
    },
    findWordStatuses(userId, { status, limit, offset }) {
      return status === undefined
        ? statuses(
            'learning.findWordStatuses',
            'SELECT lemma, status, stage FROM word_statuses WHERE user_id = $1 ORDER BY lemma LIMIT $2 OFFSET $3',
            [userId, limit, offset],
          )
        : statuses(
            'learning.findWordStatuses',
            `SELECT lemma, status, stage FROM word_statuses WHERE user_id = $1 AND status = $2
             ORDER BY lemma LIMIT $3 OFFSET $4`,
            [userId, status, limit, offset],
          );
    },
    countWordStatuses(userId, status) {
      return status === undefined
        ? countOf(
            'learning.countWordStatuses',
            'SELECT COUNT(*) AS n FROM word_statuses WHERE user_id = $1',
            [userId],
          )
        : countOf(
            'learning.countWordStatuses',
            'SELECT COUNT(*) AS n FROM word_statuses WHERE user_id = $1 AND status = $2',
            [userId, status],
          );
    },
    findStatusesChangedAfter(userId, version) {
      return statuses(
        'learning.findStatusesChangedAfter',
        'SELECT lemma, status, stage FROM word_statuses WHERE user_id = $1 AND changed_in > $2',
        [userId, version],
      );
    },
    async findLemmasWithStatus(userId, statuses) {
      const rows = await scope.read<{ lemma: string }>(
        'learning.findLemmasWithStatus',
        'SELECT lemma FROM word_statuses WHERE user_id = $1 AND status = ANY($2::text[])',
        [userId, distinct(statuses)],
      );
      return rows.map((r) => r.lemma);
    },
    findStatusesOf(userId, lemmas) {
      return statuses(
        'learning.findStatusesOf',
        'SELECT lemma, status, stage FROM word_statuses WHERE user_id = $1 AND lemma = ANY($2::text[])',
        [userId, distinct(lemmas)],
      );
    },
    addWordbookEntry(userId, e, now) {
      return scope.write('learning.addWordbookEntry', async (query) => {
        const [row] = await query<WordbookRow>(
          `INSERT INTO wordbook (user_id, word, lemma, sentence, story_id, meaning, note, card, due, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (user_id, lemma) DO NOTHING RETURNING *`,
          [userId, e.word, e.lemma, e.sentence, e.storyId, e.meaning, e.note, e.card, e.due, now],
        );
        if (!row) throw new AppError('ALREADY_IN_WORDBOOK', alreadyInWordbookMessage(e.lemma));
        return wordbookEntryOf(row);
      });
    },
    async findWordbookEntry(userId, id) {
      const [entry] = await entries('learning.findWordbookEntry', ENTRY, [id, userId]);
      return entry ?? null;
    },
    listWordbook(userId) {
      return entries(
        'learning.listWordbook',
        'SELECT * FROM wordbook WHERE user_id = $1 ORDER BY created_at DESC, id DESC',
        [userId],
      );
    },
    deleteWordbookEntry(userId, id) {
      return scope.write(
        'learning.deleteWordbookEntry',
        async (query) =>
          (await query('DELETE FROM wordbook WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId]))
            .length > 0,
      );
    },
    findDueEntries(userId, now, limit) {
      return entries(
        'learning.findDueEntries',
        'SELECT * FROM wordbook WHERE user_id = $1 AND due <= $2 ORDER BY due, id LIMIT $3',
        [userId, now, limit],
      );
    },
    countDueEntries(userId, now) {
      return countOf(
        'learning.countDueEntries',
        'SELECT COUNT(*) AS n FROM wordbook WHERE user_id = $1 AND due <= $2',
        [userId, now],
      );
    },
    recordReview(userId, entryId, card, review) {
      return scope.write('learning.recordReview', async (query: Query) => {
        const [row] = await query<WordbookRow>(
          'UPDATE wordbook SET card = $1, due = $2 WHERE id = $3 AND user_id = $4 RETURNING *',
          [card, review.due, entryId, userId],
        );
        if (!row) return null;
        await query(
          'INSERT INTO reviews (entry_id, user_id, rating, reviewed_at, due) VALUES ($1, $2, $3, $4, $5)',
          [entryId, userId, review.rating, review.reviewedAt, review.due],
        );
        return wordbookEntryOf(row);
      });
    },
    reviewEntry(userId, entryId, answer) {
      // The row stays locked (FOR UPDATE) from the read to the commit: a concurrent review of the
      // entry waits and then reads this one's card.
      return scope.write('learning.reviewEntry', async (query: Query) => {
        const [row] = await query<WordbookRow>(`${ENTRY} FOR UPDATE`, [entryId, userId]);
        if (!row) return null;
        const before = wordbookEntryOf(row);
        const { card, review } = answer(before);
        await query('UPDATE wordbook SET card = $1, due = $2 WHERE id = $3', [card, review.due, entryId]);
        await query(
          'INSERT INTO reviews (entry_id, user_id, rating, reviewed_at, due) VALUES ($1, $2, $3, $4, $5)',
          [entryId, userId, review.rating, review.reviewedAt, review.due],
        );
        return { ...before, card, due: review.due };
      });
    },
    async listReviews(userId) {
      const rows = await scope.read<ReviewRow>(
        'learning.listReviews',
        'SELECT entry_id, rating, reviewed_at, due FROM reviews WHERE user_id = $1 ORDER BY reviewed_at, id',
        [userId],
      );
      return rows.map(reviewOf);
    },
    async recordStoryRead(userId, storyId, now) {
      await scope.write('learning.recordStoryRead', (query) =>
        query(
          `INSERT INTO story_reads (user_id, story_id, read_at) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, story_id) DO UPDATE SET read_at = excluded.read_at`,
          [userId, storyId, now],
        ),
      );
    },
    async listStoryReads(userId) {
      const rows = await scope.read<{ story_id: number; read_at: string }>(
        'learning.listStoryReads',
        'SELECT story_id, read_at FROM story_reads WHERE user_id = $1 ORDER BY read_at, story_id',
        [userId],
      );
      return rows.map((row) => ({ storyId: Number(row.story_id), readAt: row.read_at }));
    },
    ...postgresProgressQueries(scope),
  };
}
