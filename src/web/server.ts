/**
 * Listening and stopping. On SIGINT or SIGTERM the server stops taking connections, lets requests
 * in flight finish, closes the store, and exits 0.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import { buildApp, type WebServices } from './app.js';
import { FrontThread } from './front/client.js';
import { constantSecurityHeaders } from './security-headers.js';

export interface RunningServer {
  app: FastifyInstance;
  /** The front thread answering cached pages (`front/thread.ts`), when it runs (`Config.front`). */
  front: FrontThread | null;
  /** `http://127.0.0.1:3000` */
  url: string;
  stop(): Promise<void>;
}

/** Starts the site on `services`, which it closes when it stops. */
export async function startServer(
  config: Config,
  services: WebServices,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  /**
   * When the front thread stops on its own: nothing answers readers then. `serve` exits with an
   * error (a supervisor restarts it); by default it is only said.
   */
  onFrontFailure: (error: Error) => void = (error) =>
    warn(`lingwire: the front thread stopped: ${error.message}`),
): Promise<RunningServer> {
  // The front needs the database's change counter (a SQLite file) and one set of security headers
  // for every request (none of a trusted proxy's per-request https); else the web thread serves all.
  const security = constantSecurityHeaders({
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy !== false,
  });
  const sqlite = services.store.sqlite;
  const withFront = config.front && config.trustProxy === false && security !== null && sqlite !== null;
  const frontSecret = withFront ? randomBytes(24).toString('base64url') : undefined;
  const app = await buildApp({
    services,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    rateLimits: config.rateLimits,
    frontSecret,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  let front: FrontThread | null = null;
  let port: number;
  if (frontSecret !== undefined && security !== null && sqlite !== null) {
    // The site on a loopback port of its own; the front where readers connect.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const inner = app.server.address();
    try {
      front = await FrontThread.start({
        host: config.host,
        port: config.port,
        app: { host: '127.0.0.1', port: typeof inner === 'object' && inner ? inner.port : 0 },
        dbPath: sqlite.file,
        localWrites: sqlite.localWrites,
        security,
        secret: frontSecret,
        cache: app.lingwireCache,
        log: warn,
        onFailure: onFrontFailure,
      });
    } catch (error) {
      await app.close();
      throw error;
    }
    port = front.port;
  } else {
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
  }
  // 为我推荐's lemma index is read from every stored analysis (seconds to a minute at 100,000
  // stories on a small machine), always in a worker thread (`learner/for-me-index.ts`); on a site
  // that has learners, start now, so a learner's first list does not wait for all of it.
  services.learner.forMe.useWorker(config.dbPath);
  void services.learner.accounts
    .listUsers()
    .then((users) => (users.length > 0 ? services.learner.forMe.warm(config.dbPath) : null))
    .catch((error: unknown) => {
      app.log.error({ err: error }, 'loading the for-me index failed');
    });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  if (!config.publicUrl) {
    // Links in pages, feeds and the sitemap need an absolute address; never the request's Host.
    app.lingwireSite.url = url;
    warn(
      `lingwire: LINGWIRE_PUBLIC_URL is not set: canonical links, feeds and the sitemap use ${url}; set it to the address readers use.`,
    );
  }
  let stopping: Promise<void> | null = null;
  const stop = () => {
    // The front finishes the requests in flight (the app still answers those it passed on); then
    // closing the app lets its own finish, and closes the services.
    stopping ??= (async () => {
      await front?.stop();
      await app.close();
    })();
    return stopping;
  };
  return { app, front, url, stop };
}

/** Stops the server on SIGINT/SIGTERM; a second signal exits at once. */
export function stopOnSignals(server: Pick<RunningServer, 'stop'>, log: (line: string) => void): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    log(`lingwire: ${signal} received, finishing requests in flight…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`lingwire: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
