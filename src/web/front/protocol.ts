/**
 * Messages between the web thread and the front thread (`thread.ts`). The web thread owns the
 * page cache and tells the front of every change to it (`PageOp`s, in the cache's order); the
 * front asks it to catch up with the change log when the database moved (`sync`).
 */

/** A cached page as sent: `body` lies on a `SharedArrayBuffer`, so both threads hold one copy. */
export interface SharedPage {
  body: Uint8Array;
  etag: string;
  gzipEtag: string;
  contentType: string;
  lastModified: number | null;
}

export type PageOp =
  | { op: 'store'; key: string; page: SharedPage }
  | { op: 'drop'; key: string }
  | { op: 'clear' }
  | { op: 'remember'; url: string; key: string }
  | { op: 'forget'; url: string };

/** Web thread → front thread. */
export type ToFront =
  | { type: 'pages'; ops: PageOp[] }
  /** The page cache has caught up with every change committed before sync request `id` was made. */
  | { type: 'synced'; id: number }
  | { type: 'stats' }
  | { type: 'stop' };

/** What the front thread has done, for operators and tests. */
export interface FrontStats {
  /** Requests answered from its pages. */
  served: number;
  /** Requests passed to the web thread. */
  passed: number;
}

/** Front thread → web thread. */
export type FromFront =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'sync'; id: number }
  | { type: 'stats'; stats: FrontStats }
  | { type: 'warning'; message: string }
  | { type: 'stopped' };

export interface FrontThreadData {
  /** Where readers connect. */
  host: string;
  port: number;
  /** Where the web thread's server listens (loopback). */
  app: { host: string; port: number };
  /** The SQLite file, for its change counter (`PRAGMA data_version`). */
  dbPath: string;
  /** The web thread's store's count of its own writes, on shared memory (`Store.sqlite`). */
  localWrites: Int32Array;
  /** The headers every response carries (`constantSecurityHeaders`). */
  security: Readonly<Record<string, string>>;
  /** Sent with every request passed on, so the web thread believes the client address it names. */
  secret: string;
}

/** The header that carries `FrontThreadData.secret`. */
export const FRONT_SECRET_HEADER = 'x-lingwire-front';
