/**
 * The change log on PostgreSQL: appending one entry per committed write, pruning old entries, the
 * notification that moves other processes' change tokens, and the `ChangeRepo` questions.
 *
 * An entry is appended inside the writing transaction just before COMMIT, under a transaction-level
 * advisory lock held until COMMIT: sequence numbers are taken in commit order across processes, so
 * a reader that has seen entry N never later finds a smaller one appear. A sequence can still
 * leave a gap (a COMMIT that fails after the append), so pruning records how far it went in
 * `changes_pruned` and `findChangesSince` asks that, not whether `seq + 1` is there.
 */
import type { ChangeRepo } from '../types.js';
import type { Query } from './scope.js';

/** How much of the change log to keep. */
export interface ChangeLogOptions {
  /** Entries kept after a prune (the newest). Default 50,000; ≥ 1. */
  changeLogKeep?: number;
  /** Prune once every this many entries, so most appends stay one INSERT. Default 500; ≥ 1. */
  changeLogPruneEvery?: number;
}

/** The channel every write transaction notifies, with the schema it wrote to as payload. */
export const CHANGE_CHANNEL = 'lingwire_changes';

/** Appends change-log entries on the writing transaction's client. */
export function changeLogWriter(options: ChangeLogOptions = {}): {
  /** Appends the entry of `tags` (none when empty) and notifies listeners that something was written. */
  commitWork(query: Query, tags: ReadonlySet<string>): Promise<void>;
} {
  const keep = Math.max(1, options.changeLogKeep ?? 50_000);
  const every = Math.max(1, options.changeLogPruneEvery ?? 500);
  return {
    async commitWork(query, tags) {
      // Every committed write moves the other processes' tokens (as SQLite's data_version does),
      // even one without tags such as the writer's heartbeat; the entry tells them what changed.
      await query('SELECT pg_notify($1, current_schema())', [CHANGE_CHANNEL]);
      if (tags.size === 0) return;
      await query("SELECT pg_advisory_xact_lock(hashtext('lingwire.changes:' || current_schema()))");
      const [row] = await query<{ seq: string }>(
        'INSERT INTO changes (tags, at) VALUES ($1, $2) RETURNING seq',
        [JSON.stringify([...tags].sort()), new Date().toISOString()],
      );
      const seq = Number(row!.seq);
      if (seq % every === 0 && seq > keep) {
        await query('DELETE FROM changes WHERE seq <= $1', [seq - keep]);
        await query('UPDATE changes_pruned SET through = GREATEST(through, $1) WHERE id = 1', [seq - keep]);
      }
    },
  };
}

/**
 * The change log's questions. They read committed state and are allowed from any async context,
 * inside a transaction's work too, so they run on the pool, never on a transaction's client.
 */
export function postgresChangeRepo(query: Query): ChangeRepo {
  // One statement, so the bounds and the entries come from one snapshot: a prune committed
  // between two statements cannot take entries from under an answer.
  const since = async (seq: number) => {
    const [row] = await query<{ latest: string; pruned: string; entries: string[] | null }>(
      `WITH b AS (
         SELECT COALESCE((SELECT MAX(seq) FROM changes), 0) AS latest,
                (SELECT through FROM changes_pruned WHERE id = 1) AS pruned)
       SELECT latest, pruned,
              CASE WHEN $1::bigint >= pruned AND $1::bigint < latest
                   THEN ARRAY(SELECT tags FROM changes WHERE seq > $1::bigint ORDER BY seq) END AS entries
       FROM b`,
      [seq],
    );
    return { latest: Number(row!.latest), pruned: Number(row!.pruned), entries: row!.entries };
  };
  return {
    async latestChange() {
      const [row] = await query<{ latest: string }>('SELECT COALESCE(MAX(seq), 0) AS latest FROM changes');
      return Number(row!.latest);
    },
    async findChangesSince(seq) {
      const { latest, pruned, entries } = await since(seq);
      if (seq > latest) return null;
      if (seq === latest) return { latest, tags: [] };
      // Entries up to `pruned` may be gone: a point before it cannot be answered.
      if (seq < pruned || !entries) return null;
      const tags = new Set<string>();
      for (const entry of entries) for (const tag of JSON.parse(entry) as string[]) tags.add(tag);
      return { latest, tags: [...tags].sort() };
    },
  };
}
