/**
 * The step every feed format shares: a raw entry (fields as the format reader found them) to a
 * `FeedEntry` with plain-text title, sanitised HTML, cleaned text and a UTC date.
 */
import { parseDate } from '../dates.js';
import { htmlToParagraphs, htmlToPlainText, sanitizeHtml } from '../sanitize.js';
import type { Enclosure, FeedEntry } from './types.js';
import type { FieldText } from './xml.js';

export interface RawEntry {
  title: FieldText | null;
  link: string | null;
  id: string | null;
  /** Date strings, most preferred first (published before updated). */
  dates: Array<string | null>;
  author: string | null;
  /** Full content: `content:encoded`, Atom `content`, JSON Feed `content_html`/`content_text`. */
  content: FieldText | null;
  /** Description or summary. */
  summary: FieldText | null;
  enclosures: Enclosure[];
  license: string | null;
  /** The entry's base URL for relative links in its content. */
  base: string | null;
}

/** Plain text of a title-like field. */
export function plainText(field: FieldText | null): string {
  if (!field) return '';
  return field.kind === 'html' ? htmlToPlainText(field.value) : field.value.replace(/\s+/g, ' ').trim();
}

/** Paragraphs of plain text: blank lines or line breaks separate them. */
function textParagraphs(value: string): string[] {
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** `john@example.com (John Doe)` → `John Doe`; a bare e-mail address is kept. */
export function authorName(value: string | null): string | null {
  if (!value) return null;
  const text = htmlToPlainText(value);
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  return (inParens ? inParens[1]!.trim() : text) || null;
}

export function finishEntry(raw: RawEntry): FeedEntry {
  const body = raw.content ?? raw.summary;
  let html: string | null = null;
  let paragraphs: string[] = [];
  if (body?.kind === 'html') {
    html = sanitizeHtml(body.value, raw.base);
    paragraphs = htmlToParagraphs(html);
  } else if (body) {
    paragraphs = textParagraphs(body.value);
  }
  let published: string | null = null;
  for (const date of raw.dates) {
    published = parseDate(date);
    if (published) break;
  }
  // The same file is often listed as <enclosure> and <media:content>: keep it once, details merged.
  const dedupe = new Map<string, Enclosure>();
  for (const e of raw.enclosures) {
    const seen = dedupe.get(e.url);
    dedupe.set(e.url, seen ? { url: e.url, type: seen.type ?? e.type, length: seen.length ?? e.length } : e);
  }
  return {
    title: plainText(raw.title),
    link: raw.link,
    id: raw.id ?? raw.link,
    published,
    author: authorName(raw.author),
    text: paragraphs.join('\n'),
    html,
    summaryOnly: raw.content === null,
    enclosures: [...dedupe.values()],
    license: raw.license,
  };
}
