/**
 * Polling subscribed feeds: on a schedule in the writer, and on demand (`lingwire feeds poll`).
 *
 * Each feed is fetched with a conditional GET (the ETag and Last-Modified it sent last time); a
 * 304 stores nothing. Its entries become stories (`items.ts`) and go through the write pipeline
 * as one batch, so polling again stores nothing new (`source` = the feed's host, `externalId` =
 * the entry's id or link). Feeds are polled a few at a time, each under its own deadline, so a
 * failing or hanging feed never delays the others; a failure (unreachable, timeout, 404, not a
 * feed) is recorded in the feed's state with a back-off and touches no stored story. Page
 * fetches and parsing happen before the batch's transaction, so the database's write lock is
 * held only while storing.
 */
import { type Clock, systemClock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { type FetchOptions, fetchUrl } from '../fetch.js';
import { hostOf } from '../net/address.js';
import { type ExtractedArticle, extractArticleFromBytes } from '../pages/extract.js';
import type { StoryPipeline } from '../pipeline.js';
import { parseDocument } from '../preview.js';
import { storiesFromFeed } from './items.js';
import { mapLimit } from './limit.js';
import type { Feed, FeedState } from './model.js';
import { nextPollAt } from './schedule.js';

/** Options of `FeedPoller`; every one has a default. */
export interface PollerOptions {
  /** `Config.fetchHosts`: the only hosts fetched, or null for any. Default null. */
  allowHosts?: readonly string[] | null;
  /** Milliseconds for each fetch (the feed, each page). Default 30,000. */
  fetchTimeoutMs?: number;
  /** Milliseconds for one feed's whole poll, pages included. Default 120,000. */
  feedTimeoutMs?: number;
  /** Feeds polled at once. Default 4; range ≥ 1. */
  concurrency?: number;
  clock?: Clock;
  /** 0–1, for the schedule's jitter. Default `Math.random`. */
  random?: () => number;
}

/** What polling one feed did. */
export interface PollResult {
  feedId: number;
  url: string;
  /** The feed's title as last read ('' before the first successful poll). */
  title: string;
  /** `stored`: the feed was read (maybe nothing new); `not-modified`: a 304; `failed`: see `error`. */
  outcome: 'stored' | 'not-modified' | 'failed';
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  error: string | null;
}

/** Fetches (fenced, http and https only: a feed's link is someone else's input) and extracts a linked page. */
export async function fetchArticle(url: string, options: FetchOptions): Promise<ExtractedArticle> {
  const page = await fetchUrl(url, options);
  if (page.status !== 'ok')
    throw new AppError('FETCH_FAILED', `fetch: ${url} answered 304 to a plain request.`);
  return extractArticleFromBytes(page.body, page.url, page.charset);
}

export class FeedPoller {
  private readonly clock: Clock;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly store: Store,
    private readonly pipeline: StoryPipeline,
    private readonly options: PollerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  /** Polls the feeds that are due now. */
  async pollDue(onResult?: (result: PollResult) => void): Promise<PollResult[]> {
    return this.pollFeeds(await this.store.feeds.findDueFeeds(this.clock().toISOString()), onResult);
  }

  /** Polls every feed, due or not. */
  async pollAll(onResult?: (result: PollResult) => void): Promise<PollResult[]> {
    return this.pollFeeds(await this.store.feeds.listFeeds(), onResult);
  }

  /** Polls one feed; `FEED_NOT_FOUND` when there is no such feed. */
  async pollFeed(id: number): Promise<PollResult> {
    const feed = await this.store.feeds.findFeedById(id);
    if (!feed)
      throw new AppError(
        'FEED_NOT_FOUND',
        `feeds: there is no feed ${id}; \`lingwire feeds list\` shows them.`,
      );
    return (await this.pollFeeds([feed]))[0]!;
  }

  /** Polls `feeds` a few at a time; `onResult` hears each as it finishes. */
  pollFeeds(feeds: readonly Feed[], onResult?: (result: PollResult) => void): Promise<PollResult[]> {
    return mapLimit(feeds, this.options.concurrency ?? 4, async (feed) => {
      const result = await this.pollWithDeadline(feed);
      onResult?.(result);
      return result;
    });
  }

  /**
   * Polls due feeds every `checkEveryMs` until `stop` (the writer calls this). A round still
   * running when the timer fires is not doubled. `onRound` hears each round's results (logs).
   */
  start(
    checkEveryMs: number,
    onRound?: (results: PollResult[]) => void,
    onError?: (error: Error) => void,
  ): void {
    if (this.timer) return;
    const round = () => {
      if (this.running) return;
      this.running = this.pollDue()
        .then((results) => onRound?.(results))
        .catch((error: Error) => onError?.(error))
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(round, Math.max(10, checkEveryMs));
    this.timer.unref();
    round();
  }

  /** Stops the schedule and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private fetchOptions(feed: Feed): FetchOptions {
    return {
      allowPrivate: feed.allowPrivate,
      allowHosts: this.options.allowHosts ?? null,
      timeoutMs: this.options.fetchTimeoutMs ?? 30_000,
    };
  }

  private async pollWithDeadline(feed: Feed): Promise<PollResult> {
    const deadlineMs = this.options.feedTimeoutMs ?? 120_000;
    const expired = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired.abort();
        reject(
          new AppError('FETCH_TIMEOUT', `feeds: ${feed.url} took longer than ${deadlineMs} ms to poll.`),
        );
      }, deadlineMs);
    });
    const started = this.clock();
    try {
      const result = await Promise.race([this.poll(feed, started, expired.signal), deadline]);
      return result;
    } catch (error) {
      return this.recordFailure(feed, started, error as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async poll(feed: Feed, started: Date, expired: AbortSignal): Promise<PollResult> {
    const now = started.toISOString();
    const options = this.fetchOptions(feed);
    const fetched = await fetchUrl(feed.url, {
      ...options,
      etag: feed.state.etag,
      lastModified: feed.state.lastModified,
    });
    const succeeded: FeedState = {
      ...feed.state,
      lastPolledAt: now,
      lastSuccessAt: now,
      lastError: null,
      consecutiveFailures: 0,
      etag: fetched.etag ?? feed.state.etag,
      lastModified: fetched.lastModified ?? feed.state.lastModified,
      nextPollAt: nextPollAt(started, feed.intervalMinutes, 0, this.random),
    };
    const base = {
      feedId: feed.id,
      url: feed.url,
      title: feed.title,
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      error: null,
    };
    if (fetched.status === 'not-modified') {
      await this.store.feeds.saveFeedState(feed.id, succeeded);
      return { ...base, outcome: 'not-modified' };
    }
    const doc = parseDocument({
      body: fetched.body,
      url: fetched.url,
      contentType: fetched.contentType,
      charset: fetched.charset,
    });
    if (doc.kind !== 'feed') {
      throw new AppError(
        'NOT_A_FEED',
        `${feed.url} is a web page, not a feed; \`lingwire import <url>\` stores a single page.`,
      );
    }
    const source = hostOf(new URL(feed.url));
    const items = await storiesFromFeed(doc.feed, {
      feedUrl: feed.url,
      origin: { source, section: feed.section },
      language: feed.language,
      fetchedAt: now,
      fetchArticle: (url) => fetchArticle(url, options),
      isStored: async (id) => (await this.store.stories.findStoryByExternalId(source, id)) !== null,
    });
    // A poll past its deadline has already been recorded as failed: it must not store late.
    if (expired.aborted) throw new AppError('FETCH_TIMEOUT', `feeds: ${feed.url} took too long to poll.`);
    const summary = await this.pipeline.saveBatch(
      async (batch) => {
        // The subscription's section is the feed's choice; without one the classifier may file it.
        for (const story of items.stories) {
          await batch.save(
            story.section ? { ...story, sectionFiling: { source: 'feed', confidence: null } } : story,
          );
        }
        for (const skipped of items.skipped) batch.skip(skipped);
      },
      { classify: feed.classify },
    );
    const title = doc.feed.title || feed.title;
    await this.store.feeds.saveFeedState(
      feed.id,
      {
        ...succeeded,
        itemsSeen: feed.state.itemsSeen + doc.feed.entries.length,
        itemsStored: feed.state.itemsStored + summary.added + summary.updated,
        itemsSkipped: feed.state.itemsSkipped + summary.skipped.length,
      },
      title,
    );
    return {
      ...base,
      title,
      outcome: 'stored',
      added: summary.added,
      updated: summary.updated,
      unchanged: summary.unchanged + items.alreadyStored,
      skipped: summary.skipped.length,
    };
  }

  private async recordFailure(feed: Feed, started: Date, error: Error): Promise<PollResult> {
    const failures = feed.state.consecutiveFailures + 1;
    const message = error.message || String(error);
    await this.store.feeds
      .saveFeedState(feed.id, {
        ...feed.state,
        lastPolledAt: started.toISOString(),
        lastError: message,
        consecutiveFailures: failures,
        nextPollAt: nextPollAt(started, feed.intervalMinutes, failures, this.random),
      })
      .catch(() => undefined);
    return {
      feedId: feed.id,
      url: feed.url,
      title: feed.title,
      outcome: 'failed',
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      error: message,
    };
  }
}
