/**
 * The change log on SQLite: appending one entry per committed write, pruning old entries, and the
 * `ChangeRepo` questions. Entries are appended inside the writing transaction, just before COMMIT,
 * so their order is commit order and a rolled-back transaction leaves none.
 */
import type Database from 'better-sqlite3';
import type { ChangeRepo } from '../types.js';

/** How much of the change log to keep. */
export interface ChangeLogOptions {
  /** Entries kept after a prune (the newest). Default 50,000; ≥ 1. */
  changeLogKeep?: number;
  /** Prune once every this many entries, so most appends stay one INSERT. Default 500; ≥ 1. */
  changeLogPruneEvery?: number;
}

/** Appends change-log entries through `prepare` (the connection's statement cache). */
export function changeLogWriter(
  prepare: (sql: string) => Database.Statement,
  options: ChangeLogOptions = {},
): { append(tags: ReadonlySet<string>): void } {
  const keep = Math.max(1, options.changeLogKeep ?? 50_000);
  const every = Math.max(1, options.changeLogPruneEvery ?? 500);
  return {
    append(tags) {
      if (tags.size === 0) return;
      const { seq } = prepare('INSERT INTO changes (tags, at) VALUES (?, ?) RETURNING seq').get(
        JSON.stringify([...tags].sort()),
        new Date().toISOString(),
      ) as { seq: number };
      if (seq % every === 0) prepare('DELETE FROM changes WHERE seq <= ?').run(seq - keep);
    },
  };
}

/**
 * The change log's questions. They read committed state and are allowed from any async context,
 * inside a transaction's work too, so `read` here is only for the busy check.
 */
export function sqliteChangeRepo(
  prepare: (sql: string) => Database.Statement,
  read: <T>(run: () => T) => T,
): ChangeRepo {
  const bounds = () =>
    prepare('SELECT COALESCE(MAX(seq), 0) AS latest, MIN(seq) AS oldest FROM changes').get() as {
      latest: number;
      oldest: number | null;
    };
  return {
    async latestChange() {
      return read(() => bounds().latest);
    },
    async findChangesSince(seq) {
      return read(() => {
        const { latest, oldest } = bounds();
        if (seq > latest) return null;
        if (seq === latest) return { latest, tags: [] };
        // Sequence numbers have no gaps (AUTOINCREMENT; a rollback takes its number back), so a
        // missing seq + 1 means it was pruned.
        if (oldest === null || oldest > seq + 1) return null;
        const tags = new Set<string>();
        const rows = prepare('SELECT tags FROM changes WHERE seq > ? ORDER BY seq').iterate(seq) as Iterable<{
          tags: string;
        }>;
        for (const row of rows) for (const tag of JSON.parse(row.tags) as string[]) tags.add(tag);
        return { latest, tags: [...tags].sort() };
      });
    },
  };
}
