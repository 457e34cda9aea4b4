/**
 * Listening and stopping. On SIGINT or SIGTERM the server stops taking connections, lets requests
 * in flight finish, closes the store, and exits 0.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import { buildApp, type WebServices } from './app.js';

export interface RunningServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:3000` */
  url: string;
  stop(): Promise<void>;
}

/** Starts the site on `services`, which it closes when it stops. */
export async function startServer(
  config: Config,
  services: WebServices,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<RunningServer> {
  const app = await buildApp({
    services,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    rateLimits: config.rateLimits,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  await app.listen({ port: config.port, host: config.host });
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
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
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
    // Closing the app lets requests in flight finish, then closes the services.
    stopping ??= app.close();
    return stopping;
  };
  return { app, url, stop };
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
