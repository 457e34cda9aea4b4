/**
 * The composition root for the CLI: the one place that picks the store adapter and wires the
 * services. Nothing is opened until a command asks for it.
 */
import { ArticleService } from '../articles/service.js';
import type { Config } from '../core/config.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/types.js';

export interface CliContext {
  config: Config;
  store: Store;
  articles: ArticleService;
}

export function openContext(config: Config): CliContext {
  const store = openSqliteStore(config.dbPath);
  return { config, store, articles: new ArticleService(store) };
}

/** Runs `work` with an open context and always closes the store after. */
export async function withContext<T>(config: Config, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = openContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.store.close();
  }
}
