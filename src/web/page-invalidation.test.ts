/**
 * The page cache drops exactly what a write changed, whichever process wrote it: a write no page
 * reads leaves every cached page warm; retitling a story re-renders its page, the lists it is on
 * and the pages that show it under 相关文章 (computed or pinned), and nothing else. On SQLite, and
 * on PostgreSQL when `TEST_DATABASE_URL` is set (there another process's commit reaches this one
 * by LISTEN/NOTIFY: the test waits for the store's `settle()` before it reads).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../../test/postgres.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from '../cli/main.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import { servicesOver } from '../services.js';
import { gate } from '../store/contract/fixtures.js';
import { openStore, SERVING_CHANGE_CHECK_MS } from '../store/open-store.js';
import type { PostgresStore } from '../store/postgres/store.js';
import type { Store } from '../store/types.js';
import { buildApp } from './app.js';
import type { PageCache } from './page-cache.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'related');
const OLD_TITLE = 'Coach praises goalkeeper after penalty shootout victory';
const NEW_TITLE = 'Coach hails goalkeeper after a penalty shootout win';

/** One store to run the cases on. */
interface Setup {
  name: string;
  /** A new, empty database. */
  database(dir: string): Promise<string>;
  /** Resolves once another process's committed writes have reached `store`'s change token. */
  settle(store: Store): Promise<void>;
}

const SETUPS: Setup[] = [
  {
    name: 'SQLite',
    database: async (dir) => join(dir, 'site.db'),
    // The serving store reads another connection's commits at most once a SERVING_CHANGE_CHECK_MS.
    settle: () => new Promise((resolve) => setTimeout(resolve, SERVING_CHANGE_CHECK_MS + 1)),
  },
];
if (TEST_DATABASE_URL) {
  SETUPS.push({
    name: 'PostgreSQL',
    database: () => freshSchemaUrl(),
    settle: (store) => (store as PostgresStore).settle(),
  });
}
afterAll(dropTestSchemas);

