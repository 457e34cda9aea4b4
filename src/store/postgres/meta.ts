/** Small operator state on PostgreSQL (the writer's heartbeat and the like). */
import type { MetaRepo } from '../types.js';
import type { Scope } from './scope.js';

/** The meta repository of `scope`. Its writes record no change tag: no page shows them. */
export function postgresMetaRepo(scope: Scope): MetaRepo {
  return {
    async findMeta(key) {
      const [row] = await scope.read<{ value: string }>(
        'meta.findMeta',
        'SELECT value FROM meta WHERE key = $1',
        [key],
      );
      return row?.value ?? null;
    },
    saveMeta(key, value) {
      return scope.write('meta.saveMeta', async (query) => {
        await query(
          `INSERT INTO meta (key, value, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [key, value, new Date().toISOString()],
        );
      });
    },
  };
}
