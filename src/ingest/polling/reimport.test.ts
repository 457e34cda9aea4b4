/**
 * Exact re-imports through feed polling: an entry polled again with the same GUID, or with a new
 * GUID but the same link, updates its story instead of storing it twice; a copy of a stored story
 * from another feed is counted in the poll's summary.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../../test/services.js';
import { pollLine } from '../../cli/commands/feeds.js';
import type { NewFeed } from './model.js';
import { FeedPoller } from './poller.js';

const BODY =
  '<p>The old harbour of Porthmellin reopened to fishing boats on Tuesday after a month of repairs to its stone walls, which a winter storm had broken in three places.</p>' +
  '<p>Workers from the county council replaced more than two hundred tonnes of granite blocks and rebuilt the lighthouse steps, the harbour master said in a statement.</p>' +
  '<p>Fishermen who had been landing their catch at a town twenty miles along the coast said the reopening would save them hours of sailing every week.</p>';

function rss(items: Array<{ guid: string; link: string; title: string; body?: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Coast</title><link>/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><content:encoded><![CDATA[${i.body ?? BODY}]]></content:encoded></item>`,
    )
    .join('')}</channel></rss>`;
}

const feeds = new Map<string, string>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = feeds.get(req.url ?? '');
    if (body) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
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

describe('polling a feed again', () => {
  it('updates the story of an entry with the same GUID, or a new GUID and the same link', async () => {
    const services = memoryServices();
    const poller = new FeedPoller(services.store, services.pipeline, { allowHosts: ['127.0.0.1'] });
    try {
      const subscribed = await services.store.feeds.createFeed(
        feed(`${base}/coast.xml`),
        new Date().toISOString(),
      );
      const link = `${base}/story/harbour`;
      const poll = async (item: { guid: string; link: string; title: string }) => {
        feeds.set('/coast.xml', rss([item]));
        return poller.pollFeed(subscribed.id);
      };
      expect(await poll({ guid: 'h-1', link, title: 'Harbour reopens' })).toMatchObject({
        added: 1,
        updated: 0,
      });
      // Same GUID, corrected headline: updated.
      expect(await poll({ guid: 'h-1', link, title: 'Harbour reopens to boats' })).toMatchObject({
        added: 0,
        updated: 1,
      });
      // The feed changed its GUID scheme; the link is the same: updated, not stored twice.
      expect(
        await poll({ guid: 'urn:coast:h-1', link, title: 'Harbour reopens to fishing boats' }),
      ).toMatchObject({
        added: 0,
        updated: 1,
      });
      expect(await services.store.stories.countStories()).toBe(1);
      const story = (await services.store.stories.findStoryByUrl(link))!;
      expect(story).toMatchObject({ title: 'Harbour reopens to fishing boats', externalId: 'h-1' });
      // And once more with the new GUID: found again, nothing to change.
      expect(
        await poll({ guid: 'urn:coast:h-1', link, title: 'Harbour reopens to fishing boats' }),
      ).toMatchObject({
        added: 0,
        updated: 0,
      });
      // A new GUID and a new link is a new story.
      expect(
        await poll({ guid: 'h-2', link: `${base}/story/school`, title: 'School roof gets solar panels' }),
      ).toMatchObject({ added: 1 });
    } finally {
      await services.close();
    }
  });

  it("counts copies of stored stories in the poll's summary", async () => {
    const services = memoryServices();
    const poller = new FeedPoller(services.store, services.pipeline, { allowHosts: ['127.0.0.1'] });
    try {
      feeds.set('/a.xml', rss([{ guid: 'a-1', link: `${base}/a/1`, title: 'Harbour reopens' }]));
      feeds.set(
        '/b.xml',
        rss([
          { guid: 'b-1', link: `${base}/b/1`, title: 'Porthmellin harbour open again' },
          {
            guid: 'b-2',
            link: `${base}/b/2`,
            title: 'Market moves',
            body: '<p>The weekly farmers market in Penrose will move to the town square from next month, after traders said the car park was too far from the shops.</p>',
          },
        ]),
      );
      const a = await services.store.feeds.createFeed(feed(`${base}/a.xml`), new Date().toISOString());
      const b = await services.store.feeds.createFeed(feed(`${base}/b.xml`), new Date().toISOString());
      expect(await poller.pollFeed(a.id)).toMatchObject({ added: 1, copies: 0 });
      const second = await poller.pollFeed(b.id);
      expect(second).toMatchObject({ added: 2, copies: 1 });
      expect(pollLine(second)).toBe(
        `feed ${b.id} ${base}/b.xml: 2 added (1 copy of existing stories), 0 updated, 0 unchanged, 0 skipped`,
      );
      expect(await services.store.stories.countStories()).toBe(2);
    } finally {
      await services.close();
    }
  });
});
