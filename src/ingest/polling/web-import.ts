/**
 * `lingwire import <url>`: one web page, or a feed's items, stored the way polling stores them
 * (same reading, same provenance, one batch) without subscribing. The operator chose this URL,
 * so every language is stored, marked with its own.
 */
import { type Clock, systemClock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import type { ClassifyMode } from '../classify/filer.js';
import { type FetchOptions, fetchUrl } from '../fetch.js';
import { detectLanguage } from '../language.js';
import { hostOf } from '../net/address.js';
import type { BatchSummary, StoryPipeline } from '../pipeline.js';
import { parseDocument } from '../preview.js';
import { storyFromArticle } from '../stories.js';
import { storiesFromFeed } from './items.js';
import { fetchArticle } from './poller.js';

/** Options of `importUrl`. */
export interface UrlImportOptions {
  /** Fetch from loopback, private and link-local addresses. Default false. */
  allowPrivate?: boolean;
  /** `Config.fetchHosts`. Default null (any host). */
  allowHosts?: readonly string[] | null;
  /** Section (slug or Chinese name) for the stories; default section when absent. */
  section?: string | null;
  /** When stories without a section are classified. Default `auto`. */
  classify?: ClassifyMode;
  clock?: Clock;
}

/** What `importUrl` did. */
export interface UrlImportSummary extends BatchSummary {
  /** What the URL was. */
  kind: 'feed' | 'article';
}

/** True for what `import` reads as a URL rather than a file. */
export function isWebUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** Fetches `url` (fenced) and stores its article or its feed's items as one batch. */
export async function importUrl(
  store: Store,
  pipeline: StoryPipeline,
  url: string,
  options: UrlImportOptions = {},
): Promise<UrlImportSummary> {
  const fetchOptions: FetchOptions = {
    allowPrivate: options.allowPrivate ?? false,
    allowHosts: options.allowHosts ?? null,
  };
  const fetchedAt = (options.clock ?? systemClock)().toISOString();
  const fetched = await fetchUrl(url, fetchOptions);
  if (fetched.status !== 'ok')
    throw new AppError('FETCH_FAILED', `fetch: ${url} answered 304 to a plain request.`);
  const doc = parseDocument({
    body: fetched.body,
    url: fetched.url,
    contentType: fetched.contentType,
    charset: fetched.charset,
  });
  const source = hostOf(new URL(fetched.url));
  const origin = { source, section: options.section ?? null };
  if (doc.kind === 'article') {
    const story = storyFromArticle(doc.article, origin);
    if (!story) throw new AppError('NO_ARTICLE_TEXT', `${url}: the page has no title or text to store.`);
    const summary = await pipeline.saveStories(
      [
        {
          ...story,
          author: doc.article.byline,
          fetchedAt,
          language: detectLanguage(story.paragraphs.join('\n')),
          textFrom: 'page',
        },
      ],
      { classify: options.classify },
    );
    return { kind: 'article', ...summary };
  }
  const items = await storiesFromFeed(doc.feed, {
    feedUrl: url,
    origin,
    language: 'any',
    fetchedAt,
    fetchArticle: (link) => fetchArticle(link, fetchOptions),
    isStored: async (id) => (await store.stories.findStoryByExternalId(source, id)) !== null,
  });
  const summary = await pipeline.saveBatch(
    async (batch) => {
      for (const story of items.stories) await batch.save(story);
      for (const skipped of items.skipped) batch.skip(skipped);
    },
    { classify: options.classify },
  );
  return { kind: 'feed', ...summary, unchanged: summary.unchanged + items.alreadyStored };
}
