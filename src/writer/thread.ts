/**
 * The writer's worker-thread entry: opens its own services (its own database connection) from
 * the config it is started with, and answers `WriterRequest`s posted by `WriterThread`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import { openServices } from '../services.js';
import { Writer, type WriterRequest } from './writer.js';

export interface WriterThreadData {
  config: Config;
  heartbeatMs?: number;
  /** `WriterOptions.pollEveryMs`. */
  pollEveryMs?: number | null;
  /** `WriterOptions.warmRelated`. */
  warmRelated?: boolean;
}

/** Messages from the writer thread. */
export type WriterMessage =
  | { type: 'ready' }
  | { type: 'log'; line: string }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; code: string | null; message: string };

const port = parentPort;
if (!port) throw new Error('writer/thread.js runs as a worker thread (started by WriterThread)');
const data = workerData as WriterThreadData;
const post = (message: WriterMessage) => port.postMessage(message);
const services = await openServices(data.config, { warn: (line) => post({ type: 'log', line }) });
const writer = new Writer(services, {
  heartbeatMs: data.heartbeatMs,
  pollEveryMs: data.pollEveryMs,
  warmRelated: data.warmRelated,
  log: (line) => post({ type: 'log', line }),
});

/** Requests still running: closing waits for them. */
const running = new Set<Promise<unknown>>();

port.on('message', (message: { id: number; request: WriterRequest } | { close: true }) => {
  if ('close' in message) {
    Promise.allSettled(running)
      .then(() => writer.close())
      .finally(() => port.close());
    return;
  }
  const work = writer.handle(message.request);
  running.add(work);
  work.finally(() => running.delete(work)).catch(() => {});
  work.then(
    (result) => post({ type: 'done', id: message.id, result }),
    (error: unknown) =>
      post({
        type: 'failed',
        id: message.id,
        code: isAppError(error) ? error.code : null,
        message: (error as Error).message ?? String(error),
      }),
  );
});

writer.start().then(
  () => post({ type: 'ready' }),
  (error: unknown) => {
    post({ type: 'log', line: `lingwire: the writer could not start: ${(error as Error).message}` });
    throw error;
  },
);
