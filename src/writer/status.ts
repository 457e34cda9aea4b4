/** The writer's heartbeat as stored in the meta table, and how operators read it. */
import type { Store } from '../store/types.js';

export const WRITER_META_KEY = 'writer';

/** What a running writer records every `intervalMs`. */
export interface WriterHeartbeat {
  pid: number;
  /** Worker thread id (0: the main thread). */
  thread: number;
  startedAt: string;
  beatAt: string;
  intervalMs: number;
}

/** The writer as `/healthz` reports it. */
export interface WriterStatus {
  /** A heartbeat was recorded within three intervals. */
  alive: boolean;
  /** The last heartbeat; null when no writer ever ran on this database. */
  last: WriterHeartbeat | null;
}

export async function readWriterStatus(store: Pick<Store, 'meta'>, now = Date.now()): Promise<WriterStatus> {
  const value = await store.meta.findMeta(WRITER_META_KEY);
  if (!value) return { alive: false, last: null };
  const last = JSON.parse(value) as WriterHeartbeat;
  return { alive: now - Date.parse(last.beatAt) < 3 * last.intervalMs, last };
}