describe.each(SETUPS)('precise page-cache invalidation on $name', (setup) => {
  let dir: string;
  let db: string;
  let app: FastifyInstance;
  let cache: PageCache;
  let store: Store;

  async function cli(...argv: string[]) {
    const err: string[] = [];
    const code = await runCli(['--db', db, ...argv], { out: () => {}, err: (l) => err.push(l) }, {});
    if (code !== 0) throw new Error(`lingwire ${argv.join(' ')} exited ${code}: ${err.join('\n')}`);
  }

  /** Requests `url` and says whether the cache answered it. */
  async function fetchPage(url: string): Promise<{ body: string; cached: boolean }> {
    const hits = cache.stats.hits;
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(200);
    return { body: res.body, cached: cache.stats.hits === hits + 1 };
  }

  async function storyUrls(): Promise<Map<string, string>> {
    const { stories } = (await app.inject('/api/stories?limit=100')).json() as {
      stories: Array<{ slug: string; path: string }>;
    };
    return new Map(stories.map((s) => [s.slug, s.path]));
  }

  async function relatedSlugs(slug: string): Promise<string[]> {
    const { related } = (await app.inject(`/api/stories/${slug}/related`)).json() as {
      related: Array<{ slug: string | null; kind: string }>;
    };
    return related.filter((r) => r.kind === 'computed').map((r) => r.slug ?? '');
  }

  /** The list the engine stored, below the shown minimum score too (a change re-renders the page). */
  async function storedList(slug: string): Promise<string> {
    const story = await store.stories.findStoryBySlug(slug);
    return JSON.stringify(await store.related.findRelatedList(story!.id));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-invalidation-'));
    db = await setup.database(dir);
    await cli('import', join(fixtures, 'archive.jsonl'));
    await cli('import', join(fixtures, 'pinned.jsonl'));
    store = await openStore(db);
    app = await buildApp({
      services: servicesOver(store, { ...DEFAULT_CONFIG, dbPath: db }, { dictionary: null, warn: () => {} }),
    });
    cache = (app as unknown as { lingwireCache: PageCache }).lingwireCache;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every cached page after writes no public page reads (the writer heartbeat, engine state)', async () => {
    const urls = ['/', '/sections/sports', '/sections/business', ...(await storyUrls()).values()];
    for (const url of urls) await fetchPage(url);
    for (const url of urls) expect((await fetchPage(url)).cached, url).toBe(true);

    const other = await openStore(db);
    try {
      await other.meta.saveMeta('writer', JSON.stringify({ beatAt: new Date().toISOString() }));
      for await (const vector of other.related.iterateRelatedVectors()) {
        await other.related.saveRelatedVector(vector.storyId, vector.data);
        break;
      }
    } finally {
      await other.close();
    }
    await setup.settle(store);
    for (const url of urls) expect((await fetchPage(url)).cached, url).toBe(true);
  });

  it('re-renders a retitled story, its lists and the pages that show it, when another process changes it', async () => {
    const stories = await storyUrls();
    const slug8 = [...stories.keys()].find((s) => s.startsWith('coach-praises-goalkeeper'))!;
    const before = new Map<string, string[]>();
    const storedBefore = new Map<string, string>();
    for (const slug of stories.keys()) {
      before.set(slug, await relatedSlugs(slug));
      storedBefore.set(slug, await storedList(slug));
    }
    for (const url of ['/', '/sections/sports', '/sections/business', ...stories.values()])
      await fetchPage(url);

    // A real second process: `lingwire import` of the same story (same source and id), retitled.
    const line = readFileSync(join(fixtures, 'archive.jsonl'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"id": "r8"'))!;
    const retitled = join(dir, 'retitled.jsonl');
    writeFileSync(retitled, `${line.replace(OLD_TITLE, NEW_TITLE)}\n`);
    execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'lingwire.js'), '--db', db, 'import', retitled]);
    await setup.settle(store);

    const own = await fetchPage(stories.get(slug8)!);
    expect(own.cached).toBe(false);
    expect(own.body).toContain(NEW_TITLE);
    const home = await fetchPage('/');
    expect(home.cached).toBe(false);
    expect(home.body).toContain(NEW_TITLE);
    const section = await fetchPage('/sections/sports');
    expect(section.cached).toBe(false);
    expect(section.body).toContain(NEW_TITLE);
    expect((await fetchPage('/sections/business')).cached).toBe(true);

    let untouched = 0;
    for (const [slug, url] of stories) {
      if (slug === slug8) continue;
      const after = await relatedSlugs(slug);
      const page = await fetchPage(url);
      const pinsIt = slug.startsWith('striker-scores-twice');
      const showsIt = before.get(slug)!.includes(slug8) || after.includes(slug8);
      const listChanged =
        JSON.stringify(after) !== JSON.stringify(before.get(slug)) ||
        (await storedList(slug)) !== storedBefore.get(slug);
      if (pinsIt || showsIt || listChanged) {
        expect(page.cached, `${slug} shows the changed story`).toBe(false);
        if (after.includes(slug8)) expect(page.body, slug).toContain(NEW_TITLE);
        // The editor's pin names the old title, which no story has now: shown, no longer linked.
        if (pinsIt) expect(page.body, slug).toContain(`<span lang="en">${OLD_TITLE}</span>`);
      } else {
        expect(page.cached, `${slug} does not show the changed story`).toBe(true);
        untouched++;
      }
    }
    // Stories on other subjects (rates, elections, storms) neither list it nor were re-rendered.
    expect(untouched).toBeGreaterThanOrEqual(3);
  });

  it('does not keep a page rendered while a transaction that then rolls back was open', async () => {
    const sports = (await store.sections.listSections()).find((s) => s.slug === 'sports')!;
    const renamed = `${sports.nameEn} (draft)`;
    cache.clear();
    const { opened, open } = gate();
    const { opened: made, open: changed } = gate();
    // An editor's action on the web thread: its write, then a wait, then a failure.
    const action = store.transaction(async (tx) => {
      await tx.sections.updateSection(sports.id, { nameEn: renamed });
      changed();
      await opened;
      throw new Error('the action failed after its write');
    });
    await made;
    // On SQLite the page now shows the uncommitted name (one connection); on PostgreSQL it does not.
    const during = await app.inject('/sections/sports');
    if (setup.name === 'SQLite') {
      expect(during.body).toContain(renamed);
      // Sent without a date, so a browser revalidates it by its ETag, not by the second it was made.
      expect(during.headers['last-modified']).toBeUndefined();
    }
    open();
    await expect(action).rejects.toThrow('the action failed');
    const after = await fetchPage('/sections/sports');
    expect(after.body).not.toContain(renamed);
    expect(after.body).toContain(sports.nameEn);
    const revalidated = await app.inject({
      url: '/sections/sports',
      headers: { 'if-none-match': String(during.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(setup.name === 'SQLite' ? 200 : 304);
    // Rendered again with nothing open, the page is cached as before.
    expect((await fetchPage('/sections/sports')).cached).toBe(true);
  });
});
