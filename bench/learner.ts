/**
 * Learner speed at real sizes (issue #14): a learner with 30,000 known lemmas and an archive of
 * 100,000 stories. Prints, all measured in this run:
 *
 * - 为我推荐 (`GET /api/me/for-me`, through the app with a Bearer token): the index load on first
 *   use, then median and p95 of the typical range (90–98 %) and of a range no story fits (every
 *   story scanned), beside two naive baselines that scan every story's tokens: one reading and
 *   decoding each stored analysis (what a request would do with no index), one over tokens
 *   already decoded in memory (lemma strings against a Set).
 * - 为我推荐 right after the learner changed a word (their known lemmas read again, flags remade).
 * - Loading the index: on the web thread (the first request) against a worker thread (what
 *   `serve` does), each with the latency of `/healthz` asked every 20 ms while it loads.
 * - Marks for a story page (`GET /api/me/story-marks/:id`): median and p95, beside the naive way
 *   (decode the stored analysis on each request, load all the learner's statuses, match in memory).
 *
 * The archive is synthetic: stories of 250–450 running words drawn Zipf-like from ECDICT's 40,000
 * most frequent words (names left out), with their analyses stored as import stores them.
 *
 *   npx tsx bench/learner.ts [--stories 100000] [--known 30000]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  analysedText,
  decodeAnalysis,
  encodeAnalysis,
  STORY_ANALYSIS_VERSION,
  textHash,
} from '../src/articles/story-analysis.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { seededRandom } from '../src/core/random.js';
import { openDictionary } from '../src/dictionary/index.js';
import { runningLemmas } from '../src/learner/for-me.js';
import { FOR_ME_THREAD_PATH } from '../src/learner/for-me-index.js';
import { servicesOver } from '../src/services.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { buildApp } from '../src/web/app.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const STORIES = arg('stories', 100_000);
const KNOWN = arg('known', 30_000);
const RUNS = 30;

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await work();
  return [performance.now() - t0, result];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-bench-learner-'));
  const dictionary = openDictionary();
  const vocab = (
    new Database(dictionary.path, { readonly: true })
      .prepare(
        "SELECT word FROM entry WHERE frq > 0 AND word GLOB '[a-z]*' AND word NOT GLOB '*[^a-z]*' ORDER BY frq LIMIT 40000",
      )
      .all() as Array<{ word: string }>
  ).map((r) => r.word);
  const random = seededRandom(14);
  // Zipf-like: rank r drawn with probability ∝ 1/r (inverse CDF over ln).
  const draw = () =>
    vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(random() * Math.log(vocab.length))) - 1)]!;

  const store = openSqliteStore(join(dir, 'bench.db'));
  const services = servicesOver(
    store,
    { ...DEFAULT_CONFIG, dbPath: join(dir, 'bench.db') },
    { dictionary, warn: () => {} },
  );
  const app = await buildApp({ services });
  const section = await store.sections.createSection({ slug: 'news', nameZh: '英语新闻', nameEn: 'News' });

  /** Every story's running lemmas, kept while building, for the in-memory naive baseline (newest last). */
  const tokens: string[][] = [];
  const [buildMs] = await time(async () => {
    for (let start = 0; start < STORIES; start += 2000) {
      await store.transaction(async (tx) => {
        for (let n = start; n < Math.min(STORIES, start + 2000); n++) {
          const count = 250 + Math.floor(random() * 200);
          const lemmas = Array.from({ length: count }, draw);
          tokens.push(lemmas);
          const text = `${lemmas.join(' ')}.`;
          const paragraphs = [text];
          const keys: string[] = [];
          const keyIndex = new Map<string, number>();
          const words: number[] = [];
          let at = 0;
          for (const lemma of lemmas) {
            let k = keyIndex.get(lemma);
            if (k === undefined) {
              k = keys.length;
              keys.push(lemma);
              keyIndex.set(lemma, k);
            }
            words.push(at, at + lemma.length, k, k, 3, 0, -1);
            at += lemma.length + 1;
          }
          const day = new Date(Date.UTC(2016, 0, 1) + n * 3_600_000).toISOString();
          const story = await tx.stories.insertStory(
            {
              slug: `s${n}`,
              source: 'bench',
              externalId: String(n),
              sectionId: section.id,
              title: `Story ${n}`,
              titleKey: `story ${n}`,
              dateline: null,
              publishedAt: day,
              url: null,
              tags: [],
              paragraphs,
              pinnedRelated: [],
              level: null,
              author: null,
              license: null,
              feed: null,
              fetchedAt: null,
              language: 'en',
              textFrom: null,
              group: null,
              groupLevel: null,
            },
            day,
          );
          const analysis = {
            version: STORY_ANALYSIS_VERSION,
            textHash: textHash(analysedText(paragraphs)),
            keys,
            words,
            sentences: [0, text.length],
            phrases: [],
          };
          await tx.analysis.saveStoryAnalysis(story.id, STORY_ANALYSIS_VERSION, encodeAnalysis(analysis));
        }
      });
    }
  });
  console.log(
    `archive: ${STORIES} synthetic stories stored with their analyses in ${(buildMs / 1000).toFixed(1)} s`,
  );

  const user = await services.learner.accounts.register('bench@example.com', 'bench password');
  const known = vocab.slice(0, KNOWN);
  await store.learning.markKnown(user.id, known, [], new Date().toISOString());
  const token = await services.learner.accounts.createToken(user.id);
  const headers = { authorization: `Bearer ${token}` };
  console.log(
    `learner: ${await store.learning.countWordStatuses(user.id, 'known')} known lemmas (the most frequent)`,
  );

  // ---- 为我推荐 ---------------------------------------------------------------------------------
  const forMe = (query: string) => app.inject({ url: `/api/me/for-me?${query}`, headers });
  /** Asks `/healthz` of `target` every 20 ms until `work` ends; the work's time and the answers' latencies. */
  const pinging = async <T>(target: typeof app, work: () => Promise<T>) => {
    const latencies: number[] = [];
    let done = false;
    const pings = (async () => {
      while (!done) {
        latencies.push((await time(() => target.inject('/healthz')))[0]);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const [ms, result] = await time(async () => {
      try {
        return await work();
      } finally {
        done = true;
      }
    });
    await pings;
    return { ms, result, latencies };
  };
  const heapBefore = process.memoryUsage().heapUsed;
  const loadHere = await pinging(app, () => forMe('min=0.9&max=0.98'));
  const [loadMs, first] = [loadHere.ms, loadHere.result];
  if (first.statusCode !== 200) throw new Error(first.body);
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `for-me: first request (loads the lemma index of ${STORIES} stories) ${(loadMs / 1000).toFixed(2)} s, heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MB; ${first.json().stories.length} stories in 90–98 %`,
  );
  const typical: number[] = [];
  const none: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    typical.push((await time(() => forMe('min=0.9&max=0.98')))[0]);
    const [ms, res] = await time(() => forMe('min=0&max=0.0001'));
    if (res.json().stories.length !== 0) throw new Error('the empty range found stories');
    none.push(ms);
  }
  console.log(`for-me, 90–98 % (stops at 20 stories):      ${stats(typical)}`);
  console.log(`for-me, a range no story fits (full scan):  ${stats(none)}`);
  // Right after a change of the learner's words: their known lemmas are read again, flags remade.
  const afterChange: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const word = vocab[KNOWN + i]!;
    await store.learning.saveWordStatus(
      user.id,
      { lemma: word, status: 'known', stage: null },
      new Date().toISOString(),
    );
    afterChange.push((await time(() => forMe('min=0.9&max=0.98')))[0]);
  }
  console.log(`for-me, 90–98 % right after a word changed:  ${stats(afterChange)}`);
  console.log(
    `  loading on the web thread: /healthz meanwhile ${stats(loadHere.latencies)} (${loadHere.latencies.length} asked)`,
  );
  if (existsSync(FOR_ME_THREAD_PATH)) {
    // What serve does: a second app over the same file, its index built in a worker thread.
    const other = servicesOver(
      openSqliteStore(join(dir, 'bench.db')),
      { ...DEFAULT_CONFIG, dbPath: join(dir, 'bench.db') },
      { dictionary, warn: () => {} },
    );
    const otherApp = await buildApp({ services: other });
    const loadThere = await pinging(otherApp, () => other.learner.forMe.warm(join(dir, 'bench.db')));
    console.log(
      `for-me index built in a worker thread: ${(loadThere.ms / 1000).toFixed(2)} s; /healthz meanwhile ${stats(loadThere.latencies)} (${loadThere.latencies.length} asked)`,
    );
    const there: number[] = [];
    for (let i = 0; i < RUNS; i++)
      there.push((await time(() => otherApp.inject({ url: '/api/me/for-me?min=0&max=0.0001', headers })))[0]);
    console.log(`  then the full scan over the worker-built index: ${stats(there)}`);
    await otherApp.close();
  } else {
    console.log(
      `for-me index in a worker thread: not measured (${FOR_ME_THREAD_PATH} missing: npm run build)`,
    );
  }

  // Naive 1: no index: read and decode every stored analysis, newest first, scan its tokens.
  const knownSet = new Set(known);
  const naiveScan = async (min: number, max: number, maxStories: number) => {
    const found: number[] = [];
    let scanned = 0;
    for (let offset = 0; scanned < maxStories; offset += 1000) {
      const rows = await store.stories.listStories({ limit: 1000, offset });
      if (rows.length === 0) break;
      for (const row of rows) {
        if (scanned++ >= maxStories) break;
        const analysis = decodeAnalysis((await store.analysis.findStoryAnalysis(row.id))?.data);
        const lemmas = analysis ? runningLemmas(analysis) : [];
        const share = lemmas.length ? lemmas.filter((l) => knownSet.has(l)).length / lemmas.length : 1;
        if (share >= min && share <= max) found.push(row.id);
        if (found.length >= 20) return { found, scanned };
      }
    }
    return { found, scanned };
  };
  const [naiveTypicalMs, naiveTypical] = await time(() => naiveScan(0.9, 0.98, STORIES));
  console.log(
    `  naive (decode each stored analysis), 90–98 %: ${naiveTypicalMs.toFixed(1)} ms (${naiveTypical.scanned} stories scanned)`,
  );
  const sample = Math.min(STORIES, 5000);
  const [naiveSampleMs] = await time(() => naiveScan(0, 0.0001, sample));
  console.log(
    `  naive (decode each stored analysis), full scan: ${naiveSampleMs.toFixed(0)} ms for ${sample} stories → ${((naiveSampleMs * STORIES) / sample / 1000).toFixed(1)} s projected for ${STORIES}`,
  );
  // Naive 2: every story's tokens already in memory (kept while building), lemma strings against a Set.
  const inMemory: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [ms] = await time(() => {
      let fits = 0;
      for (let n = tokens.length - 1; n >= 0; n--) {
        const lemmas = tokens[n]!;
        let k = 0;
        for (const l of lemmas) if (knownSet.has(l)) k++;
        const share = lemmas.length ? k / lemmas.length : 1;
        if (share >= 0 && share <= 0.0001) fits++;
      }
      return fits;
    });
    inMemory.push(ms);
  }
  console.log(`  naive (tokens in memory, Set lookups), full scan: ${stats(inMemory)}`);

  // ---- marks for a story page -------------------------------------------------------------------
  const storyId = Math.ceil(STORIES / 2);
  const marks = () => app.inject({ url: `/api/me/story-marks/${storyId}`, headers });
  const [coldMs, coldRes] = await time(marks);
  if (coldRes.statusCode !== 200) throw new Error(coldRes.body);
  const warm: number[] = [];
  for (let i = 0; i < RUNS * 2; i++) warm.push((await time(marks))[0]);
  const naiveMarks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [ms] = await time(async () => {
      const analysis = decodeAnalysis((await store.analysis.findStoryAnalysis(storyId))?.data);
      const statuses = new Map<string, string>();
      for (let offset = 0; ; offset += 10_000) {
        const page = await store.learning.findWordStatuses(user.id, { limit: 10_000, offset });
        for (const w of page) statuses.set(w.lemma, w.status);
        if (page.length < 10_000) break;
      }
      return (analysis ? runningLemmas(analysis) : []).map((l) => statuses.get(l) ?? 'unknown');
    });
    naiveMarks.push(ms);
  }
  console.log(`marks (GET /api/me/story-marks/:id): first ${coldMs.toFixed(1)} ms; then ${stats(warm)}`);
  console.log(`  naive (decode the analysis, load all ${KNOWN} statuses, match): ${stats(naiveMarks)}`);

  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
