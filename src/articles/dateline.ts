/**
 * Wire-story datelines: `MOSCOW, Feb. 21 (Xinhua) --`, `WASHINGTON, March 3 (Reuters) -`,
 * `UNITED NATIONS, Jan. 5 (Xinhua) --`, `NEW YORK (Reuters) -`, `SALVADOR, Feb 26`.
 *
 * Recognition is deliberately strict where a false positive would eat the start of a sentence:
 * a dateline needs a date after the place, or an ALL-CAPS place followed by an agency in
 * parentheses. A dateline at the start of a paragraph also needs its dash.
 */
import type { Dateline } from './model.js';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH_NAME = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
// Place: starts with a capital, may hold spaces, dots (ST. LOUIS), slashes, hyphens, apostrophes.
const PLACE = String.raw`[A-Z][A-Za-z.'’/ \-]{0,48}?`;
const CAPS_PLACE = String.raw`[A-Z][A-Z.'’/ \-]{0,48}?`;
const DATE = String.raw`(?<month>(?:${MONTH_NAME}))\.?\s+(?<day>\d{1,2})(?:,\s*(?<year>\d{4}))?`;
const AGENCY = String.raw`\((?<agency>[A-Za-z][A-Za-z0-9 .&'’\-]{0,40})\)`;
const DASH = '(?:--|—|–|-)';

const WITH_DATE = new RegExp(String.raw`^(?<place>${PLACE}),\s+${DATE}\b(?:\s*${AGENCY})?`, 'i');
const WITHOUT_DATE = new RegExp(String.raw`^(?<place>${CAPS_PLACE})\s*${AGENCY}`);
const TRAILING_DASH = new RegExp(String.raw`^\s*${DASH}\s*`);

function toDateline(groups: Record<string, string | undefined>, dateText: string | null): Dateline | null {
  const place = (groups.place ?? '').trim();
  if (!place) return null;
  const monthKey = groups.month?.toLowerCase();
  const month = monthKey ? (MONTHS[monthKey] ?? null) : null;
  const day = groups.day ? Number(groups.day) : null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { place, month, day, agency: groups.agency?.trim() ?? null, dateText };
}

interface Match {
  dateline: Dateline;
  /** Length of the matched dateline text, before any dash. */
  length: number;
}

function matchDateline(text: string): Match | null {
  const withDate = WITH_DATE.exec(text);
  if (withDate?.groups) {
    // The place must not itself contain a lower-case sentence ("However, March 3 ...").
    const place = withDate.groups.place ?? '';
    const words = place.trim().split(/\s+/);
    if (words.length <= 4 && words.every((w) => /^[A-Z]/.test(w))) {
      const dateText = text
        .slice(withDate[0].indexOf(withDate.groups.month ?? ''), withDate[0].length)
        .replace(/\s*\(.*$/, '')
        .trim();
      const dateline = toDateline(withDate.groups, dateText);
      if (dateline) return { dateline, length: withDate[0].length };
    }
  }
  const noDate = WITHOUT_DATE.exec(text);
  if (noDate?.groups) {
    const dateline = toDateline(noDate.groups, null);
    if (dateline) return { dateline, length: noDate[0].length };
  }
  return null;
}

/**
 * Takes a dateline off the start of a paragraph: `MOSCOW, Feb. 21 (Xinhua) -- Russian …` gives
 * the dateline and `Russian …`. Returns null when the paragraph does not open with one.
 */
export function splitDateline(paragraph: string): { dateline: Dateline; rest: string } | null {
  const match = matchDateline(paragraph);
  if (!match) return null;
  const after = paragraph.slice(match.length);
  const dash = TRAILING_DASH.exec(after);
  if (!dash) return null;
  const rest = after.slice(dash[0].length).trim();
  if (!rest) return null;
  return { dateline: match.dateline, rest };
}

/**
 * Parses a dateline given on its own (a JSON Lines `dateline` field): `SALVADOR, Feb 26`,
 * `MOSCOW, Feb. 21 (Xinhua)`, `NEW YORK (Reuters) -`. A string that is not a recognisable
 * dateline is kept as the place, so nothing the source said is lost.
 */
export function parseDatelineField(text: string): Dateline | null {
  const trimmed = text.trim().replace(/\s*(?:--|—|–|-)\s*$/, '');
  if (!trimmed) return null;
  const match = matchDateline(trimmed);
  if (match && trimmed.slice(match.length).trim() === '') return match.dateline;
  return { place: trimmed, month: null, day: null, agency: null, dateText: null };
}

/** The dateline as the page shows it: `MOSCOW, Feb. 21 (Xinhua)`. */
export function formatDateline(dateline: Dateline): string {
  let text = dateline.place;
  if (dateline.dateText) text += `, ${dateline.dateText}`;
  if (dateline.agency) text += ` (${dateline.agency})`;
  return text;
}

/**
 * Takes the dateline off a story's paragraphs: from the start of the first one, or the whole first
 * one when the dateline stands on its own line (`MOSCOW, Feb. 21 (Xinhua) --` then the text).
 */
export function takeDateline(paragraphs: string[]): { dateline: Dateline | null; paragraphs: string[] } {
  const first = paragraphs[0] ?? '';
  const split = splitDateline(first);
  if (split) return { dateline: split.dateline, paragraphs: [split.rest, ...paragraphs.slice(1)] };
  const alone = paragraphs.length > 1 ? matchDateline(first.trim()) : null;
  if (alone && /^\s*(?:--|—|–|-)\s*$/.test(first.trim().slice(alone.length))) {
    return { dateline: alone.dateline, paragraphs: paragraphs.slice(1) };
  }
  return { dateline: null, paragraphs };
}
