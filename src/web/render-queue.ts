/**
 * At most a few page renders at a time, the others waiting their turn in arrival order.
 *
 * A render yields to the event loop whenever it has run a slice (`runSliced`, 8 ms), so that the
 * longest story allowed never holds up other requests. Without a limit, every uncached page asked
 * for at once is in progress at once, and each slice of each waits for a slice of every other:
 * processor sharing, where they all finish together, late. Under `bench:http`'s cold run (64
 * connections, each asking for another uncached story) that gave every slow render (a long story,
 * or any story while nothing is compiled yet) a whole round of the others per slice, seconds in
 * all, and wrk counted the ones past 2 s as timeouts. Taking turns, a render waits for the ones
 * before it and then runs with few others, and one that yields loses a slice of a few renders,
 * not of all of them.
 *
 * More than one at a time, so that one render's waits (a PostgreSQL query, gzip on the thread
 * pool) leave the thread to another. A slot passes to the next render on the event loop's next
 * turn, so requests for cached pages and `/healthz` are answered between renders.
 */
import { nextTurn } from './reader/story-html.js';

/** Renders at a time: enough to overlap one's waits with another's work. */
export const RENDERS_AT_ONCE = 4;

export class RenderQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit = RENDERS_AT_ONCE) {}

  /** Runs `work` when a slot is free; when it ends, the slot passes to the longest waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      void this.release();
    }
  }

  private async release(): Promise<void> {
    if (this.waiting.length === 0) {
      this.running--;
      return;
    }
    await nextTurn();
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  /** Renders waiting for a slot (for tests and operators). */
  get queued(): number {
    return this.waiting.length;
  }
}
