/**
 * Feed and page dates to ISO 8601 in UTC (`2002-10-02T17:00:00.000Z`), or null when unreadable.
 *
 * Read: RFC 822/1123 (`Wed, 02 Oct 2002 13:00:00 EST`, with zone names, military letters,
 * `+0200`, two-digit years, a missing weekday or seconds, full month names), ISO 8601 / W3C-DTF
 * (`2003-12-13T18:30:02.25+01:00`, basic `20031213T183002Z`, date only, year-month), and
 * the common sloppy forms in between. A date without a zone is read as UTC. A date that names an
 * impossible day (Feb 30) is unreadable, not rolled over.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Zone names seen in feeds, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  bst: 60,
  ist: 330,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  wet: 0,
  west: 60,
  msk: 180,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  aest: 600,
  aedt: 660,
  acst: 570,
  awst: 480,
  nzst: 720,
  nzdt: 780,
};

function zoneMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const offset = /^(?:(?:gmt|utc)\s*)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    return offset[1] === '-' ? -minutes : minutes;
  }
  const key = zone.toLowerCase();
  if (Object.hasOwn(ZONES, key)) return ZONES[key]!;
  // RFC 822 military zones: A–M (not J) east, N–Y west; most feeds mean UTC by them anyway.
  if (/^[a-ik-z]$/.test(key)) return 0;
  return null;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null;
  const date = new Date(time - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

const ISO =
  /^(\d{4})-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?$/i;

function parseIso(text: string): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const zone = m[8] ? zoneMinutes(m[8]) : 0;
  if (zone === null) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(
    Number(m[1]),
    Number(m[2]),
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Math.min(ms, 999),
    zone,
  );
}

const RFC822 =
  /^(?:\p{L}+\.?,\s*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([a-z]{1,5}|(?:gmt|utc)?\s*[+-]\d{1,2}:?\d{2})?(?:\s*\(.*\))?$/iu;
/** `Wed Oct 02 2002 13:00:00 GMT+0100`, `Oct 2, 2002 1:00 PM EST`: month before day. */
const MONTH_FIRST =
  /^(?:\p{L}+\.?,\s*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*([a-z]{1,5}|(?:gmt|utc)?\s*[+-]\d{1,2}:?\d{2})?$/iu;
const DATE_ONLY =
  /^(?:\p{L}+\.?,\s*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/iu;

function month(name: string): number | null {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? null;
}

function parseRfc822(text: string): string | null {
  let m = RFC822.exec(text);
  if (m) {
    const mon = month(m[2]!);
    const zone = zoneMinutes(m[7]);
    if (!mon || zone === null) return null;
    return build(fullYear(m[3]!), mon, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, zone);
  }
  m = MONTH_FIRST.exec(text);
  if (m) {
    const mon = month(m[1]!);
    const zone = zoneMinutes(m[8]);
    if (!mon || zone === null) return null;
    let hour = Number(m[4]);
    const meridiem = m[7]?.toLowerCase().replace(/\./g, '');
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    return build(Number(m[3]), mon, Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0), 0, zone);
  }
  m = DATE_ONLY.exec(text);
  if (m) {
    const mon = month(m[2]!);
    return mon ? build(Number(m[3]), mon, Number(m[1]), 0, 0, 0, 0, 0) : null;
  }
  return null;
}

const MAX_DATE_CHARS = 1000;

/** Parses a feed or page date; null when it cannot be read with confidence. */
export function parseDate(value: string | null | undefined): string | null {
  // The longest date written out ("Wednesday, 02 October 2002 13:00:00 GMT+01:00 (…)") is far
  // shorter; a feed's field of megabytes is not read at all.
  if (!value || value.length > MAX_DATE_CHARS) return null;
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  return parseIso(text) ?? parseRfc822(text);
}
