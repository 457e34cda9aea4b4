/**
 * The writer: the one place in a running site that stores stories and keeps the indexes that
 * cost memory and CPU (the related-stories engine: about 700 MB at 100,000 stories). `lingwire
 * serve` runs it in a worker thread (`thread.ts`), never on the thread that answers requests and
 * never in every web process; feed polling and editors' saves will go through it.
 *
 * The writer lock is the database's write transaction (`BEGIN IMMEDIATE` on SQLite): a `lingwire
 * import` run while the site serves takes it for its batch like any writer, and each writer, at
 * the start of its next batch, reads the change log for what others wrote meanwhile and applies
 * just that to its in-memory index (`RelatedService.catchUp`), without a full reload.
 *
 * While it runs it records a heartbeat in the store's meta table (`writer`), which `/healthz`
 * reports; a write that no public page reads, so it leaves every cached page warm.
 */
import { threadId } from 'node:worker_threads';
import type { StoryInput } from '../articles/model.js';
import { type ImportOptions, type ImportSummary, importPaths } from '../ingest/import.js';
import type { BatchOptions, BatchSummary } from '../ingest/pipeline.js';
import type { Services } from '../services.js';
import { WRITER_META_KEY, type WriterHeartbeat } from './status.js';

/** Options of `Writer`. */
export interface WriterOptions {
  /** Milliseconds between heartbeats. Default 30,000; range ≥ 100. */
  heartbeatMs?: number;
}

/** What a writer is asked to do, as plain data (it crosses a thread boundary). */
export type WriterRequest =
  | { op: 'saveStories'; inputs: StoryInput[]; options?: BatchOptions }
  | {
      op: 'importPaths';
      paths: string[];
      options?: Omit<ImportOptions, 'onProgress'>;
    };

export class Writer {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = new Date().toISOString();
  private readonly heartbeatMs: number;

  constructor(
    private readonly services: Services,
    options: WriterOptions = {},
  ) {
    this.heartbeatMs = Math.max(100, options.heartbeatMs ?? 30_000);
  }

  /** Records the first heartbeat and keeps recording them until `close`. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beat().catch(() => {
        // A busy database skips a beat; the next one tries again.
      });
    }, this.heartbeatMs);
    this.timer.unref();
  }

  async saveStories(inputs: StoryInput[], options: BatchOptions = {}): Promise<BatchSummary> {
    return this.services.pipeline.saveStories(inputs, options);
  }

  async importPaths(
    paths: string[],
    options: Omit<ImportOptions, 'onProgress'> = {},
  ): Promise<ImportSummary> {
    return importPaths(this.services.pipeline, paths, options);
  }

  /** Runs one request. */
  async handle(request: WriterRequest): Promise<BatchSummary | ImportSummary> {
    switch (request.op) {
      case 'saveStories':
        return this.saveStories(request.inputs, request.options);
      case 'importPaths':
        return this.importPaths(request.paths, request.options);
    }
  }

  /** Stops the heartbeat and closes the services. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.services.close();
  }

  private async beat(): Promise<void> {
    const beat: WriterHeartbeat = {
      pid: process.pid,
      thread: threadId,
      startedAt: this.startedAt,
      beatAt: new Date().toISOString(),
      intervalMs: this.heartbeatMs,
    };
    await this.services.store.meta.saveMeta(WRITER_META_KEY, JSON.stringify(beat));
  }
}
