/**
 * `npm run bench:ingest` (first part): one new story live in a 100,000-story archive (issue #10).
 *
 * Measured from the moment the writer has the parsed item (a `StoryInput`, handed to the writer
 * thread exactly as `lingwire serve` runs it) to the moment the web server, in this process
 * like `serve`'s, serves it on its section page (and then the front page, and another story's
 * 相关文章 when the new story entered one). Beside it, in the same run, today's other paths:
 *  - a fresh `lingwire import one.jsonl` process while the site serves (what an operator or a cron
 *    job does; it loads the whole related index from the database for its one story);
 *  - the writer's first story after it starts when it does not load the index ahead (the full
 *    reload the issue measured at 5.7 s for 20,000 stories).
 *
 * The archive: the Reuters-21578 and BBC training stories, then mixes of their paragraphs
 * (`archive.ts`), imported once with `lingwire import` and cached in `.bench/archive-<N>.db`
 * (git-ignored); every run works on a copy. BENCH_LIVE_STORIES=20000 for a smaller archive.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoryInput } from '../src/articles/model.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { openDictionary } from '../src/dictionary/index.js';
import { openServices } from '../src/services.js';
import { buildApp } from '../src/web/app.js';
import { WriterThread } from '../src/writer/client.js';
import { HAS_SHARED, REPO_ROOT } from '../test/shared-data.js';
import { archiveDb } from './archive.js';

const ARCHIVE = Number(process.env.BENCH_LIVE_STORIES ?? 100_000);
const LIVE_STORIES = 5;
const LINGWIRE = join(REPO_ROOT, 'bin', 'lingwire.js');

/** A new story, unlike the archive's ids and titles; the section the archive's stories are in. */
/**
 * Eight stories on eight topics (text written for this bench), so that no new story is a
 * near-copy of the one before: a copy is grouped under its canonical story and not listed.
 */
const TOPICS: Array<[string, string[]]> = [
  [
    'Oil prices climb as OPEC ministers weigh output cuts',
    [
      'Oil prices rose on Monday as OPEC ministers gathered in Vienna to discuss cutting crude output, traders said.',
      'Brent crude futures gained more than two dollars a barrel, while analysts warned that supplies remained tight ahead of the winter.',
    ],
  ],
  [
    'Heavy snow closes mountain passes and strands travellers',
    [
      'Heavy snow closed three mountain passes overnight, leaving hundreds of drivers stranded in their cars until rescue teams arrived at dawn.',
      'Forecasters expect more snow later in the week and asked people to avoid the high roads.',
    ],
  ],
  [
    'City library reopens after a two-year renovation',
    [
      "The city library reopened on Saturday after a two-year renovation that added a children's wing, a café and quiet rooms for students.",
      'Librarians said more than four thousand people visited on the first day, many of them borrowing books for the holidays.',
    ],
  ],
  [
    'Researchers track whales with underwater microphones',
    [
      'Marine researchers have placed underwater microphones along the coast to follow the songs of migrating whales through the spring.',
      'The recordings show the animals changing their routes to avoid busy shipping lanes, the team reported in a science journal.',
    ],
  ],
  [
    'Farmers expect a record apple harvest after a mild summer',
    [
      'Orchard owners in the valley expect a record apple harvest this autumn after a mild summer with steady rain and few storms.',
      'Growers are hiring extra pickers and say prices at local markets should fall by the end of the season.',
    ],
  ],
  [
    'National team wins the relay final in a photo finish',
    [
      'The national team won the four-by-four-hundred relay final by a hundredth of a second after a photo finish at the championships.',
      'The anchor runner said the crowd carried her through the last fifty metres as the rivals closed in.',
    ],
  ],
  [
    'New bridge opens to traffic three months early',
    [
      'A new road bridge across the river opened to traffic three months ahead of schedule, cutting the journey between the two towns by twenty minutes.',
      'Engineers said the steel arch was built in sections on the bank and floated into place in a single night.',
    ],
  ],
  [
    'Museum shows letters from a nineteenth-century explorer',
    [
      'A museum exhibition shows more than a hundred letters written by a nineteenth-century explorer during her journeys across the desert.',
      'Curators said the letters describe sandstorms, markets and the kindness of strangers in careful, funny detail.',
    ],
  ],
];

function newStory(n: number): StoryInput {
  const stamp = `${Date.now().toString(36)}${n}`;
  const [title, paragraphs] = TOPICS[n % TOPICS.length]!;
  return {
    source: 'live-bench',
    externalId: `live-${stamp}`,
    section: null,
    title: `${title} (${stamp})`,
    dateline: null,
    publishedAt: new Date().toISOString(),
    url: null,
    tags: [],
    paragraphs,
    pinnedRelated: [],
  };
}

let base = '';
async function get(path: string): Promise<string> {
  const res = await fetch(`${base}${path}`);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return body;
}

/**
 * Milliseconds from `t0` until `path` serves a page containing `needle` (polled every 2 ms);
 * `failed` says why it never will (the save failed, or stored a copy, which is not listed).
 */
