/**
 * Bytes that should be a feed → a `ParsedFeed`: decode (BOM, HTTP charset, declaration), tell
 * JSON Feed from XML, find the root (`rss`, `rdf:RDF`, `feed`) and hand it to its reader.
 */
import { AppError } from '../../core/errors.js';
import { decodeBytes } from '../charset.js';
import { readAtom } from './atom.js';
import { isJsonFeed, readJsonFeed } from './json-feed.js';
import { readRss } from './rss.js';
import type { ParsedFeed } from './types.js';
import { parseXml } from './xml.js';

export interface FeedSource {
  /** The bytes as fetched (or read from a file). */
  body: Uint8Array;
  /** The feed's own URL (after redirects): the base for relative links. Null for a local file. */
  url: string | null;
  /** HTTP `charset` parameter, or null. */
  charset?: string | null;
}

/** The feed format the text starts like, without parsing it all; null when it is not a feed. */
export function sniffFeed(text: string): 'xml' | 'json' | null {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(head))
    return /"version"\s*:\s*"https?:\\?\/\\?\/jsonfeed\.org\\?\/version/.test(text) ? 'json' : null;
  if (/<(?:[\w.-]+:)?(?:rss|RDF|feed)\b/.test(head.replace(/<!--[\s\S]*?-->/g, ''))) return 'xml';
  return null;
}

/** Parses already decoded text. */
export function parseFeedText(text: string, url: string | null): ParsedFeed {
  const where = url ?? 'the file';
  if (/^\s*\{/.test(text.replace(/^\uFEFF/, ''))) {
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new AppError(
        'NOT_A_FEED',
        `${where} is not a feed: not valid JSON (${(error as Error).message}).`,
      );
    }
    if (!isJsonFeed(value)) {
      throw new AppError('NOT_A_FEED', `${where} is JSON but not a JSON Feed (no jsonfeed.org "version").`);
    }
    return readJsonFeed(value, url);
  }
  const parsed = parseXml(text);
  if (!parsed) throw new AppError('NOT_A_FEED', `${where} is not a feed: it is not XML.`);
  const name = parsed.rootName.replace(/^[\w.-]+:/, '').toLowerCase();
  if (name === 'rss') return readRss(parsed.root, 'rss', url);
  if (name === 'rdf') return readRss(parsed.root, 'rdf', url);
  if (name === 'feed') return readAtom(parsed.root, url);
  throw new AppError(
    'NOT_A_FEED',
    `${where} is not a feed: its root element is <${parsed.rootName}>, not <rss>, <rdf:RDF> or <feed>.`,
  );
}

/** Decodes and parses a feed. Throws `NOT_A_FEED` naming the URL when the bytes are not one. */
export function parseFeed(source: FeedSource): ParsedFeed {
  return parseFeedText(decodeBytes(source.body, source.charset ?? null, 'xml'), source.url);
}
