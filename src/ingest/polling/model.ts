/**
 * Feed subscriptions as stored: what an operator asked for (`lingwire feeds add`) and what
 * polling has learned since. Plain types that import nothing, so the store can depend on them.
 */

/** Which stories of a feed are stored: `en` (default) only English ones; `any` every one, marked with its language. */
export type LanguagePolicy = 'en' | 'any';

/** What polling records about a feed after each attempt. Writing it records no change tag: no public page shows it. */
export interface FeedState {
  /** ISO 8601 date-time of the last attempt, or null before the first. */
  lastPolledAt: string | null;
  /** ISO 8601 date-time of the last attempt that worked (a 304 counts), or null. */
  lastSuccessAt: string | null;
  /** What went wrong at the last attempt (a sentence naming the URL), or null when it worked. */
  lastError: string | null;
  /** Attempts that failed in a row: 0 after a success. Drives the back-off. */
  consecutiveFailures: number;
  /** Validators of the last fetch, sent back for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** ISO 8601 date-time when the feed is next due. */
  nextPollAt: string;
  /** Items read, stored (added or updated) and skipped (another language, no text), in total over every poll that fetched the feed. */
  itemsSeen: number;
  itemsStored: number;
  itemsSkipped: number;
}

import type { ClassifyMode } from '../classify/mode.js';

/** A subscription as `feeds add` creates it. */
export interface NewFeed {
  /** The feed's http(s) URL; unique. */
  url: string;
  /** The feed's own title; '' until the first poll reads it. */
  title: string;
  /** Section (slug or Chinese name) its stories go to; null for the default section. */
  section: string | null;
  language: LanguagePolicy;
  /** Minutes between polls; ≥ 5. Default 30. */
  intervalMinutes: number;
  /** Fetch it from a loopback, private or link-local address (development, tests). */
  allowPrivate: boolean;
  /** Whether its stories without a section are classified (`ingest/classify/filer.ts`). Default `auto`. */
  classify?: ClassifyMode;
}

/** What an editor may change of a subscription (`FeedRepo.updateFeedSettings`). */
export interface FeedSettings {
  section: string | null;
  language: LanguagePolicy;
  intervalMinutes: number;
  /** A paused feed is never due: polling skips it until it is resumed. */
  paused: boolean;
}

/** A stored subscription with its state. */
export interface Feed extends NewFeed {
  id: number;
  classify: ClassifyMode;
  /** Paused by an editor: never due (see `FeedSettings`). */
  paused: boolean;
  /** ISO 8601 date-time when it was added. */
  createdAt: string;
  state: FeedState;
}

/** The state of a feed nobody has polled yet: due at once. */
export function initialFeedState(now: string): FeedState {
  return {
    lastPolledAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    etag: null,
    lastModified: null,
    nextPollAt: now,
    itemsSeen: 0,
    itemsStored: 0,
    itemsSkipped: 0,
  };
}
