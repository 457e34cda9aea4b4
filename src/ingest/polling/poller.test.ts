/**
 * The poller's schedule and isolation: a hanging feed never delays the others, failures back off
 * exponentially with jitter, and the writer polls due feeds on its own timer and stops on close.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../../test/services.js';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { Writer } from '../../writer/writer.js';
import type { NewFeed } from './model.js';
import { FeedPoller } from './poller.js';
import { formatEvery, nextPollAt, parseEvery } from './schedule.js';

const FEED = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'feeds', 'wire.xml'));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const feed = (url: string): NewFeed => ({
  url,
  title: '',
  section: null,
  language: 'en',
  intervalMinutes: 30,
  allowPrivate: true,
});

describe('the schedule', () => {
  it.each([
    ['30m', 30],
    ['5m', 5],
    ['2h', 120],
    ['90min', 90],
  ])('--every %s is %i minutes', (text, minutes) => {
    expect(parseEvery(text)).toBe(minutes);
  });

  it.each(['4m', '30', '1d', 'soon'])('refuses --every %s', (text) => {
    expect(() => parseEvery(text)).toThrow(/--every/);
  });

  it('formats intervals as --every takes them', () => {
    expect([30, 60, 90].map(formatEvery)).toEqual(['30m', '1h', '1h30m']);
  });

  it('waits the interval after a success and backs off exponentially after failures, within ±10% and a day', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const minutesAfter = (failures: number, random: number) =>
      (Date.parse(nextPollAt(now, 30, failures, () => random)) - now.getTime()) / 60_000;
    expect(minutesAfter(0, 0.5)).toBe(30);
    expect(minutesAfter(1, 0.5)).toBe(60);
    expect(minutesAfter(3, 0.5)).toBe(240);
    expect(minutesAfter(20, 0.5)).toBe(24 * 60);
    expect(minutesAfter(0, 0)).toBe(27);
    expect(minutesAfter(0, 1)).toBe(33);
  });
});

describe('FeedPoller', () => {
  it('polls feeds concurrently: a hanging feed fails at its deadline without delaying the others', async () => {
    const services = memoryServices();
    const poller = new FeedPoller(services.store, services.pipeline, {
      allowHosts: ['127.0.0.1'],
      fetchTimeoutMs: 5_000,
      feedTimeoutMs: 400,
      random: () => 0.5,
    });
    try {
      const hanging = await services.store.feeds.createFeed(feed(`${base}/hang`), new Date().toISOString());
      const good = await services.store.feeds.createFeed(feed(`${base}/feed.xml`), new Date().toISOString());
      const finished: number[] = [];
      const started = Date.now();
      const results = await poller.pollAll((r) => finished.push(r.feedId));
      expect(finished).toEqual([good.id, hanging.id]);
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'stored']);
      expect(results[0]!.error).toContain('took longer than 400 ms');
      expect(Date.now() - started).toBeLessThan(3_000);
      const state = (await services.store.feeds.findFeedById(hanging.id))!.state;
      expect(state).toMatchObject({ consecutiveFailures: 1, lastSuccessAt: null });
      // Backed off: twice the interval.
      expect(Date.parse(state.nextPollAt) - Date.parse(state.lastPolledAt!)).toBe(60 * 60_000);
      expect(await services.store.stories.countStories()).toBe(3);
    } finally {
      await services.close();
    }
  });

  it('runs in the writer: due feeds are polled on its timer, and closing stops it', async () => {
    const services = memoryServices();
    await services.store.feeds.createFeed(feed(`${base}/feed.xml`), new Date().toISOString());
    const writer = new Writer(services, { pollEveryMs: 20 });
    let closed = false;
    try {
      await writer.start();
      await expect.poll(() => services.store.stories.countStories(), { timeout: 5_000 }).toBe(3);
      // Polled once: the next poll is half an hour away.
      const [subscribed] = await services.store.feeds.listFeeds();
      expect(subscribed!.state.itemsSeen).toBe(4);
      await writer.close();
      closed = true;
    } finally {
      if (!closed) await writer.close();
    }
  });
});

describe('sections of polled stories', () => {
  /** 20 stories filed in each of two sections, so `auto` classification is on. */
  async function twoFiledSections(services: ReturnType<typeof memoryServices>) {
    const topics = {
      sports: 'match goal league coach team cup',
      business: 'shares profit market bank prices economy',
    };
    await services.pipeline.saveStories(
      Array.from({ length: 40 }, (_, i) => {
        const topic = i % 2 ? 'business' : 'sports';
        return {
          source: 'seed',
          externalId: `f${i}`,
          section: topic,
          title: `Filed ${i} ${topics[topic]}`,
          dateline: null,
          publishedAt: null,
          url: null,
          tags: [],
          paragraphs: [`${topics[topic]} ${i}`],
          pinnedRelated: [],
          language: 'en',
        };
      }),
    );
  }

  async function filingsOfPolled(services: ReturnType<typeof memoryServices>, newFeed: NewFeed) {
    const poller = new FeedPoller(services.store, services.pipeline, {
      allowHosts: ['127.0.0.1'],
      random: () => 0.5,
    });
    await services.store.feeds.createFeed(newFeed, new Date().toISOString());
    await poller.pollAll();
    const ids = (await services.store.stories.listStories({ limit: 100, offset: 0 }))
      .filter((s) => s.title.indexOf('Filed ') !== 0)
      .map((s) => s.id);
    expect(ids).toHaveLength(3);
    return [...(await services.store.filing.findFilings(ids)).values()];
  }

  it("a feed's section is recorded as the feed's choice", async () => {
    const services = memoryServices();
    try {
      await twoFiledSections(services);
      const filings = await filingsOfPolled(services, { ...feed(`${base}/feed.xml`), section: 'world' });
      expect(filings).toEqual([1, 2, 3].map(() => ({ source: 'feed', confidence: null })));
    } finally {
      await services.close();
    }
  });

  it('a feed without a section: its stories are classified unless the feed says never', async () => {
    for (const classify of ['auto', 'never'] as const) {
      const services = memoryServices();
      try {
        await twoFiledSections(services);
        const filings = await filingsOfPolled(services, { ...feed(`${base}/feed.xml`), classify });
        expect(filings.map((f) => f.source)).toEqual(
          classify === 'never' ? [] : ['classifier', 'classifier', 'classifier'],
        );
      } finally {
        await services.close();
      }
    }
  });
});
