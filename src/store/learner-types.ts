/**
 * What the learner features ask of storage (accounts, sessions, API tokens, word statuses, the
 * 生词本 and its reviews). Part of `types.ts`, kept apart so that file stays readable. No write
 * here records a change tag: no cached page shows a learner's data (it arrives as JSON). Every
 * method that reads or changes a learner's data takes the learner's id, so another learner's rows
 * are never reached by id alone.
 */
import type {
  NewWordbookEntry,
  ReviewRecord,
  Role,
  Session,
  StoryRead,
  User,
  UserRecord,
  WordbookEntry,
  WordStatus,
  WordStatusName,
} from '../learner/model.js';

/** Accounts, their server-side sessions and their personal API tokens (stored as SHA-256 hashes). */
export interface AccountRepo {
  /** Adds an account; `USER_EXISTS` when the email is taken. */
  createUser(user: Omit<UserRecord, 'id' | 'createdAt'>, now: string): Promise<User>;
  findUserById(id: number): Promise<UserRecord | null>;
  /** By the lower-cased email. */
  findUserByEmail(email: string): Promise<UserRecord | null>;
  /** Every account, in id order. */
  listUsers(): Promise<User[]>;
  /** Changes an account's role; false when there is no such account. */
  setRole(userId: number, role: Role): Promise<boolean>;
  /** Replaces the password hash; false when there is no such account. */
  setPassword(userId: number, passwordHash: string): Promise<boolean>;
  /** Deletes the account with its sessions, tokens, words, 生词本, reviews and reads; false when none. */
  deleteUser(userId: number): Promise<boolean>;
  createSession(session: Session): Promise<void>;
  /** The session whose secret hashes to `idHash`, unless it expired at or before `now`. */
  findSession(idHash: string, now: string): Promise<Session | null>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Deletes every session of an account; how many there were. */
  deleteSessionsOf(userId: number): Promise<number>;
  /** Deletes sessions that expired at or before `now`; how many. */
  deleteExpiredSessions(now: string): Promise<number>;
  createApiToken(userId: number, tokenHash: string, now: string): Promise<void>;
  /** The account a token (by its hash) belongs to; null when none. */
  findUserIdByToken(tokenHash: string): Promise<number | null>;
  /** Deletes every token of an account; how many there were. */
  deleteApiTokensOf(userId: number): Promise<number>;
  /** Sets the account's one 为我推荐 feed token (by its hash), replacing any it had. */
  setFeedToken(userId: number, tokenHash: string, now: string): Promise<void>;
  /** The account a feed token (by its hash) belongs to; null when none. */
  findUserIdByFeedToken(tokenHash: string): Promise<number | null>;
  /** When the account's feed token was made; null when it has none. */
  feedTokenCreatedAt(userId: number): Promise<string | null>;
  /** Deletes the account's feed token; how many there were (0 or 1). */
  deleteFeedTokenOf(userId: number): Promise<number>;
}

/** Known words gained and lost on one UTC day (`YYYY-MM-DD`). */
export interface KnownWordsDay {
  day: string;
  gained: number;
  lost: number;
}

/** A count on one UTC day (`YYYY-MM-DD`). */
export interface DayCount {
  day: string;
  count: number;
}

/** Which word statuses to list: one status or all, a page of them in lemma order. */
export interface WordStatusQuery {
  status?: WordStatusName;
  /** 1–10,000. */
  limit: number;
  /** ≥ 0. */
  offset: number;
}

/** A learner's words, 生词本, reviews and finished stories. */
export interface LearningRepo {
  /** Sets (or replaces) one lemma's status. */
  saveWordStatus(userId: number, word: WordStatus, now: string): Promise<WordStatus>;
  /**
   * Marks `lemmas` known where they have no status, or a status in `replace`; how many changed.
   * Lemmas are de-duplicated.
   */
  markKnown(
    userId: number,
    lemmas: readonly string[],
    replace: readonly WordStatusName[],
    now: string,
  ): Promise<number>;
  /**
   * A number that changes whenever the learner's word statuses change (in any process), so a
   * cache of them (`learner/for-me.ts`) knows when to reload; 0 for an account with none.
   */
  wordsVersion(userId: number): Promise<number>;
  /** A page of statuses in lemma order. */
  findWordStatuses(userId: number, query: WordStatusQuery): Promise<WordStatus[]>;
  countWordStatuses(userId: number, status?: WordStatusName): Promise<number>;
  /**
   * The statuses changed in a words version after `version` (see `wordsVersion`), order not
   * specified: what a cache of the learner's statuses read at `version` has to apply.
   */
  findStatusesChangedAfter(userId: number, version: number): Promise<WordStatus[]>;
  /**
   * Every lemma the learner has one of `statuses` for, order not specified: 为我推荐 reads a
   * learner's known words with it (30,000 and more), so it returns bare strings in one query.
   */
  findLemmasWithStatus(userId: number, statuses: readonly WordStatusName[]): Promise<string[]>;
  /** The statuses of those of `lemmas` that have one (order not specified). */
  findStatusesOf(userId: number, lemmas: readonly string[]): Promise<WordStatus[]>;
  /** Adds a 生词本 entry; `ALREADY_IN_WORDBOOK` when the learner keeps that lemma already. */
  addWordbookEntry(userId: number, entry: NewWordbookEntry, now: string): Promise<WordbookEntry>;
  /** The learner's entry `id`; null when there is none or it is another learner's. */
  findWordbookEntry(userId: number, id: number): Promise<WordbookEntry | null>;
  /** Every entry, newest first. */
  listWordbook(userId: number): Promise<WordbookEntry[]>;
  deleteWordbookEntry(userId: number, id: number): Promise<boolean>;
  /** Entries due at or before `now`, the longest overdue first, at most `limit`. */
  findDueEntries(userId: number, now: string, limit: number): Promise<WordbookEntry[]>;
  countDueEntries(userId: number, now: string): Promise<number>;
  /**
   * Stores a review: the entry's new card and due, and the review in the log, together. Null when
   * the entry is not the learner's.
   */
  recordReview(
    userId: number,
    entryId: number,
    card: string,
    review: ReviewRecord,
  ): Promise<WordbookEntry | null>;
  /**
   * Answers a review atomically: reads the learner's entry, lets `answer` work out its next card
   * and the review from the entry as stored, and writes both, with no other write in between (two
   * tabs or a double-click reviewing one entry each count, one after the other). `answer` is
   * synchronous and may run again; it must not write. Null when the entry is not the learner's.
   */
  reviewEntry(
    userId: number,
    entryId: number,
    answer: (entry: WordbookEntry) => { card: string; review: ReviewRecord },
  ): Promise<WordbookEntry | null>;
  /** Every review, oldest first. */
  listReviews(userId: number): Promise<ReviewRecord[]>;
  /** Records that the learner finished a story (again: the newer time). */
  recordStoryRead(userId: number, storyId: number, now: string): Promise<void>;
  /** Stories finished, oldest first. */
  listStoryReads(userId: number): Promise<StoryRead[]>;
  /**
   * Known words gained and lost per UTC day, oldest first (days without a change left out). Every
   * change of a status to or from `known` counts, by `saveWordStatus` or `markKnown`.
   */
  knownWordsByDay(userId: number): Promise<KnownWordsDay[]>;
  /** Reviews per UTC day from `sinceDay` on, oldest first (days without one left out). */
  reviewsByDay(userId: number, sinceDay: string): Promise<DayCount[]>;
  /** Stories finished per UTC day (by the latest time each was finished) from `sinceDay` on, oldest first. */
  storyReadsByDay(userId: number, sinceDay: string): Promise<DayCount[]>;
}
