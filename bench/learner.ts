/**
 * Learner speed at real sizes (issue #14): a learner with 30,000 known lemmas (ECDICT's most
 * frequent) and an archive of 100,000 stories. With `--stories 100000` (the default) it runs on
 * the real archive `.bench/archive-100000.db` when it is there (made by `npm run bench:http`;
 * copied to a temporary folder first), else on a synthetic one (`learner-archive.ts`); `--synthetic`
 * forces that. Prints, all measured in this run, wall time with the process's CPU time beside it:
 *
 * - 为我推荐 (`GET /api/me/for-me`, through the app with a Bearer token): the index load on first
 *   use; a learner's first list (their known lemmas read and summed over the index, one new
 *   learner per run) with where its time goes; later lists (typical range 90–98 %, and a range no
 *   story fits, which scans every story); the list right after a word changed; beside naive
 *   scans of every story's tokens (decoding each stored analysis; and tokens already in memory).
 * - Marks for a story page (`GET /api/me/story-marks/:id`): a story's first request (its lemmas
 *   worked out from the stored analysis) and later ones, beside the naive way (decode the analysis,
 *   load all the learner's statuses, match in memory); 注释模式's glosses (`/api/stories/:id/glosses`).
 * - With `--worker` (always on a synthetic archive): the index loaded in a worker thread, as
 *   `serve` does, with `/healthz` latency meanwhile (needs `npm run build`).
 *
 *   npx tsx bench/learner.ts [--stories 100000] [--known 30000] [--synthetic] [--worker]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeAnalysis } from '../src/articles/story-analysis.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { seededRandom } from '../src/core/random.js';
import { openDictionary } from '../src/dictionary/index.js';
import { runningLemmas } from '../src/learner/for-me.js';
import { FOR_ME_THREAD_PATH } from '../src/learner/for-me-index.js';
import { servicesOver } from '../src/services.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { buildApp } from '../src/web/app.js';
import { copyArchive, importedArchive, storeSyntheticArchive } from './learner-archive.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const STORIES = arg('stories', 100_000);
const KNOWN = arg('known', 30_000);
const RUNS = 30;
/** New learners, each with KNOWN known lemmas, whose first list is timed. */
const FIRST_RUNS = 20;

/** Wall and CPU times of one piece of work, in ms. */
interface Timing {
  wall: number;
  cpu: number;
}

function quantiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return [at(0.5), at(0.95)];
}

function stats(times: Array<number | Timing>): string {
  const [m, p] = quantiles(times.map((t) => (typeof t === 'number' ? t : t.wall)));
  const wall = `median ${m.toFixed(1)} ms, p95 ${p.toFixed(1)} ms`;
  if (typeof times[0] === 'number') return wall;
  const [cm, cp] = quantiles((times as Timing[]).map((t) => t.cpu));
  return `${wall} (CPU median ${cm.toFixed(1)}, p95 ${cp.toFixed(1)})`;
}

async function time<T>(work: () => Promise<T> | T): Promise<[Timing, T]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [{ wall, cpu: (c.user + c.system) / 1000 }, result];
}

