/** Small operator state on SQLite (the writer's heartbeat and the like). */
import type { MetaRepo } from '../types.js';
import type { Scope } from './scope.js';

/** The meta repository of `scope`. Its writes record no change tag: no page shows them. */
export function sqliteMetaRepo(scope: Scope): MetaRepo {
  return {
    async findMeta(key) {
      return scope.read(
        'meta.findMeta',
        () =>
          (scope.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
            ?.value ?? null,
      );
    },
    saveMeta(key, value) {
      return scope.write('meta.saveMeta', () => {
        scope
          .prepare(
            `INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(key, value, new Date().toISOString());
      });
    },
  };
}
