/**
 * Feed entries and extracted pages as `StoryInput`s, for the write pipeline. The poller (which
 * keeps subscriptions and decides when to fetch a linked page) calls these; they do no I/O.
 */
import { takeDateline } from '../articles/dateline.js';
import type { StoryInput } from '../articles/model.js';
import type { FeedEntry } from './feeds/types.js';
import type { ExtractedArticle } from './pages/extract.js';
import { stripControls } from './sources/clean.js';

/** Where a story came from and where it goes. */
export interface StoryOrigin {
  /** The subscription's identity, e.g. the feed URL: unique with the entry id. */
  source: string;
  /** Section slug or Chinese name; null for the default section. */
  section?: string | null;
  tags?: string[];
}

function story(
  origin: StoryOrigin,
  fields: {
    id: string | null;
    title: string;
    published: string | null;
    url: string | null;
    paragraphs: string[];
  },
): StoryInput {
  // Control characters never reach a stored story from the web either (see `sources/clean.ts`).
  const clean = (text: string) => stripControls(text).text;
  const { dateline, paragraphs } = takeDateline(fields.paragraphs.map(clean).filter((p) => p.trim()));
  return {
    source: origin.source,
    externalId: fields.id,
    section: origin.section ?? null,
    title: clean(fields.title),
    dateline,
    publishedAt: fields.published,
    url: fields.url,
    tags: origin.tags ?? [],
    paragraphs,
    pinnedRelated: [],
  };
}

/** A feed entry as a story; null when it has no title or no text (polling fetches its page instead). */
export function storyFromEntry(entry: FeedEntry, origin: StoryOrigin): StoryInput | null {
  const paragraphs = entry.text.split('\n').filter(Boolean);
  if (!entry.title || paragraphs.length === 0) return null;
  return story(origin, {
    id: entry.id,
    title: entry.title,
    published: entry.published,
    url: entry.link,
    paragraphs,
  });
}

/**
 * An extracted page as a story. `entry`, when the page was fetched for a feed entry, gives the
 * id, title and date the feed stated (feeds are more reliable about those than page metadata).
 */
export function storyFromArticle(
  article: ExtractedArticle,
  origin: StoryOrigin,
  entry: FeedEntry | null = null,
): StoryInput | null {
  const title = entry?.title || article.title;
  if (!title || article.paragraphs.length === 0) return null;
  return story(origin, {
    id: entry?.id ?? article.url,
    title,
    published: entry?.published ?? article.published,
    url: entry?.link ?? article.url,
    paragraphs: article.paragraphs,
  });
}