const load = () => {
  const l = loadavg();
  return `load ${l.map((x) => x.toFixed(2)).join(' ')}`;
};

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

  const real = flag('synthetic') ? null : importedArchive(STORIES);
  let dbPath = join(dir, 'bench.db');
  if (real) {
    const [copied] = await time(() => {
      dbPath = copyArchive(real, dir);
    });
    console.log(`archive: ${real} (${STORIES} real stories), copied in ${(copied.wall / 1000).toFixed(1)} s`);
  }
  const store = openSqliteStore(dbPath);
  const services = servicesOver(store, { ...DEFAULT_CONFIG, dbPath }, { dictionary, warn: () => {} });
  const app = await buildApp({ services });
  /** Every story's running lemmas, oldest first, for the in-memory naive baseline (synthetic only). */
  let tokens: string[][] | null = null;
  if (!real) {
    const section = await store.sections.createSection({ slug: 'news', nameZh: '英语新闻', nameEn: 'News' });
    const [built, made] = await time(() => storeSyntheticArchive(store, section.id, STORIES, random, draw));
    tokens = made;
    console.log(
      `archive: ${STORIES} synthetic stories stored with their analyses in ${(built.wall / 1000).toFixed(1)} s`,
    );
  }
  const storyIds = (await store.stories.listStories({ limit: 100_000_000, offset: 0 })).map((r) => r.id);
  // What 为我推荐 lists: canonical published stories (an imported archive's copies are left out).
  const LISTED = storyIds.length;
  console.log(`${LISTED} stories listed (canonical, published); ${load()}`);

  const known = vocab.slice(0, KNOWN);
  const learner = async (email: string) => {
    const user = await services.learner.accounts.register(email, 'bench password');
    await store.learning.markKnown(user.id, known, [], new Date().toISOString());
    return {
      id: user.id,
      headers: { authorization: `Bearer ${await services.learner.accounts.createToken(user.id)}` },
    };
  };
  const user = await learner('bench@example.com');
  const headers = user.headers;
  console.log(
    `learner: ${await store.learning.countWordStatuses(user.id, 'known')} known lemmas (the most frequent)`,
  );

  // ---- 为我推荐 ---------------------------------------------------------------------------------
  const forMe = (query: string, h = headers) => app.inject({ url: `/api/me/for-me?${query}`, headers: h });
  const heapBefore = process.memoryUsage().heapUsed;
  const [loadT, first] = await time(() => forMe('min=0.9&max=0.98'));
  if (first.statusCode !== 200) throw new Error(first.body);
  const index = await services.learner.forMe.storyIndex();
  console.log(
    `for-me: first request (loads the lemma index of ${index.size} stories, ${index.lemmaCount} lemmas, on this thread) ${(loadT.wall / 1000).toFixed(2)} s, heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MB; ${first.json().stories.length} stories in 90–98 %; ${load()}`,
  );

  // A learner's first list: new learners, the index loaded, their known lemmas not yet in memory.
  const others = [];
  for (let i = 0; i < FIRST_RUNS; i++) others.push(await learner(`first${i}@example.com`));
  const firsts: Timing[] = [];
  for (const other of others) {
    const [t, res] = await time(() => forMe('min=0.9&max=0.98', other.headers));
    if (res.statusCode !== 200) throw new Error(res.body);
    firsts.push(t);
  }
  console.log(`for-me, a learner's first list (90–98 %):   ${stats(firsts)}; ${load()}`);
  // Where a first list's time goes, piece by piece on this index.
  const parts = {
    paged: [] as Timing[],
    statuses: [] as Timing[],
    flags: [] as Timing[],
    totals: [] as Timing[],
    list: [] as Timing[],
  };
  for (const other of others.slice(0, 10)) {
    // Before: pages of status rows (known, then ignored), as the service read them.
    const [paged] = await time(async () => {
      const all: string[] = [];
      for (const status of ['known', 'ignored'] as const) {
        for (let offset = 0; ; offset += 10_000) {
          const page = await store.learning.findWordStatuses(other.id, { status, limit: 10_000, offset });
          for (const w of page) all.push(w.lemma);
          if (page.length < 10_000) break;
        }
      }
      return all;
    });
    const [s, lemmas] = await time(
      async () => new Set(await store.learning.findLemmasWithStatus(other.id, ['known', 'ignored'])),
    );
    const [f, flags] = await time(() => index.knownFlags(lemmas));
    parts.paged.push(paged);
    const [t, totals] = await time(() => index.knownTotals(flags));
    const [l] = await time(() => index.newestInRange(flags, 0.9, 0.98, 20, 0, totals));
    parts.statuses.push(s);
    parts.flags.push(f);
    parts.totals.push(t);
    parts.list.push(l);
  }
  console.log(`  of which: reading ${KNOWN} known lemmas in one query ${stats(parts.statuses)}`);
  console.log(`            (the previous pages of status rows: ${stats(parts.paged)})`);
  console.log(`            flags ${stats(parts.flags)}; totals from the postings ${stats(parts.totals)}`);
  console.log(`            the list over kept totals ${stats(parts.list)}`);

  const typical: Timing[] = [];
  const none: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    typical.push((await time(() => forMe('min=0.9&max=0.98')))[0]);
    const [t, res] = await time(() => forMe('min=0&max=0.0001'));
    if (res.json().stories.length !== 0) throw new Error('the empty range found stories');
    none.push(t);
  }
  console.log(`for-me, later lists, 90–98 % (20 stories):  ${stats(typical)}`);
  console.log(`for-me, a range no story fits (full scan):  ${stats(none)}; ${load()}`);
  const afterChange: Timing[] = [];
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

  if (flag('worker') && existsSync(FOR_ME_THREAD_PATH)) {
    // What serve does: a second app over the same file, its index built in a worker thread.
    const other = servicesOver(
      openSqliteStore(dbPath),
      { ...DEFAULT_CONFIG, dbPath },
      { dictionary, warn: () => {} },
    );
    const otherApp = await buildApp({ services: other });
    const latencies: number[] = [];
    let done = false;
    const pings = (async () => {
      while (!done) {
        latencies.push((await time(() => otherApp.inject('/healthz')))[0].wall);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const [built] = await time(() => other.learner.forMe.warm(dbPath).finally(() => (done = true)));
    await pings;
    console.log(
      `for-me index built in a worker thread: ${(built.wall / 1000).toFixed(2)} s; /healthz meanwhile ${stats(latencies)} (${latencies.length} asked)`,
    );
    await otherApp.close();
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
  const [naiveTypicalT, naiveTypical] = await time(() => naiveScan(0.9, 0.98, LISTED));
  console.log(
    `  naive (decode each stored analysis), 90–98 %: ${naiveTypicalT.wall.toFixed(1)} ms (${naiveTypical.scanned} stories scanned)`,
  );
  const sample = Math.min(LISTED, 5000);
  const [naiveSampleT] = await time(() => naiveScan(0, 0.0001, sample));
  console.log(
    `  naive (decode each stored analysis), full scan: ${naiveSampleT.wall.toFixed(0)} ms for ${sample} stories → ${((naiveSampleT.wall * LISTED) / sample / 1000).toFixed(1)} s projected for ${LISTED}`,
  );
  // Naive 2: every story's tokens in memory, lemma strings against a Set (the real archive: the
  // newest `sample` stories' tokens, decoded here, the time projected to the whole archive).
  const held = tokens ?? [];
  if (!tokens) {
    for (const id of storyIds.slice(0, sample)) {
      const analysis = decodeAnalysis((await store.analysis.findStoryAnalysis(id))?.data);
      held.push(analysis ? runningLemmas(analysis) : []);
    }
  }
  const inMemory: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [t] = await time(() => {
      let fits = 0;
      for (let n = held.length - 1; n >= 0; n--) {
        const lemmas = held[n]!;
        let k = 0;
        for (const l of lemmas) if (knownSet.has(l)) k++;
        const share = lemmas.length ? k / lemmas.length : 1;
        if (share >= 0 && share <= 0.0001) fits++;
      }
      return fits;
    });
    inMemory.push((t.wall * LISTED) / held.length);
  }
  console.log(
    `  naive (tokens in memory, Set lookups), full scan: ${stats(inMemory)}${tokens ? '' : ` (projected from ${held.length} stories)`}`,
  );

  // ---- marks for a story page -------------------------------------------------------------------
  const marks = (id: number) => app.inject({ url: `/api/me/story-marks/${id}`, headers });
  const glosses = (id: number) => app.inject(`/api/stories/${id}/glosses`);
  // Stories spread over the archive, each asked for the first time (its lemmas not yet kept).
  const spread = Array.from(
    { length: RUNS },
    (_, i) => storyIds[Math.floor(((i + 0.5) * storyIds.length) / RUNS)]!,
  );
  const cold: Timing[] = [];
  const coldGloss: Timing[] = [];
  for (const id of spread) {
    const [t, res] = await time(() => marks(id));
    if (res.statusCode !== 200) throw new Error(res.body);
    cold.push(t);
    coldGloss.push((await time(() => glosses(id)))[0]);
  }
  const warm: Timing[] = [];
  const warmGloss: Timing[] = [];
  for (let i = 0; i < RUNS * 2; i++) {
    warm.push((await time(() => marks(spread[i % RUNS]!)))[0]);
    warmGloss.push((await time(() => glosses(spread[i % RUNS]!)))[0]);
  }
  const naiveMarks: Timing[] = [];
  for (const id of spread) {
    const [t] = await time(async () => {
      const analysis = decodeAnalysis((await store.analysis.findStoryAnalysis(id))?.data);
      const statuses = new Map<string, string>();
      for (let offset = 0; ; offset += 10_000) {
        const page = await store.learning.findWordStatuses(user.id, { limit: 10_000, offset });
        for (const w of page) statuses.set(w.lemma, w.status);
        if (page.length < 10_000) break;
      }
      return (analysis ? runningLemmas(analysis) : []).map((l) => statuses.get(l) ?? 'unknown');
    });
    naiveMarks.push(t);
  }
  console.log(`marks (GET /api/me/story-marks/:id), a story's first request: ${stats(cold)}`);
  console.log(`marks, later requests:                                   ${stats(warm)}`);
  console.log(`  naive (decode the analysis, load all ${KNOWN} statuses, match): ${stats(naiveMarks)}`);
  console.log(
    `glosses (GET /api/stories/:id/glosses), first: ${stats(coldGloss)}; later: ${stats(warmGloss)}`,
  );
  console.log(load());

  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
