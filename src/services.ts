/**
 * The composition root: the one place that picks the store adapter and builds every service.
 * The CLI commands, the web server, the writer thread and the tests all get their services here,
 * so a service is constructed one way only. Nothing is opened at import time; the dictionary is
 * opened on first use unless the caller hands one in (the web server preloads it).
 */
import { LevelService } from './articles/levels.js';
import { PublishingService } from './articles/publishing.js';
import { ReadingService } from './articles/reading.js';
import { type StoryAnalyzer, storyAnalyzer } from './articles/story-level.js';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { AppError } from './core/errors.js';
import { type DeskServices, deskServices } from './desk/index.js';
import { type Dictionary, openDictionary } from './dictionary/index.js';
import { StoryEditing } from './editing/stories.js';
import { SectionFiler } from './ingest/classify/filer.js';
import { StoryPipeline } from './ingest/pipeline.js';
import { FeedPoller, type PollerOptions } from './ingest/polling/poller.js';
import { type LearnerOptions, type LearnerServices, learnerServices } from './learner/index.js';
import { DuplicateGrouper } from './related/duplicate-groups.js';
import { RelatedService } from './related/service.js';
import { SearchService } from './search/service.js';
import { migrateStore, openStore, openTableAccess } from './store/open-store.js';
import { backupSite, restoreSite } from './store/site-backup.js';
import { type CopyOptions, type CopySummary, copySite } from './store/site-copy.js';
import type { Store } from './store/types.js';

export interface Services {
  config: Config;
  store: Store;
  reading: ReadingService;
  publishing: PublishingService;
  levels: LevelService;
  related: RelatedService;
  /** Full-text search (the index is kept by the store's own writes). */
  search: SearchService;
  /** The write path: every story that is stored goes through it. */
  pipeline: StoryPipeline;
  /** Polls subscribed feeds into the pipeline (on demand, or on the writer's schedule). */
  feeds: FeedPoller;
  /** The story analyzer the pipeline and levels use (opens the dictionary on first use). */
  analyze: StoryAnalyzer;
  /** The dictionary, opened on first call; null when it cannot be opened. */
  dictionary(): Dictionary | null;
  /** Learner accounts, word statuses, 生词本 and reviews (`learner/`). */
  learner: LearnerServices;
  /** The editors' desk: inbox, copies, sections, feeds, accounts (`desk/`). */
  desk: DeskServices;
  /** Editors' changes of stored stories, with their history (`editing/`). */
  editing: StoryEditing;
  /** Closes the store and the dictionary. */
  close(): Promise<void>;
}

/** Options of `openServices`. All optional. */
export interface ServiceOptions {
  /** For commands that only read: fail when the database does not exist instead of creating it. Default false. */
  mustExist?: boolean;
  /** Where warnings and progress lines go. Default standard error. */
  warn?: (line: string) => void;
  /**
   * The dictionary: an open one (closed with the services), `null` for none (stories get no level,
   * pages no reader markup), or absent to open the installed one on first use.
   */
  dictionary?: Dictionary | null;
  clock?: Clock;
  /** Feed polling settings (timeouts, concurrency, jitter); the allow-list comes from the config. */
  polling?: Omit<PollerOptions, 'allowHosts' | 'clock'>;
  /** Learner settings (scrypt's cost); the clock is `clock`. */
  learner?: Omit<LearnerOptions, 'clock'>;
}

/**
 * Opens the store `config.dbPath` names (SQLite file or PostgreSQL URL, see `store/open-store.ts`)
 * and builds the services over it.
 */
export async function openServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const store = await openStore(config.dbPath, { mustExist: options.mustExist });
  return servicesOver(store, config, options);
}

/** Builds the services over an open store (tests hand in their own); the store is closed with them. */
export function servicesOver(store: Store, config: Config, options: ServiceOptions = {}): Services {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  let dictionary: Dictionary | null | undefined = options.dictionary;
  const openDictionaryOnce = (): Dictionary | null => {
    if (dictionary === undefined) {
      try {
        dictionary = openDictionary();
      } catch (error) {
        dictionary = null;
        warn(`lingwire: the dictionary is unavailable: ${(error as Error).message}`);
      }
    }
    return dictionary;
  };
  // Opened on first use: a command that never analyses a story never pays for the dictionary.
  let analyzer: StoryAnalyzer | null = null;
  const analyze: StoryAnalyzer = (paragraphs) => {
    const opened = openDictionaryOnce();
    if (!opened) return null;
    analyzer ??= storyAnalyzer(opened);
    return analyzer(paragraphs);
  };
  const clock = options.clock;
  const publishing = new PublishingService({ clock });
  const related = new RelatedService(store, {
    onProgress: warn,
    engine: { recencyWeight: config.relatedRecencyWeight },
    clock,
  });
  const learner = learnerServices(store, openDictionaryOnce, { ...options.learner, clock, analyze });
  const filer = new SectionFiler({ threshold: config.classifyThreshold });
  const pipeline = new StoryPipeline(
    store,
    publishing,
    analyze,
    [related, new DuplicateGrouper(related)],
    filer,
  );
  return {
    config,
    store,
    reading: new ReadingService(store),
    publishing,
    levels: new LevelService(store, analyze, { clock }),
    related,
    search: new SearchService(store),
    pipeline,
    feeds: new FeedPoller(store, pipeline, { ...options.polling, allowHosts: config.fetchHosts, clock }),
    analyze,
    dictionary: openDictionaryOnce,
    learner,
    desk: deskServices(store, { accounts: learner.accounts, fetchHosts: config.fetchHosts, clock }),
    editing: new StoryEditing(store, pipeline, analyze, config.importLimits, { clock }),
    async close() {
      await store.close();
      dictionary?.close();
    },
  };
}

/** Runs `work` with open services and always closes them after. */
export async function withServices<T>(
  config: Config,
  work: (services: Services) => Promise<T>,
  options: ServiceOptions = {},
): Promise<T> {
  const services = await openServices(config, options);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/** Applies the pending schema migrations of `config.dbPath` (`lingwire migrate`). */
export function migrateDatabase(config: Config): Promise<{ description: string; version: number }> {
  return migrateStore(config.dbPath);
}

/**
 * Copies a whole site from the database `from` names to the one `to` names (`lingwire db copy`;
 * either may be a SQLite file or a PostgreSQL URL). See `store/site-copy.ts`.
 */
export async function copyDatabase(
  from: string,
  to: string,
  options: CopyOptions = {},
): Promise<CopySummary> {
  const source = await openTableAccess(from, { mustExist: true });
  try {
    const target = await openTableAccess(to);
    try {
      if (source.description === target.description) {
        throw new AppError('USAGE', `--from and --to name the same database (${source.description}).`);
      }
      return await copySite(source, target, options);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Writes a backup of `config.dbPath` to `file` (`lingwire backup`). See `store/site-backup.ts`. */
export function backupDatabase(
  config: Config,
  file: string,
  options: { force?: boolean } = {},
): Promise<void> {
  return backupSite(config.dbPath, file, { ...options, postgresBin: config.postgresBin });
}

/** Replaces the content of `config.dbPath` with the backup in `file` (`lingwire restore`). */
export function restoreDatabase(
  config: Config,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ stories: number }> {
  return restoreSite(config.dbPath, file, { ...options, postgresBin: config.postgresBin });
}
