/** Learners' word statuses, 生词本, reviews and finished stories on SQLite. No change tags. */
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
import { sqliteProgressQueries } from './progress.js';
import type { Scope } from './scope.js';

const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The learning repository of `scope`. */
export function sqliteLearningRepo(scope: Scope): LearningRepo {
  const entry = (userId: number, id: number) => {
    const row = scope.prepare('SELECT * FROM wordbook WHERE id = ? AND user_id = ?').get(id, userId) as
      | WordbookRow
      | undefined;
    return row ? wordbookEntryOf(row) : null;
  };
  /** Moves the learner's words version; the new one (0 when there is no such account). */
  const bump = (userId: number) =>
    (
      scope
        .prepare('UPDATE users SET words_version = words_version + 1 WHERE id = ? RETURNING words_version')
        .get(userId) as { words_version: number } | undefined
    )?.words_version ?? 0;
  /** Counts known words gained and lost on `now`'s UTC day. */
  const tally = (userId: number, now: string, gained: number, lost: number) => {
    if (gained === 0 && lost === 0) return;
    scope
      .prepare(
        `INSERT INTO known_words_daily (user_id, day, gained, lost) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, day) DO UPDATE SET gained = gained + excluded.gained, lost = lost + excluded.lost`,
      )
      .run(userId, now.slice(0, 10), gained, lost);
  };
  return {
    async wordsVersion(userId) {
      return scope.read('learning.wordsVersion', () => {
        const row = scope.prepare('SELECT words_version FROM users WHERE id = ?').get(userId) as
          | { words_version: number }
          | undefined;
        return row?.words_version ?? 0;
      });
    },
    saveWordStatus(userId, word, now) {
      return scope.write('learning.saveWordStatus', () => {
        const before = scope
          .prepare('SELECT status FROM word_statuses WHERE user_id = ? AND lemma = ?')
          .get(userId, word.lemma) as { status: string } | undefined;
        const version = bump(userId);
        const row = scope
          .prepare(
            `INSERT INTO word_statuses (user_id, lemma, status, stage, updated_at, changed_in) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (user_id, lemma) DO UPDATE SET status = excluded.status, stage = excluded.stage,
               updated_at = excluded.updated_at, changed_in = excluded.changed_in
             RETURNING lemma, status, stage`,
          )
          .get(userId, word.lemma, word.status, word.stage, now, version) as WordStatusRow;
        const was = before?.status === 'known';
        const is = word.status === 'known';
        tally(userId, now, !was && is ? 1 : 0, was && !is ? 1 : 0);
        return wordStatusOf(row);
      });
    },
    markKnown(userId, lemmas, replace, now) {
      return scope.write('learning.markKnown', () => {
        const version = bump(userId);
        const changed = scope
          .prepare(
            `INSERT INTO word_statuses (user_id, lemma, status, stage, updated_at, changed_in)
             SELECT ?, value, 'known', NULL, ?, ? FROM json_each(?) WHERE true
             ON CONFLICT (user_id, lemma) DO UPDATE SET status = 'known', stage = NULL,
               updated_at = excluded.updated_at, changed_in = excluded.changed_in
             WHERE word_statuses.status IN (SELECT value FROM json_each(?))`,
          )
          .run(
            userId,
            now,
            version,
            JSON.stringify(distinct(lemmas)),
            // known → known is no change (and would count as gained)
            JSON.stringify(replace.filter((s) => s !== 'known')),
          ).changes;
        tally(userId, now, changed, 0);
        return changed;
      });
    },
    async findWordStatuses(userId, { status, limit, offset }) {
      return scope.read('learning.findWordStatuses', () => {
        const rows = (
          status === undefined
            ? scope
                .prepare(
                  'SELECT lemma, status, stage FROM word_statuses WHERE user_id = ? ORDER BY lemma LIMIT ? OFFSET ?',
                )
                .all(userId, limit, offset)
            : scope
                .prepare(
                  `SELECT lemma, status, stage FROM word_statuses WHERE user_id = ? AND status = ?
                   ORDER BY lemma LIMIT ? OFFSET ?`,
                )
                .all(userId, status, limit, offset)
        ) as WordStatusRow[];
        return rows.map(wordStatusOf);
      });
    },
    async countWordStatuses(userId, status) {
      return scope.read('learning.countWordStatuses', () => {
        const row = (
          status === undefined
            ? scope.prepare('SELECT COUNT(*) AS n FROM word_statuses WHERE user_id = ?').get(userId)
            : scope
                .prepare('SELECT COUNT(*) AS n FROM word_statuses WHERE user_id = ? AND status = ?')
                .get(userId, status)
        ) as { n: number };
        return row.n;
      });
    },
    async findStatusesChangedAfter(userId, version) {
      return scope.read('learning.findStatusesChangedAfter', () =>
        (
          scope
            .prepare('SELECT lemma, status, stage FROM word_statuses WHERE user_id = ? AND changed_in > ?')
            .all(userId, version) as WordStatusRow[]
        ).map(wordStatusOf),
      );
    },
    async findLemmasWithStatus(userId, statuses) {
      return scope.read(
        'learning.findLemmasWithStatus',
        () =>
          scope
            .prepare(
              'SELECT lemma FROM word_statuses WHERE user_id = ? AND status IN (SELECT value FROM json_each(?))',
            )
            .pluck()
            .all(userId, JSON.stringify(distinct(statuses))) as string[],
      );
    },
    async findStatusesOf(userId, lemmas) {
      return scope.read('learning.findStatusesOf', () =>
        (
          scope
            .prepare(
              `SELECT lemma, status, stage FROM word_statuses
               WHERE user_id = ? AND lemma IN (SELECT value FROM json_each(?))`,
            )
            .all(userId, JSON.stringify(distinct(lemmas))) as WordStatusRow[]
        ).map(wordStatusOf),
      );
    },
    addWordbookEntry(userId, e, now) {
      return scope.write('learning.addWordbookEntry', () => {
        try {
          const row = scope
            .prepare(
              `INSERT INTO wordbook (user_id, word, lemma, sentence, story_id, meaning, note, card, due, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
            )
            .get(
              userId,
              e.word,
              e.lemma,
              e.sentence,
              e.storyId,
              e.meaning,
              e.note,
              e.card,
              e.due,
              now,
            ) as WordbookRow;
          return wordbookEntryOf(row);
        } catch (error) {
          if (isUniqueViolation(error))
            throw new AppError('ALREADY_IN_WORDBOOK', alreadyInWordbookMessage(e.lemma));
          throw error;
        }
      });
    },
    async findWordbookEntry(userId, id) {
      return scope.read('learning.findWordbookEntry', () => entry(userId, id));
    },
    async listWordbook(userId) {
      return scope.read('learning.listWordbook', () =>
        (
          scope
            .prepare('SELECT * FROM wordbook WHERE user_id = ? ORDER BY created_at DESC, id DESC')
            .all(userId) as WordbookRow[]
        ).map(wordbookEntryOf),
      );
    },
    deleteWordbookEntry(userId, id) {
      return scope.write(
        'learning.deleteWordbookEntry',
        () => scope.prepare('DELETE FROM wordbook WHERE id = ? AND user_id = ?').run(id, userId).changes > 0,
      );
    },
    async findDueEntries(userId, now, limit) {
      return scope.read('learning.findDueEntries', () =>
        (
          scope
            .prepare('SELECT * FROM wordbook WHERE user_id = ? AND due <= ? ORDER BY due, id LIMIT ?')
            .all(userId, now, limit) as WordbookRow[]
        ).map(wordbookEntryOf),
      );
    },
    async countDueEntries(userId, now) {
      return scope.read(
        'learning.countDueEntries',
        () =>
          (
            scope
              .prepare('SELECT COUNT(*) AS n FROM wordbook WHERE user_id = ? AND due <= ?')
              .get(userId, now) as {
              n: number;
            }
          ).n,
      );
    },
    recordReview(userId, entryId, card, review) {
      return scope.write('learning.recordReview', () => {
        const updated = scope
          .prepare('UPDATE wordbook SET card = ?, due = ? WHERE id = ? AND user_id = ?')
          .run(card, review.due, entryId, userId).changes;
        if (updated === 0) return null;
        scope
          .prepare('INSERT INTO reviews (entry_id, user_id, rating, reviewed_at, due) VALUES (?, ?, ?, ?, ?)')
          .run(entryId, userId, review.rating, review.reviewedAt, review.due);
        return entry(userId, entryId);
      });
    },
    reviewEntry(userId, entryId, answer) {
      // better-sqlite3 is synchronous and a write is one IMMEDIATE transaction: nothing (in this
      // process or another) writes between the read and the write.
      return scope.write('learning.reviewEntry', () => {
        const before = entry(userId, entryId);
        if (!before) return null;
        const { card, review } = answer(before);
        scope
          .prepare('UPDATE wordbook SET card = ?, due = ? WHERE id = ? AND user_id = ?')
          .run(card, review.due, entryId, userId);
        scope
          .prepare('INSERT INTO reviews (entry_id, user_id, rating, reviewed_at, due) VALUES (?, ?, ?, ?, ?)')
          .run(entryId, userId, review.rating, review.reviewedAt, review.due);
        return { ...before, card, due: review.due };
      });
    },
    async listReviews(userId) {
      return scope.read('learning.listReviews', () =>
        (
          scope
            .prepare(
              'SELECT entry_id, rating, reviewed_at, due FROM reviews WHERE user_id = ? ORDER BY reviewed_at, id',
            )
            .all(userId) as ReviewRow[]
        ).map(reviewOf),
      );
    },
    async recordStoryRead(userId, storyId, now) {
      await scope.write('learning.recordStoryRead', () =>
        scope
          .prepare(
            `INSERT INTO story_reads (user_id, story_id, read_at) VALUES (?, ?, ?)
             ON CONFLICT (user_id, story_id) DO UPDATE SET read_at = excluded.read_at`,
          )
          .run(userId, storyId, now),
      );
    },
    async listStoryReads(userId) {
      return scope.read('learning.listStoryReads', () =>
        (
          scope
            .prepare('SELECT story_id, read_at FROM story_reads WHERE user_id = ? ORDER BY read_at, story_id')
            .all(userId) as Array<{ story_id: number; read_at: string }>
        ).map((row) => ({ storyId: row.story_id, readAt: row.read_at })),
      );
    },
    ...sqliteProgressQueries(scope),
  };
}
