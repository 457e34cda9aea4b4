/**
 * When a feed is polled next. A feed that worked is due again after its interval, jittered by
 * ±10% so feeds added together do not stay in step; a failing one backs off exponentially
 * (interval × 2^failures, at most a day), also jittered, so a dead server is not hammered and a
 * flaky one recovers by itself.
 */
import { AppError } from '../../core/errors.js';

/** Shortest interval between polls, in minutes. */
export const MIN_INTERVAL_MINUTES = 5;
/** Interval when `--every` is not given, in minutes. */
export const DEFAULT_INTERVAL_MINUTES = 30;
/** Longest wait after failures, in minutes (a day). */
export const MAX_BACKOFF_MINUTES = 24 * 60;
/** Share of the wait added or taken away at random. */
const JITTER = 0.1;

/** `30m`, `2h`, `90m` → minutes; `USAGE` for anything else or under five minutes. */
export function parseEvery(text: string): number {
  const match = /^(\d+)\s*(m|min|h)$/i.exec(text.trim());
  if (!match) {
    throw new AppError('USAGE', `feeds: --every takes minutes or hours such as 30m or 2h, not "${text}".`);
  }
  const minutes = Number(match[1]) * (match[2]!.toLowerCase() === 'h' ? 60 : 1);
  if (minutes < MIN_INTERVAL_MINUTES) {
    throw new AppError('USAGE', `feeds: --every must be at least ${MIN_INTERVAL_MINUTES}m, not "${text}".`);
  }
  return minutes;
}

/** `90` → `1h30m`, `30` → `30m`: an interval as `--every` takes it. */
export function formatEvery(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours === 0 ? `${rest}m` : rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

/**
 * When a feed is next due after an attempt at `now`: its interval after a success
 * (`failures` 0), else the back-off for that many failures in a row. `random` is 0–1.
 */
export function nextPollAt(
  now: Date,
  intervalMinutes: number,
  failures: number,
  random: () => number,
): string {
  const minutes =
    failures === 0 ? intervalMinutes : Math.min(intervalMinutes * 2 ** failures, MAX_BACKOFF_MINUTES);
  const jittered = minutes * (1 + JITTER * (2 * random() - 1));
  return new Date(now.getTime() + Math.round(jittered * 60_000)).toISOString();
}
