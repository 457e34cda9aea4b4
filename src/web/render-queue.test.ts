import { describe, expect, it } from 'vitest';
import { runSliced } from './reader/story-html.js';
import { RenderQueue } from './render-queue.js';

/** A render of `steps` slices of work, each longer than a slice, so it yields after every one. */
function slowRender(steps: number, log: string[], name: string): () => Promise<string> {
  return async () => {
    log.push(`start ${name}`);
    let left = steps;
    await runSliced(() => {
      const until = performance.now() + 2;
      while (performance.now() < until) {
        // busy: a slice of rendering
      }
      return --left > 0;
    }, 1);
    log.push(`end ${name}`);
    return name;
  };
}

describe('RenderQueue', () => {
  it('runs at most `limit` renders at once, in arrival order, so the first finish first', async () => {
    const queue = new RenderQueue(2);
    const log: string[] = [];
    const done = await Promise.all(
      Array.from({ length: 8 }, (_, i) => queue.run(slowRender(5, log, String(i)))),
    );
    expect(done).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    // When the first render ends, only the renders before the limit have started.
    const firstEnd = log.indexOf('end 0');
    expect(log.slice(0, firstEnd).filter((l) => l.startsWith('start'))).toEqual(['start 0', 'start 1']);
    expect(log.filter((l) => l.startsWith('start'))).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `start ${i}`),
    );
    expect(queue.queued).toBe(0);
  });

  it('lets other work in between renders: a slot passes on the next turn of the event loop', async () => {
    const queue = new RenderQueue(1);
    const log: string[] = [];
    const renders = Array.from({ length: 4 }, (_, i) =>
      queue.run(async () => {
        log.push(`render ${i}`);
        return i;
      }),
    );
    // A request that arrives meanwhile (an I/O callback) is not kept waiting for every render.
    setImmediate(() => log.push('other request'));
    await Promise.all(renders);
    expect(log).toEqual(['render 0', 'other request', 'render 1', 'render 2', 'render 3']);
  });

  it('passes the slot on when a render fails', async () => {
    const queue = new RenderQueue(1);
    const failed = queue.run(async () => {
      throw new Error('render failed');
    });
    await expect(failed).rejects.toThrow('render failed');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});
