/**
 * Starting the writer thread and talking to it: `lingwire serve` starts one; the web side holds
 * a `WriterThread` to hand it stories (editors' saves and feeds will), and stops it on shutdown.
 *
 * The thread runs the compiled `dist/writer/thread.js` (built by `npm run build`, which `npm
 * start` and `npm test` run first): worker threads load plain JavaScript.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StoryInput } from '../articles/model.js';
import type { Config } from '../core/config.js';
import { PACKAGE_ROOT } from '../core/config.js';
import { AppError, type ErrorCode } from '../core/errors.js';
import type { EditOutcome } from '../editing/stories.js';
import type { StoryChanges } from '../editing/story-changes.js';
import type { ImportOptions, ImportSummary } from '../ingest/import.js';
import type { BatchOptions, BatchSummary } from '../ingest/pipeline.js';
import type { PollResult } from '../ingest/polling/poller.js';
import type { WriterMessage, WriterThreadData } from './thread.js';
import type { WriterRequest } from './writer.js';

/** Where the compiled thread entry is. */
export const WRITER_THREAD_PATH = join(PACKAGE_ROOT, 'dist', 'writer', 'thread.js');

export class WriterThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited: Promise<number>;
  /** Why requests are refused at once: the thread stopped, or is closing; null while it runs. */
  private gone: string | null = null;
  private readonly onStop: Array<(why: string) => void> = [];

  private constructor(
    private readonly worker: Worker,
    log: (line: string) => void,
  ) {
    // After a successful start an error ends the thread: say so (the exit below refuses what follows).
    worker.on('error', (error) => log(`lingwire: the writer thread failed: ${error.message}`));
    worker.on('message', (message: WriterMessage) => {
      if (message.type === 'log') log(message.line);
      if (message.type !== 'done' && message.type !== 'failed') return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.type === 'done') waiting.resolve(message.result);
      else
        waiting.reject(
          message.code
            ? new AppError(message.code as ErrorCode, message.message)
            : new Error(`writer: ${message.message}`),
        );
    });
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    this.exited.then((code) => {
      const why = `the writer thread stopped (exit code ${code})`;
      const closing = this.gone !== null;
      this.gone ??= why;
      for (const waiting of this.pending.values())
        waiting.reject(new AppError('STORE_FAILURE', `writer: ${why}`));
      this.pending.clear();
      if (!closing) {
        log(`lingwire: ${why}; feeds are not polled until the server restarts.`);
        for (const listener of this.onStop) listener(why);
      }
    });
  }

  /** Whether the thread still takes requests. */
  get alive(): boolean {
    return this.gone === null;
  }

  /** Calls `listener` if the thread stops other than by `close()` (a crash). */
  onStopped(listener: (why: string) => void): void {
    this.onStop.push(listener);
  }

  /** Starts a writer thread on `config`'s database and waits until it has recorded its first heartbeat. */
  static async start(
    config: Config,
    options: {
      heartbeatMs?: number;
      pollEveryMs?: number | null;
      warmRelated?: boolean;
      log?: (line: string) => void;
    } = {},
  ): Promise<WriterThread> {
    if (!existsSync(WRITER_THREAD_PATH)) {
      throw new AppError(
        'STORE_FAILURE',
        `writer: ${WRITER_THREAD_PATH} is missing; run \`npm run build\` first.`,
      );
    }
    const data: WriterThreadData = {
      config,
      heartbeatMs: options.heartbeatMs,
      pollEveryMs: options.pollEveryMs,
      warmRelated: options.warmRelated,
    };
    const worker = new Worker(WRITER_THREAD_PATH, { workerData: data });
    const thread = new WriterThread(worker, options.log ?? ((line) => process.stderr.write(`${line}\n`)));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: WriterMessage) => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`writer: the writer thread exited (${code}) while starting`)),
      );
    });
    return thread;
  }

  saveStories(inputs: StoryInput[], options?: BatchOptions): Promise<BatchSummary> {
    return this.request({ op: 'saveStories', inputs, options }) as Promise<BatchSummary>;
  }

  importPaths(paths: string[], options?: Omit<ImportOptions, 'onProgress'>): Promise<ImportSummary> {
    return this.request({ op: 'importPaths', paths, options }) as Promise<ImportSummary>;
  }

  /** Polls feeds now in the writer: the due ones, every one, or one by id. */
  pollFeeds(which: 'due' | 'all' | number): Promise<PollResult[]> {
    return this.request({ op: 'pollFeeds', which }) as Promise<PollResult[]>;
  }

  /** An editor's change of story `id`, made by the writer (`StoryEditing.useWriter`). */
  editStory(id: number, changes: StoryChanges, actor: string): Promise<EditOutcome> {
    return this.request({ op: 'editStory', id, changes, actor }) as Promise<EditOutcome>;
  }

  /** Deletes story `id`, by the writer. */
  async removeStory(id: number, actor: string): Promise<void> {
    await this.request({ op: 'removeStory', id, actor });
  }

  /** Lets the writer finish what it is doing, closes its database, and ends the thread. */
  async close(): Promise<void> {
    this.gone ??= 'the writer thread is closing';
    this.worker.postMessage({ close: true });
    const timeout = setTimeout(() => this.worker.terminate(), 10_000);
    await this.exited;
    clearTimeout(timeout);
  }

  private request(request: WriterRequest): Promise<unknown> {
    // A stopped worker takes messages and never answers: refuse at once rather than hang.
    if (this.gone !== null) return Promise.reject(new AppError('STORE_FAILURE', `writer: ${this.gone}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }
}
