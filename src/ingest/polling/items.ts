/**
 * A fetched feed's entries → the stories to store, with their provenance. An entry whose feed
 * gives only a short summary gets its linked page fetched and extracted; when the page cannot be
 * fetched the entry is stored with the feed's own text, marked `textFrom: 'summary'`, and never
 * fetched again (an entry already stored is left alone). Each story's language is detected; under
 * the `en` policy a story in another language is skipped and counted, under `any` it is stored
 * with its language.
 */
import type { StoryInput, TextFrom } from '../../articles/model.js';
import type { FeedEntry, ParsedFeed } from '../feeds/types.js';
import { detectLanguage } from '../language.js';
import type { ExtractedArticle } from '../pages/extract.js';
import type { SkippedRecord } from '../pipeline.js';
import { needsPage } from '../preview.js';
import { type StoryOrigin, storyFromArticle, storyFromEntry } from '../stories.js';
import { mapLimit } from './limit.js';
import type { LanguagePolicy } from './model.js';

/** Pages fetched at once for one feed. */
const PAGE_CONCURRENCY = 3;

/** What reading a feed's entries needs from outside: where they go, and I/O. */
export interface FeedReadContext {
  /** The subscription's URL, kept with each story as its `feed`. */
  feedUrl: string;
  origin: StoryOrigin;
  language: LanguagePolicy;
  /** ISO 8601 date-time of this fetch. */
  fetchedAt: string;
  /** Fetches a linked page and extracts its article; throws (any error) when it cannot. */
  fetchArticle(url: string): Promise<ExtractedArticle>;
  /** Whether a story with this external id is already stored under `origin.source`. */
  isStored(externalId: string): Promise<boolean>;
}

/** The stories read from a feed, and the entries left out. */
export interface FeedItems {
  stories: StoryInput[];
  /** Entries not stored: another language, or no title or text. */
  skipped: SkippedRecord[];
  /** Summary-only entries already stored: left as they are, their page not fetched again. */
  alreadyStored: number;
}

type ItemResult = { story: StoryInput } | { skipped: SkippedRecord } | { alreadyStored: true };

/** Reads every entry of `feed` (document order) into stories to store. */
export async function storiesFromFeed(feed: ParsedFeed, ctx: FeedReadContext): Promise<FeedItems> {
  const results = await mapLimit(feed.entries, PAGE_CONCURRENCY, (entry) => readEntry(entry, ctx));
  const items: FeedItems = { stories: [], skipped: [], alreadyStored: 0 };
  for (const result of results) {
    if ('story' in result) items.stories.push(result.story);
    else if ('skipped' in result) items.skipped.push(result.skipped);
    else items.alreadyStored++;
  }
  return items;
}

async function readEntry(entry: FeedEntry, ctx: FeedReadContext): Promise<ItemResult> {
  const where = entry.link ?? entry.id ?? (entry.title || ctx.feedUrl);
  let story: StoryInput | null = null;
  let textFrom: TextFrom = 'feed';
  let byline: string | null = null;
  let pageError: string | null = null;
  if (needsPage(entry) && entry.link) {
    const id = entry.id ?? entry.link;
    if (await ctx.isStored(id)) return { alreadyStored: true };
    try {
      const article = await ctx.fetchArticle(entry.link);
      story = storyFromArticle(article, ctx.origin, entry);
      byline = article.byline;
      textFrom = 'page';
    } catch (error) {
      pageError = (error as Error).message;
    }
    if (!story) textFrom = 'summary';
  }
  story ??= storyFromEntry(entry, ctx.origin);
  if (!story) {
    const why = pageError ? `its page could not be read (${pageError}) and ` : '';
    return { skipped: { where, message: `${where}: ${why}the feed gives no title or text for it` } };
  }
  return withProvenance(story, entry, ctx, { textFrom, byline, where });
}

function withProvenance(
  story: StoryInput,
  entry: FeedEntry,
  ctx: FeedReadContext,
  found: { textFrom: TextFrom; byline: string | null; where: string },
): ItemResult {
  const language = detectLanguage(story.paragraphs.join('\n'));
  if (ctx.language === 'en' && language !== null && language !== 'en') {
    return {
      skipped: {
        where: found.where,
        message: `${found.where}: written in "${language}", not English (this feed stores English only; --language any stores every language)`,
      },
    };
  }
  return {
    story: {
      ...story,
      author: entry.author ?? found.byline,
      license: entry.license,
      feed: ctx.feedUrl,
      fetchedAt: ctx.fetchedAt,
      language,
      textFrom: found.textFrom,
    },
  };
}
