/**
 * Feeds on the desk: preview a URL, subscribe to it, change its section, language and interval,
 * pause and resume it, and "poll now": the feed is made due at once and the writer is woken
 * (`wakeWriter`, set by `lingwire serve` when its writer thread runs in the same process), which
 * polls the due feeds through the one polling path, `FeedPoller`. A web process without a writer
 * (`serve --no-writer`) leaves it to the writer's next check, within its poll interval of a minute.
 *
 * Fetching from the web is fenced as everywhere (`ingest/fetch.ts`). A loopback or private
 * address is fetched only when the operator named that host in `LINGWIRE_FETCH_HOSTS`: an editor
 * cannot point lingwire at the machine's private network on their own.
 */
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { hostOf } from '../ingest/net/address.js';
import type { Feed, FeedSettings, LanguagePolicy } from '../ingest/polling/model.js';
import { MIN_INTERVAL_MINUTES } from '../ingest/polling/schedule.js';
import { type FeedPreview, preview } from '../ingest/preview.js';
import type { Store } from '../store/types.js';

/** The longest interval an editor may set: a week. */
export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;

/** A new subscription from the desk. */
export interface DeskFeedInput {
  url: string;
  /** A section slug; null for the default section (or the classifier). */
  section: string | null;
  language: LanguagePolicy;
  intervalMinutes: number;
}

export interface FeedDeskOptions {
  /** The operator's fetch allow-list (`Config.fetchHosts`). */
  fetchHosts: readonly string[] | null;
  clock?: Clock;
  /** Fetch timeout for previews, ms. Default 15,000. */
  timeoutMs?: number;
}

export class FeedDesk {
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: FeedDeskOptions,
  ) {}

  /** Called after "poll now" has made a feed due: asks the writer to poll due feeds now (never awaited). */
  wakeWriter(wake: () => void): void {
    this.wake = wake;
  }

  list(): Promise<Feed[]> {
    return this.store.feeds.listFeeds();
  }

  async find(id: number): Promise<Feed> {
    const feed = await this.store.feeds.findFeedById(id);
    if (!feed) throw new AppError('FEED_NOT_FOUND', `There is no feed ${id}.`);
    return feed;
  }

  /** What subscribing to `url` would bring in now: its entries, read as polling reads them. Stores nothing. */
  async preview(url: string): Promise<FeedPreview> {
    const parsed = this.checkUrl(url);
    const result = await preview(parsed.href, {
      allowHosts: this.options.fetchHosts,
      allowPrivate: this.privateAllowed(parsed),
      timeoutMs: this.options.timeoutMs ?? 15_000,
    });
    if (result.kind !== 'feed') {
      throw new AppError('NOT_A_FEED', `${parsed.href} is a web page, not a feed (RSS, Atom or JSON Feed).`);
    }
    return result;
  }

  /** Subscribes (due at once). `FEED_EXISTS` when the URL is subscribed. */
  async add(input: DeskFeedInput): Promise<Feed> {
    const parsed = this.checkUrl(input.url);
    const settings = await this.checkSettings(input);
    return this.store.feeds.createFeed(
      {
        url: parsed.href,
        title: '',
        section: settings.section || null,
        language: input.language,
        intervalMinutes: input.intervalMinutes,
        allowPrivate: this.privateAllowed(parsed),
      },
      this.now(),
    );
  }

  /** Changes a feed's settings. */
  async update(id: number, settings: Partial<FeedSettings>): Promise<Feed> {
    const checked = await this.checkSettings(
      settings.section === '' ? { ...settings, section: null } : settings,
    );
    const feed = await this.store.feeds.updateFeedSettings(id, checked);
    if (!feed) throw new AppError('FEED_NOT_FOUND', `There is no feed ${id}.`);
    return feed;
  }

  /** Makes a feed due now (the writer polls it at its next check); `BAD_INPUT` when paused. */
  async pollNow(id: number): Promise<Feed> {
    const feed = await this.find(id);
    if (feed.paused) throw new AppError('BAD_INPUT', `Feed ${id} is paused: resume it first.`);
    await this.store.feeds.saveFeedState(id, { ...feed.state, nextPollAt: this.now() });
    this.wake?.();
    return this.find(id);
  }

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }

  private checkUrl(url: string): URL {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url.trim());
    } catch {}
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
      throw new AppError('BAD_INPUT', `"${url}" is not an http or https URL.`);
    }
    return parsed;
  }

  private privateAllowed(url: URL): boolean {
    return this.options.fetchHosts?.includes(hostOf(url)) ?? false;
  }

  private async checkSettings<T extends Partial<FeedSettings>>(settings: T): Promise<T> {
    if (settings.section) {
      const section = await this.store.sections.findSectionBySlug(settings.section);
      if (!section) throw new AppError('SECTION_NOT_FOUND', `There is no section "${settings.section}".`);
    }
    const minutes = settings.intervalMinutes;
    if (
      minutes !== undefined &&
      (!Number.isInteger(minutes) || minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES)
    ) {
      throw new AppError(
        'BAD_INPUT',
        `A feed's interval is ${MIN_INTERVAL_MINUTES}–${MAX_INTERVAL_MINUTES} minutes, not ${minutes}.`,
      );
    }
    return settings;
  }
}
