/** What the route plugins get from `buildApp`: the read services, the page cache, the chrome. */
import type { ReadingService } from '../articles/reading.js';
import type { StoryAnalyzer } from '../articles/story-level.js';
import type { Dictionary } from '../dictionary/index.js';
import type { SearchService } from '../search/service.js';
import type { Services } from '../services.js';
import type { WriterStatus } from '../writer/status.js';
import type { PageCache } from './page-cache.js';
import type { SiteChrome } from './views/layout.js';

export interface WebContext {
  reading: ReadingService;
  search: SearchService;
  cache: PageCache;
  /** For the reader markup and `/api/lookup`; null when the dictionary is unavailable. */
  dictionary: Dictionary | null;
  /**
   * Analyses a story whose stored analysis is missing or stale (stored before the dictionary was
   * installed, or by an older version), so the page still gets reader markup; null without a
   * dictionary.
   */
  analyze: StoryAnalyzer | null;
  /** Versioned URL of the reader script. */
  readerScript: string;
  /** Versioned URL of `learner.js` (a logged-in learner's marks and popup actions); absent: none. */
  learnerScript?: string;
  /** The writer's last heartbeat (`/healthz`). */
  writerStatus(): Promise<WriterStatus>;
  /** The site's absolute address, no trailing slash (feeds, sitemap): never from the request. */
  siteUrl(): string;
  /** The chrome every page shares (navigation, stylesheet). */
  chrome(): Promise<SiteChrome>;
}

/** What the web app reads through: the composition root's services (`services.ts`). */
export type WebServices = Pick<
  Services,
  'store' | 'reading' | 'search' | 'analyze' | 'dictionary' | 'learner' | 'editing' | 'close' | 'desk'
>;
