/**
 * The writer: the one place in a running site that stores stories and keeps the indexes that
 * cost memory and CPU (the related-stories engine: about 700 MB at 100,000 stories). `lingwire
 * serve` runs it in a worker thread (`thread.ts`), never on the thread that answers requests and
 * never in every web process. It polls the feeds that are due on its own timer (`FeedPoller`),
 * and editors' saves will go through it too.
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
import type { EditOutcome } from '../editing/stories.js';
import type { StoryChanges } from '../editing/story-changes.js';
import { type ImportOptions, type ImportSummary, importPaths } from '../ingest/import.js';
import type { BatchOptions, BatchSummary } from '../ingest/pipeline.js';
import type { PollResult } from '../ingest/polling/poller.js';
import type { Services } from '../services.js';
import { WRITER_META_KEY, type WriterHeartbeat } from './status.js';

/** Options of `Writer`. */
export interface WriterOptions {
  /** Milliseconds between heartbeats. Default 30,000; range ≥ 100. */
  heartbeatMs?: number;
  /** Milliseconds between checks for due feeds; null: no polling. Default 60,000; range ≥ 10. */
  pollEveryMs?: number | null;
  /** Where the writer's log lines go (failed polls). Default nowhere. */
  log?: (line: string) => void;
  /**
   * Load the related index (`RelatedService.warm`) and open the analyser in the background at
   * start, so the first new story does not wait for them. Default true; false only to measure
   * that wait.
   */
  warmRelated?: boolean;
}

/** What a writer is asked to do, as plain data (it crosses a thread boundary). */
export type WriterRequest =
  | { op: 'saveStories'; inputs: StoryInput[]; options?: BatchOptions }
  | {
      op: 'importPaths';
      paths: string[];
      options?: Omit<ImportOptions, 'onProgress'>;
    }
  /** Polls the feeds that are due, every feed (`all`), or one (`id`). */
  | { op: 'pollFeeds'; which: 'due' | 'all' | number }
  /** An editor's change of a story, or its deletion (`StoryEditing`), with this writer's index. */
  | { op: 'editStory'; id: number; changes: StoryChanges; actor: string }
  | { op: 'removeStory'; id: number; actor: string };

export class Writer {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = new Date().toISOString();
  private readonly heartbeatMs: number;

  constructor(
    private readonly services: Services,
    private readonly options: WriterOptions = {},
  ) {
    this.heartbeatMs = Math.max(100, options.heartbeatMs ?? 30_000);
  }

  /** Records the first heartbeat and keeps recording them until `close`; starts polling due feeds. */
  async start(): Promise<void> {
    await this.beat();
    if (this.options.warmRelated !== false) {
      // The analyser too (the dictionary and the tagger's model open on first use).
      setImmediate(() => {
        try {
          this.services.analyze(['The writer is ready.']);
        } catch {
          // The first story's analysis reports it.
        }
      });
      this.services.related.warm().catch((error: unknown) => {
        // The first batch loads it instead.
        this.options.log?.(`lingwire: loading the related index failed: ${(error as Error).message}`);
      });
    }
    const pollEveryMs = this.options.pollEveryMs === undefined ? 60_000 : this.options.pollEveryMs;
    if (pollEveryMs !== null) {
      const log = this.options.log ?? (() => {});
      this.services.feeds.start(
        pollEveryMs,
        (results) => {
          for (const r of results) if (r.error) log(`lingwire: feed ${r.feedId} ${r.url}: ${r.error}`);
        },
        (error) => log(`lingwire: polling feeds failed: ${error.message}`),
      );
    }
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

  /** Polls feeds now. */
  async pollFeeds(which: 'due' | 'all' | number): Promise<PollResult[]> {
    const { feeds } = this.services;
    if (which === 'due') return feeds.pollDue();
    if (which === 'all') return feeds.pollAll();
    return [await feeds.pollFeed(which)];
  }

  /** Runs one request. */
  async handle(
    request: WriterRequest,
  ): Promise<BatchSummary | ImportSummary | PollResult[] | EditOutcome | null> {
    switch (request.op) {
      case 'editStory':
        return this.services.editing.edit(request.id, request.changes, request.actor);
      case 'removeStory':
        await this.services.editing.remove(request.id, request.actor);
        return null;
      case 'pollFeeds':
        return this.pollFeeds(request.which);
      case 'saveStories':
        return this.saveStories(request.inputs, request.options);
      case 'importPaths':
        return this.importPaths(request.paths, request.options);
    }
  }

  /** Stops the heartbeat and the polling (waiting for a round in progress) and closes the services. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.services.feeds.stop();
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
