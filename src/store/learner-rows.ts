/** The learner tables' rows as both adapters read them, and their conversions to the model. */
import type {
  ReviewRating,
  ReviewRecord,
  Role,
  Session,
  UserRecord,
  WordbookEntry,
  WordStatus,
  WordStatusName,
} from '../learner/model.js';

export interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  role: string;
  created_at: string;
}

export function userOf(row: UserRow): UserRecord {
  return {
    id: Number(row.id),
    email: row.email,
    role: row.role as Role,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

/** The account without its password hash. */
export function publicUser({ passwordHash: _, ...user }: UserRecord) {
  return user;
}

export interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export function sessionOf(row: SessionRow): Session {
  return {
    idHash: row.id_hash,
    userId: Number(row.user_id),
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export interface WordStatusRow {
  lemma: string;
  status: string;
  stage: number | null;
}

export function wordStatusOf(row: WordStatusRow): WordStatus {
  return { lemma: row.lemma, status: row.status as WordStatusName, stage: row.stage };
}

export interface WordbookRow {
  id: number;
  user_id: number;
  word: string;
  lemma: string;
  sentence: string;
  story_id: number | null;
  meaning: string;
  note: string;
  card: string;
  due: string;
  created_at: string;
}

export function wordbookEntryOf(row: WordbookRow): WordbookEntry {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    word: row.word,
    lemma: row.lemma,
    sentence: row.sentence,
    storyId: row.story_id === null ? null : Number(row.story_id),
    meaning: row.meaning,
    note: row.note,
    card: row.card,
    due: row.due,
    createdAt: row.created_at,
  };
}

export interface ReviewRow {
  entry_id: number;
  rating: string;
  reviewed_at: string;
  due: string;
}

export function reviewOf(row: ReviewRow): ReviewRecord {
  return {
    entryId: Number(row.entry_id),
    rating: row.rating as ReviewRating,
    reviewedAt: row.reviewed_at,
    due: row.due,
  };
}

/** The message of `USER_EXISTS`. */
export function userExistsMessage(email: string): string {
  return `An account with the email ${email} exists already.`;
}

/** The message of `ALREADY_IN_WORDBOOK`. */
export function alreadyInWordbookMessage(lemma: string): string {
  return `"${lemma}" is in your 生词本 already.`;
}

/** `lemmas` without repeats, in first-seen order. */
export function distinct(lemmas: readonly string[]): string[] {
  return [...new Set(lemmas)];
}
