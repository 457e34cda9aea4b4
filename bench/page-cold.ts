/**
 * Cold story-page renders: the time to answer a story page that is not in the page cache, over
 * 600 different BBC stories, rendered from the analysis stored at write time (what lingwire does)
 * and, as the baseline measured in the same run, analysed on the request (what it did before:
 * every render tokenized, lemmatized and looked up the whole story). Both go through the real app
 * (`app.inject`, routing, store queries, views, gzip and ETag included) and must give the same
 * bytes. Needs ../shared (BBC corpus, research-only: read at run time, never stored in the repo).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadingService } from '../src/articles/reading.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { openDictionary } from '../src/dictionary/index.js';
import { importPaths } from '../src/ingest/import.js';
import { openServices } from '../src/services.js';
import type { Store } from '../src/store/types.js';
import { buildApp } from '../src/web/app.js';
import { storyPath } from '../src/web/paths.js';
import { NEWS_DIR } from '../test/shared-data.js';

const STORIES = Number(process.env.BENCH_COLD_STORIES ?? 600);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export async function benchColdRenders(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-cold-'));
  const dictionary = openDictionary();
  dictionary.preload();
  const services = await openServices(
    { ...DEFAULT_CONFIG, dbPath: join(dir, 'cold.db') },
    { dictionary, warn: () => {} },
  );
  try {
    const lines = readFileSync(join(NEWS_DIR, 'bbc.train.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(0, STORIES);
    const input = join(dir, 'bbc.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const started = performance.now();
    await importPaths(services.pipeline, [input]);
    const importMs = performance.now() - started;
    const stories = await services.reading.listStories({ limit: STORIES, offset: 0 });

    const keep = { ...services, close: async () => {} };
    const stored = await buildApp({ services: keep });
    // The baseline: the same app over a store that has no stored analysis, so every render analyses.
    const withoutAnalysis: Store = Object.assign(Object.create(services.store) as Store, {
      analysis: { ...services.store.analysis, findStoryAnalysis: async () => null },
    });
    const baseline = await buildApp({
      services: { ...keep, store: withoutAnalysis, reading: new ReadingService(withoutAnalysis) },
    });
    const times = { stored: [] as number[], baseline: [] as number[] };
    let differing = 0;
    for (const [i, story] of stories.entries()) {
      const url = storyPath(story.slug);
      const bodies: Record<string, string> = {};
      // Alternate which side goes first, so neither always meets a warmer CPU cache.
      const order = i % 2 === 0 ? (['stored', 'baseline'] as const) : (['baseline', 'stored'] as const);
      for (const side of order) {
        const app = side === 'stored' ? stored : baseline;
        const t0 = performance.now();
        const res = await app.inject(url);
        times[side].push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        bodies[side] = res.body;
      }
      if (!bodies.stored?.includes('class="w"')) throw new Error(`${url}: no reader markup`);
      if (bodies.stored !== bodies.baseline) differing++;
    }
    await stored.close();
    await baseline.close();
    const summary = (name: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      console.log(
        `${name.padEnd(44)} median ${median.toFixed(2).padStart(6)} ms   p99 ${quantile(sorted, 0.99).toFixed(2).padStart(6)} ms   max ${sorted[sorted.length - 1]!.toFixed(1)} ms`,
      );
      return median;
    };
    console.log(
      `cold story pages: ${stories.length} BBC stories (imported in ${(importMs / 1000).toFixed(1)} s, levels, analysis and related lists included), each rendered once per side`,
    );
    const base = summary('baseline: analysed on the request', times.baseline);
    const ours = summary('lingwire: stored analysis', times.stored);
    console.log(
      `cold median ${ours.toFixed(2)} ms (target < 5 ms), ${(base / ours).toFixed(2)}× faster than analysing on the request; ${differing} of ${stories.length} pages differ between the two`,
    );
  } finally {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
