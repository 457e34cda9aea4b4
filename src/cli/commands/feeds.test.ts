/**
 * Feeds end to end through the CLI against a local server, on SQLite and (when `TEST_DATABASE_URL`
 * names a server) PostgreSQL: subscribe, poll (each item stored once with clean paragraphs,
 * dateline, provenance and its original URL), poll again (a conditional request answered 304,
 * nothing new), a broken feed (every stored story as it was, the error in `feeds list`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../../../test/postgres.js';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { openStore } from '../../store/open-store.js';
import { runCli } from '../main.js';

const FEED = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'feeds', 'wire.xml'));
const PAGE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'pages', 'news-article.html'));
const ETAG = '"wire-v1"';
const LAST_MODIFIED = 'Tue, 23 Feb 2016 10:00:00 GMT';

/** What the server answers for the feed: the feed, broken JSON, or a 404. */
let mode: 'ok' | 'broken' | 'gone' = 'ok';
const seen: Array<{ url: string; headers: IncomingHttpHeaders; status: number }> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = (status: number, headers: Record<string, string> = {}, body?: Buffer | string) => {
      seen.push({ url: req.url ?? '', headers: req.headers, status });
      res.writeHead(status, headers).end(body);
    };
    if (req.url === '/feed.xml') {
      if (mode === 'gone') return answer(404);
      if (mode === 'broken') return answer(200, { 'content-type': 'application/feed+json' }, '{"items": [');
      if (req.headers['if-none-match'] === ETAG) return answer(304, { etag: ETAG });
      return answer(
        200,
        { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': LAST_MODIFIED },
        FEED,
      );
    }
    if (req.url === '/page/river') return answer(200, { 'content-type': 'text/html; charset=utf-8' }, PAGE);
    answer(404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await dropTestSchemas();
});

const ENV = { LINGWIRE_FETCH_HOSTS: '127.0.0.1' };

async function cli(db: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, ENV);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Stores = Array<[string, () => Promise<string>]>;
const stores: Stores = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lingwire-feeds-'));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));
      return join(dir, 'site.db');
    },
  ],
];
if (TEST_DATABASE_URL) stores.push(['postgres', freshSchemaUrl]);

