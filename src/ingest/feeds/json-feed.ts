/**
 * JSON Feed 1.0 and 1.1 (`https://jsonfeed.org/version/1.1`): `content_html` or `content_text`
 * is the full content, `summary` the summary; 1.1 `authors` and 1.0 `author` both read.
 */
import { finishEntry, type RawEntry } from './entry.js';
import type { Enclosure, ParsedFeed } from './types.js';
import { resolveUrl } from './xml.js';

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value : null;
}

function authorOf(item: Json): string | null {
  const authors = Array.isArray(item.authors)
    ? (item.authors as Json[])
    : item.author
      ? [item.author as Json]
      : [];
  const names = authors.map((a) => (a && typeof a === 'object' ? str(a.name) : null)).filter(Boolean);
  return names.length ? names.join(', ') : null;
}

/** True when `value` looks like a JSON Feed (its `version` names jsonfeed.org). */
export function isJsonFeed(value: unknown): value is Json {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as Json).version === 'string' &&
    /jsonfeed\.org\/version\//.test((value as Json).version as string)
  );
}

export function readJsonFeed(feed: Json, url: string | null): ParsedFeed {
  const items = Array.isArray(feed.items) ? (feed.items as Json[]) : [];
  const feedBase = resolveUrl(str(feed.feed_url), url) ?? url;
  const feedAuthor = authorOf(feed);
  return {
    format: 'json',
    title: str(feed.title)?.trim() ?? '',
    link: resolveUrl(str(feed.home_page_url), feedBase),
    description: str(feed.description),
    language: str(feed.language),
    entries: items
      .filter((item) => item && typeof item === 'object')
      .map((item) => {
        const link = resolveUrl(str(item.url), feedBase) ?? resolveUrl(str(item.external_url), feedBase);
        const html = str(item.content_html);
        const contentText = str(item.content_text);
        const summary = str(item.summary);
        const enclosures: Enclosure[] = (Array.isArray(item.attachments) ? (item.attachments as Json[]) : [])
          .map((a) => ({
            url: resolveUrl(str(a.url), feedBase) ?? '',
            type: str(a.mime_type),
            length: typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null,
          }))
          .filter((a) => a.url);
        const raw: RawEntry = {
          title: str(item.title) ? { kind: 'html', value: str(item.title)! } : null,
          link,
          id: str(item.id),
          dates: [str(item.date_published), str(item.date_modified)],
          author: authorOf(item) ?? feedAuthor,
          content: html
            ? { kind: 'html', value: html }
            : contentText
              ? { kind: 'text', value: contentText }
              : null,
          summary: summary ? { kind: 'text', value: summary } : null,
          enclosures,
          license: null,
          base: link ?? feedBase,
        };
        return finishEntry(raw);
      }),
  };
}
