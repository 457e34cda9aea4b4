/**
 * The change token's source on PostgreSQL: one dedicated client per store that LISTENs on the
 * change channel and counts notifications for its schema. Every committed write transaction, in any
 * process, notifies (`changes.ts`), so the count moves when something was written; reading it is
 * synchronous and free, which is what a page cache checking it on every request needs.
 *
 * If the listening connection drops, the token changes on every call until it is back (so caches
 * ask the change log each time rather than serving pages that may be stale), and once reconnected
 * it moves again, since anything may have been written meanwhile.
 */
import type pg from 'pg';
import { CHANGE_CHANNEL } from './changes.js';
import { connectClient, type PostgresOpenOptions } from './open.js';

/** What the store reads from its listener. */
export interface ChangeListener {
  /** Moves whenever another connection (or this store) committed a write. */
  token(): string;
  /** Resolves once every notification committed before the call has been counted. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const RETRY_MS = [100, 500, 1000, 5000, 15000];

export async function listenForChanges(url: string, options: PostgresOpenOptions): Promise<ChangeListener> {
  let notified = 0;
  let connects = 0;
  let misses = 0;
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = await connectClient(url, options);
    const lost = () => {
      if (client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      if (!closed) schedule(0);
    };
    next.on('error', lost);
    next.on('end', lost);
    const { rows } = await next.query<{ schema: string }>('SELECT current_schema() AS schema');
    const schema = rows[0]!.schema;
    next.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload === schema) notified++;
    });
    await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    client = next;
    connects++;
  };
  const schedule = (attempt: number) => {
    retry = setTimeout(
      () => {
        connect().catch(() => {
          if (!closed) schedule(attempt + 1);
        });
      },
      RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)],
    );
    retry.unref();
  };

  await connect();
  return {
    token() {
      return client ? `${connects}.${notified}` : `down.${++misses}`;
    },
    async settle() {
      // Notifications reach an idle listening session before the answer to its next query.
      await client?.query('SELECT 1');
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}
