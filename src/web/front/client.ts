/**
 * Starting and stopping the front thread (`thread.ts`) from the web thread, which keeps its copy
 * of the page cache current (`PageMirror`) and answers its sync requests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../../core/config.js';
import type { PageCache } from '../page-cache.js';
import { PageMirror } from './mirror.js';
import type { FromFront, FrontStats, FrontThreadData, ToFront } from './protocol.js';

export const FRONT_THREAD_PATH = join(PACKAGE_ROOT, 'dist', 'web', 'front', 'thread.js');

export interface FrontOptions extends FrontThreadData {
  /** The web thread's page cache, which the front copies. */
  cache: PageCache;
  log: (line: string) => void;
  /**
   * Called when the front stops on its own (a bug, memory): nothing listens where readers connect
   * then, so `serve` exits with an error for its supervisor to restart it.
   */
  onFailure: (error: Error) => void;
}

/** An error starting the front: `code` is the listen error's (`EADDRINUSE`, …). */
export class FrontStartError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export class FrontThread {
  private stopping: Promise<void> | null = null;
  private exited = false;
  private readonly statsWaiting: ((stats: FrontStats) => void)[] = [];

  private constructor(
    private readonly worker: Worker,
    /** The port readers connect to. */
    readonly port: number,
    options: FrontOptions,
  ) {
    worker.on('message', (message: FromFront) => {
      if (message.type === 'stats') for (const resolve of this.statsWaiting.splice(0)) resolve(message.stats);
      if (message.type === 'warning') options.log(`lingwire: front thread: ${message.message}`);
    });
    let failure: Error | null = null;
    worker.on('error', (error) => {
      failure = error;
      options.log(`lingwire: the front thread failed: ${error.stack ?? error.message}`);
    });
    worker.on('exit', (code) => {
      this.exited = true;
      if (!this.stopping) options.onFailure(failure ?? new Error(`the front thread exited (code ${code})`));
    });
  }

  /** Starts the front listening on `options.host:port`; resolves once it listens. */
  static async start(options: FrontOptions): Promise<FrontThread> {
    if (!existsSync(FRONT_THREAD_PATH)) {
      throw new FrontStartError(`${FRONT_THREAD_PATH} is missing; run \`npm run build\` first.`, undefined);
    }
    const { cache, log, onFailure, ...data } = options;
    const worker = new Worker(FRONT_THREAD_PATH, { workerData: data satisfies FrontThreadData });
    const post = (message: ToFront) => worker.postMessage(message);
    const mirror = new PageMirror(post);
    worker.on('message', (message: FromFront) => {
      if (message.type === 'sync') void mirror.answerSync(cache, message.id);
    });
    const port = await new Promise<number>((resolve, reject) => {
      const onMessage = (message: FromFront) => {
        if (message.type === 'listening') resolve(message.port);
        if (message.type === 'failed') reject(new FrontStartError(message.message, message.code));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new FrontStartError(`the front thread exited (${code}) while starting`, undefined)),
      );
    });
    // From here every page the web thread caches reaches the front too.
    cache.observe(mirror);
    return new FrontThread(worker, port, options);
  }

  /** What the front has answered and passed on so far. */
  stats(): Promise<FrontStats> {
    return new Promise((resolve) => {
      this.statsWaiting.push(resolve);
      this.worker.postMessage({ type: 'stats' } satisfies ToFront);
    });
  }

  /** Stops taking connections and finishes the requests in flight (the web thread must still answer them). */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'stop' } satisfies ToFront);
    });
    return this.stopping;
  }
}
