/**
 * The composition root for the CLI: the one place that picks the store adapter and wires the
 * services. Nothing is opened until a command asks for it.
 */
import { ArticleService } from '../articles/service.js';
import { lazyLevelEstimator } from '../articles/story-level.js';
import type { Config } from '../core/config.js';
import { type Dictionary, openDictionary } from '../dictionary/index.js';
import { RelatedService } from '../related/service.js';
import { openSqliteStore } from '../store/sqlite/store.js';
import type { Store } from '../store/types.js';

export interface CliContext {
  config: Config;
  store: Store;
  articles: ArticleService;
  related: RelatedService;
  /** Closes what the context opened. */
  close(): Promise<void>;
}

/** Options of `openContext`. */
export interface ContextOptions {
  /** For commands that only read: fail when the database does not exist instead of creating it. Default false. */
  mustExist?: boolean;
  /** Where warnings go. Default standard error. */
  warn?: (line: string) => void;
}

export function openContext(config: Config, options: ContextOptions = {}): CliContext {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store = openSqliteStore(config.dbPath, { mustExist: options.mustExist });
  let dictionary: Dictionary | null = null;
  const estimateLevel = lazyLevelEstimator(
    () => {
      dictionary = openDictionary();
      return dictionary;
    },
    (message) => warn(`lingwire: ${message}`),
  );
  return {
    config,
    store,
    articles: new ArticleService(store, { estimateLevel }),
    related: new RelatedService(store, {
      onProgress: warn,
      engine: { recencyWeight: config.relatedRecencyWeight },
    }),
    async close() {
      await store.close();
      (dictionary as Dictionary | null)?.close();
    },
  };
}

/** Runs `work` with an open context and always closes the store after. */
export async function withContext<T>(
  config: Config,
  work: (ctx: CliContext) => Promise<T>,
  options: ContextOptions = {},
): Promise<T> {
  const ctx = openContext(config, options);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
