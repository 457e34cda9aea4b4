/**
 * A learner's progress for the progress page's charts: words known over time (from the known
 * words gained and lost per day), reviews per day and stories finished per week, all by UTC day.
 * The store gives per-day aggregates; this fills the days and weeks without any with zeros.
 */
import type { DayCount, KnownWordsDay } from '../store/learner-types.js';
import type { Store } from '../store/types.js';

/** Days of reviews shown. */
export const REVIEW_DAYS = 30;
/** Weeks of finished stories shown. */
export const READ_WEEKS = 12;

export interface Progress {
  /** The day the figures end on (UTC, `YYYY-MM-DD`). */
  today: string;
  /** Known words at the end of each day with a change, oldest first, ending today. */
  knownOverTime: Array<{ day: string; known: number }>;
  /** The last `REVIEW_DAYS` days, oldest first, every day present. */
  reviewsPerDay: DayCount[];
  /** The last `READ_WEEKS` weeks (`week` is the Monday), oldest first, every week present. */
  storiesPerWeek: Array<{ week: string; count: number }>;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The Monday (UTC) of `day`'s week. */
export function weekOf(day: string): string {
  const ms = msOf(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return dayOf(ms - weekday * DAY_MS);
}

/** Running totals of known words, one point per day with a change, and today. */
export function knownOverTime(days: readonly KnownWordsDay[], today: string) {
  const out: Array<{ day: string; known: number }> = [];
  let known = 0;
  for (const d of days) {
    if (d.day > today) break;
    known += d.gained - d.lost;
    out.push({ day: d.day, known });
  }
  if (out.at(-1)?.day !== today) out.push({ day: today, known });
  return out;
}

/** `count` for each of the `n` days ending `today`, zeros where `counts` has none. */
export function lastDays(counts: readonly DayCount[], today: string, n: number): DayCount[] {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  return Array.from({ length: n }, (_, i) => {
    const day = dayOf(msOf(today) - (n - 1 - i) * DAY_MS);
    return { day, count: byDay.get(day) ?? 0 };
  });
}

/** Counts per week (by its Monday) for the `n` weeks ending with `today`'s week. */
export function lastWeeks(counts: readonly DayCount[], today: string, n: number) {
  const byWeek = new Map<string, number>();
  for (const c of counts) byWeek.set(weekOf(c.day), (byWeek.get(weekOf(c.day)) ?? 0) + c.count);
  const thisWeek = msOf(weekOf(today));
  return Array.from({ length: n }, (_, i) => {
    const week = dayOf(thisWeek - (n - 1 - i) * 7 * DAY_MS);
    return { week, count: byWeek.get(week) ?? 0 };
  });
}

export class ProgressService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async progress(userId: number): Promise<Progress> {
    const today = dayOf(this.clock().getTime());
    const firstReviewDay = dayOf(msOf(today) - (REVIEW_DAYS - 1) * DAY_MS);
    const firstReadDay = dayOf(msOf(weekOf(today)) - (READ_WEEKS - 1) * 7 * DAY_MS);
    const [known, reviews, reads] = await Promise.all([
      this.store.learning.knownWordsByDay(userId),
      this.store.learning.reviewsByDay(userId, firstReviewDay),
      this.store.learning.storyReadsByDay(userId, firstReadDay),
    ]);
    return {
      today,
      knownOverTime: knownOverTime(known, today),
      reviewsPerDay: lastDays(reviews, today, REVIEW_DAYS),
      storiesPerWeek: lastWeeks(reads, today, READ_WEEKS),
    };
  }
}
