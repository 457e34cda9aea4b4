/**
 * The front thread (issue #16: cached pages at ≥ 0.8× a bare `node:http` server). It listens
 * where readers connect, answers the pages the web thread has cached (`FastPath` over
 * `FrontPages`, its copy of the page cache), and passes everything else to the web thread's
 * server on a loopback port (`pass.ts`).
 *
 * Why a thread of its own: measured in one process, the same fast-path code served a cached story
 * at 1.00× bare node:http alone and 0.75× inside the full server, where Fastify, the store, the
 * renderer and their streams have made Node's http and stream internals polymorphic (slower
 * property access in code every request runs). A worker thread is its own V8 isolate: here that
 * code sees only this thread's few shapes. It loads Node's http, better-sqlite3 (one read-only
 * connection, for the change counter) and the fast path, nothing of the site's code paths.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { SERVING_CHANGE_CHECK_MS } from '../../store/change-check.js';
import { FastPath, fastPathServer } from '../fast-path.js';
import { requestLimitOptions } from '../request-limits.js';
import { FrontPages } from './pages.js';
import { passTo } from './pass.js';
import type { FromFront, FrontStats, FrontThreadData, ToFront } from './protocol.js';

const data = workerData as FrontThreadData;
const port = parentPort!;
const post = (message: FromFront) => port.postMessage(message);

const db = new Database(data.dbPath, { readonly: true, fileMustExist: true });
const dataVersion = db.prepare('PRAGMA data_version').pluck();

/**
 * Whether the database changed since the last call: the web thread's writes from the counter it
 * bumps on shared memory (nanoseconds), anyone else's from `PRAGMA data_version` on this
 * connection (a read transaction, about 3 µs, a tenth of a cached page's whole cost here), read
 * at most once a millisecond, as the web thread's store reads it (`SERVING_CHANGE_CHECK_MS`).
 */
let version = dataVersion.get() as number;
let writes = Atomics.load(data.localWrites, 0);
let checkedAt = performance.now();
function changed(): boolean {
  let moved = false;
  const now = Atomics.load(data.localWrites, 0);
  if (now !== writes) {
    writes = now;
    moved = true;
  }
  const time = performance.now();
  if (time - checkedAt >= SERVING_CHANGE_CHECK_MS) {
    checkedAt = time;
    const current = dataVersion.get() as number;
    if (current !== version) {
      version = current;
      moved = true;
    }
  }
  return moved;
}

const pages = new FrontPages(changed, (id) => post({ type: 'sync', id }));
const fastPath = new FastPath(pages, data.security, true);
const pass = passTo(data.app, data.secret, data.security);
const stats: FrontStats = { served: 0, passed: 0 };
const limits = requestLimitOptions();
const server = fastPathServer(fastPath)(
  (req, res) => {
    stats.passed++;
    pass.handler(req, res);
  },
  { http: limits.http },
);
server.on('clientError', limits.clientErrorHandler!);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  fastPath.close();
  // Finish what is in flight; idle kept-alive connections close now, and the rest after 10 s.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const force = setTimeout(() => server.closeAllConnections(), 10_000);
  server.close(() => {
    clearInterval(idle);
    clearTimeout(force);
    pass.close();
    db.close();
    post({ type: 'stopped' });
    port.close();
  });
}

port.on('message', (message: ToFront) => {
  switch (message.type) {
    case 'pages':
      pages.apply(message.ops);
      break;
    case 'synced':
      pages.synced(message.id);
      break;
    case 'stats':
      post({ type: 'stats', stats: { ...stats, served: fastPath.stats.served } });
      break;
    case 'stop':
      stop();
      break;
  }
});

const failedToListen = (error: Error & { code?: string }) => {
  post({ type: 'failed', message: error.message, code: error.code });
  db.close();
  port.close();
};
server.once('error', failedToListen);
server.listen(data.port, data.host, () => {
  server.off('error', failedToListen);
  // Later errors (a failed accept when out of file descriptors) are reported; the server goes on.
  server.on('error', (error: Error) => post({ type: 'warning', message: error.message }));
  const address = server.address();
  post({ type: 'listening', port: typeof address === 'object' && address ? address.port : data.port });
});
