import { formatDateline } from '../../articles/dateline.js';
import type { Dateline } from '../../articles/model.js';

/** `2016-02-21` → `2016年2月21日`, the way Chinese readers write dates. */
export function chineseDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** The yearless machine-readable form of a dateline's date (`--02-21` is not valid HTML; `02-21` is). */
export function datelineDatetime(dateline: Dateline): string | undefined {
  if (!dateline.month || !dateline.day) return undefined;
  return `${String(dateline.month).padStart(2, '0')}-${String(dateline.day).padStart(2, '0')}`;
}

/**
 * A list entry's date: its publication date, else its dateline, else (an undated story) the day
 * it was added, said as such.
 */
export function DateOf({
  story,
}: {
  story: { publishedAt: string | null; dateline: Dateline | null; createdAt?: string };
}) {
  if (story.publishedAt) return <time dateTime={story.publishedAt}>{chineseDate(story.publishedAt)}</time>;
  if (story.dateline) return <span lang="en">{formatDateline(story.dateline)}</span>;
  if (story.createdAt) {
    return (
      <span class="added">
        收录于 <time dateTime={story.createdAt}>{chineseDate(story.createdAt)}</time>
      </span>
    );
  }
  return null;
}