describe.each(stores)('lingwire feeds (%s)', (_, freshDb) => {
  let db: string;
  beforeAll(async () => {
    db = await freshDb();
  });
  beforeEach(() => {
    mode = 'ok';
    seen.length = 0;
  });

  it('adds a feed and polls it: each English item stored once, with paragraphs, dateline and provenance', async () => {
    expect(
      await cli(db, 'feeds', 'add', `${base}/feed.xml`, '--allow-private', '--section', 'world'),
    ).toMatchObject({
      code: 0,
      out: `Added feed 1: ${base}/feed.xml (every 30m, language en).`,
    });
    const polled = await cli(db, 'feeds', 'poll', '--all');
    expect(polled).toMatchObject({
      code: 0,
      out: `feed 1 ${base}/feed.xml: 3 added, 0 updated, 0 unchanged, 1 skipped`,
    });

    const truce = JSON.parse(
      (await cli(db, 'show', 'lavrov-and-kerry-discuss-a-truce-by-phone', '--json')).out,
    );
    expect(truce).toMatchObject({
      source: '127.0.0.1',
      externalId: 'wire-truce-1',
      section: { slug: 'world' },
      dateline: { place: 'MOSCOW', month: 2, day: 21, agency: 'Xinhua', dateText: 'Feb. 21' },
      publishedAt: '2016-02-21T08:15:00.000Z',
      url: `${base}/story/truce`,
      paragraphs: [
        'Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry discussed by phone on Sunday the conditions for a cessation of hostilities in Syria.',
        'The two ministers agreed to keep in touch as the talks go on, the ministry said in a statement.',
      ],
      author: 'Ivan Petrov',
      license: 'Copyright 2026 Local Wire. CC BY 4.0.',
      feed: `${base}/feed.xml`,
      language: 'en',
      textFrom: 'feed',
    });
    expect(Date.parse(truce.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);

    // A summary-only item: its page fetched and extracted.
    const river = JSON.parse((await cli(db, 'show', 'river-town-rebuilds-after-the-flood', '--json')).out);
    expect(river).toMatchObject({ textFrom: 'page', author: 'Mary Fields', url: `${base}/page/river` });
    expect(river.paragraphs).toHaveLength(5);
    // Its page answered 404: stored with the feed's own text, marked as such.
    const harbour = JSON.parse((await cli(db, 'show', 'harbour-reopens-to-fishing-boats', '--json')).out);
    expect(harbour).toMatchObject({
      textFrom: 'summary',
      paragraphs: [
        'The harbour reopened to fishing boats on Tuesday after a month of repairs to its old stone walls.',
      ],
    });
    expect((await cli(db, 'list', '--json')).out.split('\n')).toHaveLength(3);

    const [feed] = JSON.parse((await cli(db, 'feeds', 'list', '--json')).out);
    expect(feed).toMatchObject({
      id: 1,
      url: `${base}/feed.xml`,
      title: 'Local Wire',
      section: 'world',
      language: 'en',
      interval: '30m',
      lastError: null,
      consecutiveFailures: 0,
      items: { seen: 4, stored: 3, skipped: 1 },
    });
    expect(feed.lastSuccess).not.toBeNull();
  });

  it('polls again with a conditional request, answered 304, and stores nothing new', async () => {
    const before = (await cli(db, 'export')).out;
    const again = await cli(db, 'feeds', 'poll', '1');
    expect(again).toMatchObject({ code: 0, out: `feed 1 ${base}/feed.xml: not modified (304), nothing new` });
    const request = seen.find((r) => r.url === '/feed.xml');
    expect(request?.headers['if-none-match']).toBe(ETAG);
    expect(request?.headers['if-modified-since']).toBe(LAST_MODIFIED);
    expect(request?.status).toBe(304);
    expect(seen.filter((r) => r.url.startsWith('/page/'))).toEqual([]);
    expect((await cli(db, 'export')).out).toBe(before);
    // Nothing is due right after a poll.
    expect((await cli(db, 'feeds', 'poll')).out).toBe('No feeds are due.');
  });

  it('reads the feed again without validators and stores nothing new: each item once', async () => {
    const before = (await cli(db, 'export')).out;
    mode = 'ok';
    // A server that lost its ETag answers in full: every item is already stored.
    const store = await openStore(db);
    const feed = (await store.feeds.findFeedById(1))!;
    await store.feeds.saveFeedState(1, { ...feed.state, etag: null, lastModified: null });
    await store.close();
    const again = await cli(db, 'feeds', 'poll', '1');
    expect(again.out).toBe(`feed 1 ${base}/feed.xml: 0 added, 0 updated, 3 unchanged, 1 skipped`);
    expect(seen.filter((r) => r.url.startsWith('/page/'))).toEqual([]);
    expect((await cli(db, 'export')).out).toBe(before);
  });

  it.each<['broken' | 'gone', string]>([
    ['broken', 'is not a feed: not valid JSON'],
    ['gone', 'answered HTTP 404'],
  ])('a %s feed leaves every stored story as it was and shows its error', async (state, message) => {
    const before = (await cli(db, 'export')).out;
    mode = state;
    const polled = await cli(db, 'feeds', 'poll', '--all');
    expect(polled.code).toBe(1);
    expect(polled.out).toContain(`feed 1 ${base}/feed.xml: failed: `);
    expect(polled.out).toContain(message);
    expect(polled.err).toBe('lingwire: 1 of 1 feed failed; `lingwire feeds list` shows each error.');
    expect((await cli(db, 'export')).out).toBe(before);
    const [feed] = JSON.parse((await cli(db, 'feeds', 'list', '--json')).out);
    expect(feed.lastError).toContain(message);
    expect(feed.consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(feed.lastSuccess).not.toBeNull();
    expect((await cli(db, 'feeds', 'list')).out).toContain(`last error (${feed.consecutiveFailures} failure`);
  });

  it('refuses a bad interval and a second subscription; removes a feed and keeps its stories', async () => {
    const tooOften = await cli(db, 'feeds', 'add', `${base}/other.xml`, '--every', '2m');
    expect(tooOften.code).toBe(2);
    expect(tooOften.err).toContain('at least 5m');
    expect((await cli(db, 'feeds', 'add', `${base}/feed.xml`)).err).toContain('is already subscribed');
    expect(await cli(db, 'feeds', 'remove', '1')).toMatchObject({
      code: 0,
      out: 'Removed feed 1; its stories stay.',
    });
    expect((await cli(db, 'feeds', 'remove', '1')).code).toBe(1);
    expect((await cli(db, 'list', '--json')).out.split('\n')).toHaveLength(3);
    expect((await cli(db, 'feeds', 'list')).out).toContain('No feeds yet');
  });

  it('imports a single page by URL with its provenance; the page a feed item stored is updated, not stored twice', async () => {
    const page = await cli(db, 'import', `${base}/page/river`, '--allow-private');
    expect(page).toMatchObject({
      code: 0,
      out: 'Imported 1 URL: 0 added, 1 updated, 0 unchanged, 0 skipped.',
    });
    const story = JSON.parse((await cli(db, 'show', 'river-town-rebuilds-after-the-flood', '--json')).out);
    expect(story).toMatchObject({ textFrom: 'page', author: 'Mary Fields', feed: null, language: 'en' });
    expect((await cli(db, 'show', 'river-town-rebuilds-after-the-flood-2')).code).not.toBe(0);
    const refused = await cli(db, 'import', `${base}/page/river`);
    expect(refused.err).toContain('pass --allow-private');
  });
});
