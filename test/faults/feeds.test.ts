/**
 * Feeds that misbehave, and a server killed while it polls, with real `lingwire serve` processes
 * polling feeds served by the test on 127.0.0.1:
 *
 * - a feed that never answers, one that resets the connection and one that streams forever stall
 *   neither the good feed (its stories arrive) nor the web server (`/healthz` answers at once);
 * - `kill -9` of the server at moments of a poll leaves the database intact with all of a poll's
 *   stories or none, and after a restart every story arrives once: nothing acknowledged (a feed
 *   whose state says it was stored) is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, rssFeed, startFeedServer } from './feed-server.js';
import { inspectDatabase, killHard, runLingwire, type Serving, startServe, waitFor } from './processes.js';

const ENV = { LINGWIRE_FETCH_HOSTS: '127.0.0.1' };

let dir: string;
let feeds: FeedServer;
const running: Serving[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-feed-faults-'));
  feeds = await startFeedServer();
});
afterAll(async () => {
  for (const serving of running) if (serving.child.exitCode === null) await killHard(serving);
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

async function subscribe(db: string, path: string): Promise<void> {
  const added = await runLingwire(
    ['--db', db, 'feeds', 'add', feeds.url(path), '--allow-private', '--language', 'any'],
    {
      env: ENV,
    },
  );
  expect(added.code, added.stderr).toBe(0);
}

/** Stories stored from the feed at `path`, and what its state says. */
function feedRows(db: string, path: string) {
  const sqlite = new Database(db, { readonly: true });
  try {
    const stories = (
      sqlite.prepare('SELECT count(*) AS n FROM stories WHERE feed = ?').get(feeds.url(path)) as { n: number }
    ).n;
    const state = sqlite
      .prepare('SELECT last_success_at, last_error, items_stored FROM feeds WHERE url = ?')
      .get(feeds.url(path)) as {
      last_success_at: string | null;
      last_error: string | null;
      items_stored: number;
    };
    return { stories, ...state };
  } finally {
    sqlite.close();
  }
}

async function healthMs(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/healthz`);
  expect(res.status).toBe(200);
  await res.text();
  return performance.now() - started;
}

describe('feeds that hang, reset or never end', () => {
  it('stall neither the good feed nor the web server', async () => {
    const db = join(dir, 'bad-feeds.db');
    feeds.set('/good.xml', { kind: 'feed', xml: rssFeed('good', 12) });
    feeds.set('/hang.xml', { kind: 'hang' });
    feeds.set('/reset.xml', { kind: 'reset' });
    feeds.set('/endless.xml', { kind: 'endless' });
    // The bad ones first: they take the first places in the poller's round.
    for (const path of ['/hang.xml', '/reset.xml', '/endless.xml', '/good.xml']) await subscribe(db, path);

    const serving = await startServe(db, ENV);
    running.push(serving);
    const worst = { ms: 0 };
    await waitFor(
      "the good feed's stories",
      async () => {
        worst.ms = Math.max(worst.ms, await healthMs(serving.url));
        return feedRows(db, '/good.xml').stories === 12;
      },
      { timeoutMs: 60_000, everyMs: 50 },
    );
    // The hanging feed is still hanging: the good one did not wait for it.
    expect(feeds.stats('/hang.xml').requests).toBe(1);
    expect(feeds.stats('/hang.xml').closed).toBe(0);
    for (let i = 0; i < 10; i++) worst.ms = Math.max(worst.ms, await healthMs(serving.url));
    // A stalled server would wait for the hanging feed's 30 s timeout; this allows for a loaded machine.
    expect(worst.ms).toBeLessThan(2000);

    // The endless feed was cut at the size cap (8 MB), and the reset is recorded as the feed's error.
    await waitFor('the endless feed to be cut', () => feeds.stats('/endless.xml').closed === 1);
    expect(feeds.stats('/endless.xml').bytes).toBeLessThan(64 * 1024 * 1024);
    await waitFor('the failures to be recorded', () => feedRows(db, '/endless.xml').last_error !== null);
    expect(feedRows(db, '/endless.xml').last_error).toMatch(/larger than|MB/);
    await waitFor('the reset to be recorded', () => feedRows(db, '/reset.xml').last_error !== null);
    expect(feedRows(db, '/reset.xml').stories).toBe(0);
    await killHard(serving);
  }, 120_000);
});

describe('kill -9 of the server while it polls a feed', () => {
  it('keeps all of a poll or none of it, and after a restart every story arrives once', async () => {
    const db = join(dir, 'poll-kill.db');
    const ITEMS = 100;
    // Each moment its own feed, so that every kill falls into a first poll.
    const delays = [0, 250, 1000];
    for (const [k, delay] of delays.entries()) {
      const path = `/poll-${k}.xml`;
      feeds.set(path, { kind: 'feed', xml: rssFeed(`poll${k}`, ITEMS) });
      await subscribe(db, path);
      const served = feeds.nextServed(path);
      const serving = await startServe(db, ENV);
      running.push(serving);
      await served;
      await new Promise((r) => setTimeout(r, delay));
      const end = await killHard(serving);
      expect(end.signal).toBe('SIGKILL');
      expect(inspectDatabase(db).integrity, `killed ${delay} ms after the feed was served`).toBe('ok');
      for (let j = 0; j <= k; j++) {
        const rows = feedRows(db, `/poll-${j}.xml`);
        expect([0, ITEMS], `feed ${j} after the kill at ${delay} ms`).toContain(rows.stories);
        // Acknowledged: a feed whose state says it stored its items has them all.
        if (rows.last_success_at) expect(rows.stories).toBe(ITEMS);
      }
    }

    const serving = await startServe(db, ENV);
    running.push(serving);
    await waitFor(
      'every feed to be stored',
      () => delays.every((_, k) => feedRows(db, `/poll-${k}.xml`).last_success_at !== null),
      { timeoutMs: 120_000, everyMs: 100 },
    );
    for (const k of delays.keys()) expect(feedRows(db, `/poll-${k}.xml`).stories).toBe(ITEMS);
    const titles = inspectDatabase(db).titles;
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(ITEMS * delays.length);
    await killHard(serving);
  }, 300_000);
});