async function until(
  path: string,
  needle: string,
  t0: number,
  failed: () => Error | null = () => null,
  limitMs = 120_000,
): Promise<number> {
  for (;;) {
    if ((await get(path)).includes(needle)) return performance.now() - t0;
    const failure = failed();
    if (failure) throw failure;
    if (performance.now() - t0 > limitMs) throw new Error(`${path} never showed ${needle}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function main(): Promise<void> {
  const source = archiveDb(ARCHIVE);
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-live-'));
  const db = join(dir, 'site.db');
  copyFileSync(source, db);
  const config = { ...DEFAULT_CONFIG, dbPath: db, logLevel: 'silent' as const };
  const dictionary = openDictionary();
  dictionary.preload();
  const web = await openServices(config, { dictionary });
  const app = await buildApp({ services: web });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const stories = await web.reading.countStories();
  const section = (await web.reading.listSections())[0]!;
  const sectionPath = `/sections/${section.slug}`;
  console.log(`archive: ${stories} stories (${ARCHIVE} asked), section page ${sectionPath}`);
  const rows: Array<[string, string]> = [];
  const writers: WriterThread[] = [];
  try {
    // Warm the web side as a running site would be.
    await get(sectionPath);
    await get('/');

    // Today's path 1: a fresh `lingwire import` process for one story while the site serves.
    {
      const input = newStory(0);
      const file = join(dir, 'one.jsonl');
      writeFileSync(
        file,
        `${JSON.stringify({ id: input.externalId, source: input.source, title: input.title, date: input.publishedAt, body: input.paragraphs })}\n`,
      );
      const t0 = performance.now();
      const child = spawn(process.execPath, [LINGWIRE, '--db', db, 'import', file], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      const live = await until(sectionPath, input.title, t0);
      await exited;
      rows.push(['`lingwire import one.jsonl` (a new process)', fmt(live)]);
    }

    // Today's path 2: the writer thread with a cold index (the first story after it starts).
    const startWriter = async (warmRelated: boolean) => {
      const writer = await WriterThread.start(config, {
        pollEveryMs: null,
        heartbeatMs: 3_600_000,
        warmRelated,
        log: () => {},
      });
      writers.push(writer);
      return writer;
    };
    const measure = async (writer: WriterThread, n: number) => {
      const input = newStory(n);
      const t0 = performance.now();
      let committed = 0;
      let failure: Error | null = null;
      const saved = writer.saveStories([input]).then(
        (summary) => {
          committed = performance.now() - t0;
          if (summary.added !== 1 || (summary.copies ?? 0) > 0)
            failure = new Error(`expected one new story listed: ${JSON.stringify(summary)}`);
          return summary;
        },
        (error: Error) => {
          failure = error;
          throw error;
        },
      );
      const live = await until(sectionPath, input.title, t0, () => failure);
      const summary = await saved;
      if (process.env.BENCH_VERBOSE)
        console.log(`  story ${n}: writer done ${fmt(committed)}, served ${fmt(live)}`);
      if (summary.added !== 1) throw new Error(`expected one story added: ${JSON.stringify(summary)}`);
      return { input, live };
    };
    {
      const writer = await startWriter(false);
      const { live } = await measure(writer, 1);
      rows.push(['writer thread without warm-up, first story (full index load)', fmt(live)]);
      await writer.close();
      writers.pop();
    }

    // The live path: a running writer, index in memory.
    const writer = await startWriter(true);
    const first = await measure(writer, 2);
    rows.push(['writer thread, first story at once after start (waits for warm-up)', fmt(first.live)]);
    const times: number[] = [];
    let lastInput: StoryInput | null = null;
    for (let n = 3; n < 3 + LIVE_STORIES; n++) {
      const { input, live } = await measure(writer, n);
      times.push(live);
      lastInput = input;
    }
    times.sort((a, b) => a - b);
    rows.push([
      `writer thread, running: ${LIVE_STORIES} stories, median (max)`,
      `${fmt(times[Math.floor(times.length / 2)]!)} (${fmt(times.at(-1)!)})`,
    ]);
    // The last one: on the front page, and in other stories' 相关文章.
    if (lastInput) {
      const slug = (await web.reading.listStories({ limit: 1, offset: 0 }))[0]!;
      if (slug.title !== lastInput.title) throw new Error('the newest story is not the last one saved');
      const front = (await get('/')).includes(lastInput.title);
      const own = await web.related.listFor(slug.id);
      console.log(
        `last story: on the front page ${front ? 'yes' : 'NO'}; its 相关文章 has ${own.length} stories`,
      );
      const inOthers =
        own.length > 0
          ? await get(`/stories/${(await web.reading.findStory(String(own[0]!.id)))!.slug}`)
          : '';
      console.log(
        `  the first of them lists it back: ${inOthers.includes(lastInput.title) ? 'yes' : 'no (its list kept better stories)'}`,
      );
    }
  } finally {
    for (const w of writers) await w.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\none new story, from the writer having the parsed item to its section page serving it (${stories} stories):`,
  );
  for (const [name, value] of rows) console.log(`  ${name.padEnd(62)} ${value}`);
}

if (!HAS_SHARED) console.log('bench/ingest-live: ../shared (the corpora) is absent; skipping.');
else await main();
