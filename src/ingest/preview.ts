/**
 * "What would lingwire store from this URL?": fetch (fenced), tell a feed from a web page, and
 * read it with the same code polling will use, storing nothing. `lingwire preview` prints it; the
 * development-set bench (`bench/ingest-quality.ts`) scores it.
 *
 * A local path or `file:` URL is read too, for development (no fetching, no fences: the
 * operator already has the file); relative links in it are dropped, as there is no base.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.js';
import { parseFeed, sniffFeed } from './feeds/parse.js';
import type { Enclosure, FeedEntry, FeedFormat, ParsedFeed } from './feeds/types.js';
import { type FetchOptions, fetchUrl } from './fetch.js';
import { detectLanguage } from './language.js';
import { type ExtractedArticle, extractArticleFromBytes } from './pages/extract.js';
import { countWords } from './sanitize.js';

/** Fewer words than this in a summary-only entry: polling fetches the linked page for the story. */
export const FETCH_PAGE_BELOW_WORDS = 80;

/** Bytes to read, from the web or a file. */
export interface LoadedDocument {
  body: Uint8Array;
  /** The final URL; null for a local file. */
  url: string | null;
  contentType: string | null;
  charset: string | null;
}

export interface FeedEntryPreview {
  title: string;
  link: string | null;
  published: string | null;
  author: string | null;
  text: string;
  /** Polling would fetch `link` for the story: the entry has only a summary, under 80 words. */
  fetchPage: boolean;
  id: string | null;
  /** ISO 639-1 of the text, or null when too short to tell. */
  language: string | null;
  enclosures: Enclosure[];
  license: string | null;
}

export interface FeedPreview {
  kind: 'feed';
  format: FeedFormat;
  title: string;
  link: string | null;
  description: string | null;
  language: string | null;
  url: string | null;
  entries: FeedEntryPreview[];
}

export interface ArticlePreview {
  kind: 'article';
  title: string;
  byline: string | null;
  published: string | null;
  /** Paragraphs separated by `\n`. */
  text: string;
  url: string | null;
  siteName: string | null;
  /** ISO 639-1 of the text, or null. */
  language: string | null;
}

export type Preview = FeedPreview | ArticlePreview;

const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
];

const TYPES_BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
};

/** Reads a URL (fenced fetch) or a local file. */
export async function loadDocument(target: string, options: FetchOptions = {}): Promise<LoadedDocument> {
  if (/^https?:\/\//i.test(target)) {
    const result = await fetchUrl(target, options);
    if (result.status !== 'ok')
      throw new AppError('FETCH_FAILED', `fetch: ${target} answered 304 to a plain request.`);
    return { body: result.body, url: result.url, contentType: result.contentType, charset: result.charset };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^file:/i.test(target)) {
    throw new AppError('FETCH_REFUSED', `preview: ${target} is not http, https or a local file.`);
  }
  const path = /^file:/i.test(target) ? fileURLToPath(target) : target;
  const body = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('FILE_NOT_FOUND', `preview: cannot read ${path} (${error.code ?? error.message}).`);
  });
  return {
    body,
    url: null,
    contentType: TYPES_BY_EXTENSION[extname(path).toLowerCase()] ?? null,
    charset: null,
  };
}

function looksLikeHtml(head: string): boolean {
  return /<(?:!doctype\s+html|html|head|body|article|p|div)\b/i.test(head);
}

/** Loaded bytes, read: a parsed feed or an extracted article. */
export type ParsedDocument =
  | { kind: 'feed'; feed: ParsedFeed }
  | { kind: 'article'; article: ExtractedArticle };

/** Tells a feed from a web page and reads it: the part of `preview`, polling and `import <url>` that does no I/O. */
export function parseDocument(doc: LoadedDocument): ParsedDocument {
  // Sniffing needs only ASCII: tag names and the JSON Feed version are ASCII in every encoding lingwire reads.
  const head = Buffer.from(doc.body.subarray(0, 8192)).toString('latin1');
  const where = doc.url ?? 'the file';
  if (FEED_TYPES.includes(doc.contentType ?? '') || sniffFeed(head)) {
    return { kind: 'feed', feed: parseFeed({ body: doc.body, url: doc.url, charset: doc.charset }) };
  }
  if (doc.contentType === 'text/html' || doc.contentType === 'application/xhtml+xml' || looksLikeHtml(head)) {
    return { kind: 'article', article: extractArticleFromBytes(doc.body, doc.url, doc.charset) };
  }
  throw new AppError(
    'NOT_A_FEED',
    `${where} is neither a feed (RSS, Atom, JSON Feed) nor a web page${doc.contentType ? ` (it is ${doc.contentType})` : ''}.`,
  );
}

/** Reads loaded bytes as a feed or an article preview. */
export function readDocument(doc: LoadedDocument): Preview {
  const parsed = parseDocument(doc);
  if (parsed.kind === 'feed') {
    const { feed } = parsed;
    return {
      kind: 'feed',
      format: feed.format,
      title: feed.title,
      link: feed.link,
      description: feed.description,
      language: feed.language,
      url: doc.url,
      entries: feed.entries.map((entry) => ({
        title: entry.title,
        link: entry.link,
        published: entry.published,
        author: entry.author,
        text: entry.text,
        fetchPage: needsPage(entry),
        id: entry.id,
        language: detectLanguage(entry.text),
        enclosures: entry.enclosures,
        license: entry.license,
      })),
    };
  }
  const { article } = parsed;
  const text = article.paragraphs.join('\n');
  return {
    kind: 'article',
    title: article.title,
    byline: article.byline,
    published: article.published,
    text,
    url: article.url,
    siteName: article.siteName,
    language: detectLanguage(text),
  };
}

/** Polling fetches the linked page of an entry whose feed gives only a short summary. */
export function needsPage(entry: FeedEntry): boolean {
  return entry.summaryOnly && countWords(entry.text) < FETCH_PAGE_BELOW_WORDS;
}

/** Fetches or reads `target` and says what lingwire would store from it. */
export async function preview(target: string, options: FetchOptions = {}): Promise<Preview> {
  return readDocument(await loadDocument(target, options));
}
