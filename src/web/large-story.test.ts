/**
 * Issue #16, defect 2 (serving side): the largest story the import limits allow (200 KB of text
 * in 1,000 paragraphs: about 36,000 word spans, 2.5 MB of HTML) must not block the event loop
 * while its page renders: `/healthz` keeps answering in under 100 ms. The story is put into the
 * store directly (past any import limit), with its analysis, as an import would store it.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices, plainStory } from '../../test/services.js';
import type { StoryInput } from '../articles/model.js';
import { encodeAnalysis } from '../articles/story-analysis.js';
import { openDictionary } from '../dictionary/index.js';
import type { Services } from '../services.js';
import { buildApp } from './app.js';

const SENTENCES = [
  'The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.',
  'Engineers warned that rising water could flood several districts if the repairs were delayed again.',
  'Residents gathered outside the town hall, where officials promised a public inquiry into the costs.',
  'Farmers in the valley said the drought had cut their harvest by almost a third compared with last year.',
  "The minister's spokesman declined to comment on reports that the budget would be revised in March.",
  'Researchers at the university published a study showing how quickly coastal marshes recover after floods.',
  'Shipping companies expect freight prices to fall as new container terminals open along the river.',
  'Teachers welcomed the decision, although unions said more funding was needed for rural schools.',
];

/** `count` paragraphs of `chars` characters each, of plain news sentences. */
function bigStory(count: number, chars: number): StoryInput {
  const paragraphs: string[] = [];
  let n = 0;
  while (paragraphs.length < count) {
    let text = '';
    while (text.length < chars) text += `${SENTENCES[n++ % SENTENCES.length]} `;
    paragraphs.push(`${text.slice(0, chars - 1).trimEnd()}.`);
  }
  return {
    ...plainStory('The longest story allowed', paragraphs),
    source: 'test',
    externalId: 'largest',
    section: null,
  };
}

let services: Services;
let app: FastifyInstance;
let base: string;
let slug: string;
let chars: number;

beforeAll(async () => {
  services = memoryServices({ dictionary: openDictionary() });
  const input = bigStory(1000, 200);
  chars = input.paragraphs.reduce((sum, p) => sum + p.length, 0);
  const analysed = services.analyze(input.paragraphs);
  if (!analysed) throw new Error('the dictionary is needed for reader markup');
  await services.store.transaction(async (tx) => {
    const { story } = await services.publishing.saveStory(tx, input, null, analysed.level);
    await tx.analysis.saveStoryAnalysis(
      story.id,
      analysed.analysis.version,
      encodeAnalysis(analysed.analysis),
    );
    slug = story.slug;
  });
  app = await buildApp({ services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await app?.close();
});

/** Asks `/healthz` one request after another until `done()`; the time each answer took, ms. */
async function healthWaits(done: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  while (!done()) {
    const asked = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.text();
    if (!done()) waits.push(performance.now() - asked);
  }
  return waits;
}

/** One cold render of the story page with health checks meanwhile. */
async function renderWithHealthChecks() {
  (app as unknown as { lingwireCache: { clear(): void } }).lingwireCache.clear();
  // The machine's own jitter (other processes on 2 cores): the same checks with nothing rendering.
  const quietUntil = performance.now() + 300;
  const quiet = await healthWaits(() => performance.now() > quietUntil);
  const started = performance.now();
  let done = false;
  const page = fetch(`${base}/stories/${slug}`).then(async (res) => {
    const body = await res.text();
    done = true;
    return { status: res.status, body };
  });
  const waits = await healthWaits(() => done);
  const { status, body } = await page;
  return { status, body, waits, quiet, renderMs: performance.now() - started };
}

describe('the largest story allowed', () => {
  it('renders while /healthz keeps answering in under 100 ms', async () => {
    expect(chars).toBeGreaterThanOrEqual(199_000);
    // On a loaded machine a check can wait on the scheduler, not on us: up to three tries, each
    // allowed 100 ms beyond the slowest check of a quiet moment just before it.
    let result = await renderWithHealthChecks();
    const over = (r: typeof result) => Math.max(...r.waits) - Math.max(0, ...r.quiet);
    for (let attempt = 1; attempt < 3 && over(result) >= 100; attempt++)
      result = await renderWithHealthChecks();
    const { status, body, waits, quiet, renderMs } = result;
    console.log(
      `largest story: ${chars} characters → ${(body.length / 1e6).toFixed(1)} MB of HTML in ${renderMs.toFixed(0)} ms; ` +
        `${waits.length} health checks meanwhile, slowest ${Math.max(...waits).toFixed(0)} ms ` +
        `(with nothing rendering: slowest ${Math.max(0, ...quiet).toFixed(0)} ms)`,
    );
    expect(status).toBe(200);
    expect(body.match(/class="w"/g)?.length ?? 0).toBeGreaterThan(30_000);
    expect(body).toContain('生词表');
    expect(waits.length).toBeGreaterThan(0);
    expect(over(result)).toBeLessThan(100);
  }, 120_000);
});
