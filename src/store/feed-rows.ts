/**
 * The `feeds` row as both adapters read it (their migrations give the columns the same names),
 * and the conversions between it and a `Feed`. Booleans are integers on both stores.
 */
import type { ClassifyMode } from '../ingest/classify/mode.js';
import type { Feed, FeedSettings, FeedState, LanguagePolicy, NewFeed } from '../ingest/polling/model.js';

export interface FeedRow {
  id: number;
  url: string;
  title: string;
  section: string | null;
  language: string;
  interval_minutes: number;
  allow_private: number;
  created_at: string;
  next_poll_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  etag: string | null;
  last_modified: string | null;
  items_seen: number;
  items_stored: number;
  items_skipped: number;
  /** null: `auto` (feeds added before the setting existed). */
  classify: string | null;
  /** 1: paused by an editor (never due). */
  paused: number;
}

export function feedOf(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    section: row.section,
    language: row.language as LanguagePolicy,
    intervalMinutes: row.interval_minutes,
    allowPrivate: row.allow_private !== 0,
    classify: (row.classify ?? 'auto') as ClassifyMode,
    paused: (row.paused ?? 0) !== 0,
    createdAt: row.created_at,
    state: {
      lastPolledAt: row.last_polled_at,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      consecutiveFailures: row.consecutive_failures,
      etag: row.etag,
      lastModified: row.last_modified,
      nextPollAt: row.next_poll_at,
      itemsSeen: row.items_seen,
      itemsStored: row.items_stored,
      itemsSkipped: row.items_skipped,
    },
  };
}

/** The columns `createFeed` fills, with their values. */
export function newFeedParams(feed: NewFeed, now: string): Record<string, unknown> {
  return {
    url: feed.url,
    title: feed.title,
    section: feed.section,
    language: feed.language,
    interval_minutes: feed.intervalMinutes,
    allow_private: feed.allowPrivate ? 1 : 0,
    classify: feed.classify ?? 'auto',
    created_at: now,
    next_poll_at: now,
  };
}

/** The state columns `saveFeedState` writes, with their values. */
export function feedStateParams(state: FeedState): Record<string, unknown> {
  return {
    next_poll_at: state.nextPollAt,
    last_polled_at: state.lastPolledAt,
    last_success_at: state.lastSuccessAt,
    last_error: state.lastError,
    consecutive_failures: state.consecutiveFailures,
    etag: state.etag,
    last_modified: state.lastModified,
    items_seen: state.itemsSeen,
    items_stored: state.itemsStored,
    items_skipped: state.itemsSkipped,
  };
}

/** The message of a second subscription to one URL. */
export function feedExistsMessage(url: string): string {
  return `feeds: ${url} is already subscribed; \`lingwire feeds list\` shows it.`;
}

/** The settings columns `updateFeedSettings` writes, with their values (absent: unchanged, as null). */
export function feedSettingsParams(settings: Partial<FeedSettings>): Record<string, unknown> {
  return {
    section: settings.section === undefined ? null : settings.section,
    set_section: settings.section === undefined ? 0 : 1,
    language: settings.language ?? null,
    interval_minutes: settings.intervalMinutes ?? null,
    paused: settings.paused === undefined ? null : settings.paused ? 1 : 0,
  };
}
