/**
 * What the feed readers hand on: a feed and its entries in document order, text already cleaned.
 * Plain types, so the poller that stores subscriptions can depend on them alone.
 */

/** A file attached to an entry (podcast audio, an image): RSS `<enclosure>`, Atom `rel="enclosure"`, Media RSS, JSON Feed attachments. */
export interface Enclosure {
  /** Absolute http(s) URL. */
  url: string;
  /** Media type as the feed gives it (`audio/mpeg`), or null. */
  type: string | null;
  /** Size in bytes as the feed gives it, or null. */
  length: number | null;
}

export interface FeedEntry {
  /** Plain text: markup and entities resolved (`AT&T wins`, not `AT&amp;T <b>wins</b>`). '' when the entry has none. */
  title: string;
  /** Absolute http(s) URL of the story (relative links and `xml:base` resolved against the feed URL), or null. */
  link: string | null;
  /** The feed's id for the entry (guid, Atom id, JSON Feed id), else its link; null when it has neither. */
  id: string | null;
  /** ISO 8601 in UTC (`…Z`): published, else updated; null when absent or unreadable. */
  published: string | null;
  /** The author's name, or null. */
  author: string | null;
  /** Cleaned plain text, paragraphs separated by `\n`. '' when the entry has no text. */
  text: string;
  /** The sanitised HTML the text came from; null when the feed gave plain text or none. */
  html: string | null;
  /** True when the feed gave only a summary/description, no full content (`content:encoded`, Atom content, JSON Feed content). */
  summaryOnly: boolean;
  enclosures: Enclosure[];
  /** A licence URL or statement (entry or feed rights, `cc:license`, `rel="license"`), or null. */
  license: string | null;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  /** Plain text; '' when the feed has none. */
  title: string;
  /** The site's address, absolute, or null. */
  link: string | null;
  /** Plain text, or null. */
  description: string | null;
  /** As the feed declares it (`en-us`), or null. */
  language: string | null;
  entries: FeedEntry[];
}
