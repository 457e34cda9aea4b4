/**
 * The learner's model: accounts, word statuses, the word book (生词本) and its reviews. Imports
 * nothing, so the store, the learner services and the web layer can all share these shapes.
 */

/** What an account may do: read and keep words (reader), edit stories (editor, issue #15), run the site (admin). */
export type Role = 'reader' | 'editor' | 'admin';

/** Roles from least to most allowed: a role may do what every role before it may. */
export const ROLES: readonly Role[] = ['reader', 'editor', 'admin'];

/** An account, without its password hash. */
export interface User {
  id: number;
  /** Lower-cased, trimmed. */
  email: string;
  role: Role;
  createdAt: string;
}

/** An account as stored, with its password hash (`scrypt$…`, see `learner/passwords.ts`). */
export interface UserRecord extends User {
  passwordHash: string;
}

/** A server-side session; the browser holds only the secret whose SHA-256 is `idHash`. */
export interface Session {
  idHash: string;
  userId: number;
  /** Sent back as `X-CSRF-Token` or the `_csrf` form field on every state change. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * How well a learner knows a word (by lemma): `unknown` (seen, not known), `learning` (stage 1–4,
 * 1 = just met), `known`, or `ignored` (not worth learning: counts as known for difficulty).
 * A lemma with no status is unknown.
 */
export type WordStatusName = 'unknown' | 'learning' | 'known' | 'ignored';

export const WORD_STATUSES: readonly WordStatusName[] = ['unknown', 'learning', 'known', 'ignored'];

/** One lemma's status; `stage` is 1–4 for `learning` and null otherwise. */
export interface WordStatus {
  lemma: string;
  status: WordStatusName;
  stage: number | null;
}

/** A word kept in the 生词本, with its review schedule. */
export interface WordbookEntry {
  id: number;
  userId: number;
  /** As written where it was met (`discussed`). */
  word: string;
  lemma: string;
  /** The sentence it was met in. */
  sentence: string;
  /** The story it was met in; null when that story was deleted. */
  storyId: number | null;
  /** The Chinese meaning kept (the one fitting the sentence by default). */
  meaning: string;
  note: string;
  /** The FSRS card state as JSON (`learner/reviews.ts`), kept exactly so a restart changes nothing. */
  card: string;
  /** When it is next due (ISO 8601, UTC). */
  due: string;
  createdAt: string;
}

/** What a new 生词本 entry holds; its card and due come from the scheduler. */
export type NewWordbookEntry = Omit<WordbookEntry, 'id' | 'userId' | 'createdAt'>;

/** A review's answer, FSRS's four grades. */
export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';

export const REVIEW_RATINGS: readonly ReviewRating[] = ['again', 'hard', 'good', 'easy'];

/** One review as logged (for the export and the progress page). */
export interface ReviewRecord {
  entryId: number;
  rating: ReviewRating;
  reviewedAt: string;
  /** The due date the review set. */
  due: string;
}

/** A story the learner finished (读完了). */
export interface StoryRead {
  storyId: number;
  readAt: string;
}
