import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../../test/services.js';
import { REPO_ROOT } from '../../../test/shared-data.js';
import type { StoryInput } from '../../articles/model.js';
import { parseFeedText } from '../../ingest/feeds/parse.js';
import { importPaths } from '../../ingest/import.js';
import type { Services } from '../../services.js';
import { buildApp } from '../app.js';

const SITE = 'https://news.example';
let services: Services;
let app: FastifyInstance;

async function start(options: { publicUrl?: string | null; sitemapMaxUrls?: number } = {}) {
  services = memoryServices();
  app = await buildApp({
    services,
    publicUrl: options.publicUrl === undefined ? SITE : options.publicUrl,
    sitemapMaxUrls: options.sitemapMaxUrls,
  });
  await importPaths(services.pipeline, [
    join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl'),
    join(REPO_ROOT, 'test', 'fixtures', 'provenance.jsonl'),
  ]);
}
afterEach(async () => {
  await app?.close();
});

function story(overrides: Partial<StoryInput>): StoryInput {
  return {
    source: 'desk',
    externalId: null,
    section: 'world',
    title: 'A story',
    dateline: null,
    publishedAt: null,
    url: null,
    tags: [],
    paragraphs: ['Some text.'],
    pinnedRelated: [],
    ...overrides,
  };
}

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('Atom feeds', () => {
  beforeEach(() => start());

  it('the site feed parses back (lingwire’s own feed parser and a strict XML check) with every story whole', async () => {
    const res = await app.inject('/feed.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = parseFeedText(res.body, `${SITE}/feed.xml`);
    expect(feed.format).toBe('atom');
    expect(feed.link).toBe(`${SITE}/`);
    const total = (await app.inject('/api/stories?limit=100')).json();
    expect(feed.entries.map((e) => e.link)).toEqual(
      total.stories.map((s: { path: string }) => `${SITE}${s.path}`),
    );
    const river = feed.entries.find((e) => e.title.endsWith('River town rebuilds after the flood'))!;
    expect(river).toMatchObject({
      title: '国际英语新闻:River town rebuilds after the flood',
      id: `${SITE}/stories/river-town-rebuilds-after-the-flood`,
      published: '2026-03-03T08:00:00.000Z',
      author: 'Mary Fields',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    });
    // Full text with its dateline, and the source credit with a link to the original.
    expect(river.text).toContain('RIVERTON, March 3 (Courier) -- The town began rebuilding on Monday.');
    expect(river.text).toContain('Volunteers cleared the streets.');
    expect(river.html).toContain('href="https://courier.example.com/news/river"');
    expect(river.text).toMatch(/来源 Source: courier/);
  });

  it('meets RFC 4287: ids, titles and RFC 3339 updated on the feed and every entry, self link, author', async () => {
    const doc = xmlParser.parse((await app.inject('/feed.xml')).body).feed;
    expect(doc['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
    expect(doc.id).toBe(`${SITE}/feed.xml`);
    expect(doc.updated).toMatch(rfc3339);
    expect(asArray(doc.link).find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe(
      `${SITE}/feed.xml`,
    );
    expect(doc.author.name).toBeTruthy();
    const entries = asArray(doc.entry) as Array<Record<string, unknown>>;
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^https:\/\/news\.example\/stories\//);
      expect(entry.title).toBeTruthy();
      expect(entry.updated).toMatch(rfc3339);
      if (entry.published) expect(entry.published).toMatch(rfc3339);
    }
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('a section feed carries only that section; an unknown section is a 404', async () => {
    const feed = parseFeedText((await app.inject('/sections/culture/feed.xml')).body, SITE);
    expect(feed.title).toContain('欧美文化');
    expect(feed.entries.map((e) => e.title)).toEqual(['欧美文化:Museum opens new wing for modern art']);
    expect((await app.inject('/sections/nowhere/feed.xml')).statusCode).toBe(404);
  });

  it('escapes hostile titles and text so they parse back exactly', async () => {
    const title = 'Less <b>than</b> & "more" </title><script>alert(1)</script>';
    await services.pipeline.saveStories([
      story({ title, publishedAt: '2030-01-01', paragraphs: ['A < B && C > D, said <officials>.'] }),
    ]);
    const res = await app.inject('/feed.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(res.body).not.toContain('<script>');
    const entry = xmlParser.parse(res.body).feed.entry[0];
    expect(entry.title['#text']).toBe(`国际英语新闻:${title}`);
    expect(entry.content['#text']).toContain('A &lt; B &amp;&amp; C > D, said &lt;officials>.');
  });

  it('answers conditional GETs with 304 until a story in it changes', async () => {
    const first = await app.inject('/feed.xml');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"/);
    const again = await app.inject({ url: '/feed.xml', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await services.pipeline.saveStories([story({ title: 'Newer', publishedAt: '2031-01-01' })]);
    const changed = await app.inject({ url: '/feed.xml', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(parseFeedText(changed.body, SITE).entries[0]!.title).toBe('国际英语新闻:Newer');
    const section = await app.inject('/sections/culture/feed.xml');
    expect(
      (
        await app.inject({
          url: '/sections/culture/feed.xml',
          headers: { 'if-none-match': section.headers.etag! },
        })
      ).statusCode,
    ).toBe(304);
  });

  it('is linked from the home page and each section page', async () => {
    const home = (await app.inject('/')).body;
    expect(home).toContain(
      '<link rel="alternate" type="application/atom+xml" title="lingwire 英语新闻" href="/feed.xml"/>',
    );
    const section = (await app.inject('/sections/culture')).body;
    expect(section).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" title="欧美文化[^"]*" href="\/sections\/culture\/feed.xml"\/>/,
    );
    expect(section).toContain('href="/feed.xml"');
  });
});

describe('RSS 2.0 feeds', () => {
  beforeEach(() => start());

  it('the site feed parses back (lingwire’s own feed parser and a strict XML check) with the same stories whole', async () => {
    const res = await app.inject('/rss.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = parseFeedText(res.body, `${SITE}/rss.xml`);
    expect(feed.format).toBe('rss');
    expect(feed.link).toBe(`${SITE}/`);
    const atom = parseFeedText((await app.inject('/feed.xml')).body, `${SITE}/feed.xml`);
    expect(feed.entries.map((e) => e.link)).toEqual(atom.entries.map((e) => e.link));
    const river = feed.entries.find((e) => e.title.endsWith('River town rebuilds after the flood'))!;
    expect(river).toMatchObject({
      title: '国际英语新闻:River town rebuilds after the flood',
      id: `${SITE}/stories/river-town-rebuilds-after-the-flood`,
      published: '2026-03-03T08:00:00.000Z',
      author: 'Mary Fields',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      summaryOnly: false,
    });
    // Full text with its dateline, and the source credit with a link to the original.
    expect(river.text).toContain('RIVERTON, March 3 (Courier) -- The town began rebuilding on Monday.');
    expect(river.text).toContain('Volunteers cleared the streets.');
    expect(river.html).toContain('href="https://courier.example.com/news/river"');
    expect(river.text).toMatch(/来源 Source: courier/);
  });

  it('meets RSS 2.0: channel title, link, description; every item a permalink guid and an RFC 822 pubDate; self link', async () => {
    const doc = xmlParser.parse((await app.inject('/rss.xml')).body).rss;
    expect(doc['@version']).toBe('2.0');
    const channel = doc.channel;
    expect(channel.title).toBeTruthy();
    expect(channel.link).toBe(`${SITE}/`);
    expect(channel.description).toBeTruthy();
    expect(channel['atom:link']).toMatchObject({ '@rel': 'self', '@href': `${SITE}/rss.xml` });
    const rfc822 =
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;
    expect(channel.lastBuildDate).toMatch(rfc822);
    const items = asArray(channel.item) as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) {
      expect(item.title).toBeTruthy();
      expect(item.link).toMatch(/^https:\/\/news\.example\/stories\//);
      expect(item.guid).toMatchObject({ '@isPermaLink': 'true', '#text': item.link });
      expect(item.pubDate).toMatch(rfc822);
    }
  });

  it('a section feed carries only that section; an unknown section is a 404; hostile text parses back exactly', async () => {
    const feed = parseFeedText((await app.inject('/sections/culture/rss.xml')).body, SITE);
    expect(feed.title).toContain('欧美文化');
    expect(feed.entries.map((e) => e.title)).toEqual(['欧美文化:Museum opens new wing for modern art']);
    expect((await app.inject('/sections/nowhere/rss.xml')).statusCode).toBe(404);
    const title = 'Less <b>than</b> & "more" </title><script>alert(1)</script>';
    await services.pipeline.saveStories([
      story({ title, publishedAt: '2030-01-01', paragraphs: ['A < B && C > D, said <officials>.'] }),
    ]);
    const res = await app.inject('/rss.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(res.body).not.toContain('<script>');
    const item = xmlParser.parse(res.body).rss.channel.item[0];
    expect(item.title).toBe(`国际英语新闻:${title}`);
    expect(item.description).toBe('A < B && C > D, said <officials>.');
  });

  it('answers conditional GETs with 304 until a story in it changes', async () => {
    const first = await app.inject('/rss.xml');
    const etag = first.headers.etag!;
    expect((await app.inject({ url: '/rss.xml', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    await services.pipeline.saveStories([story({ title: 'Newer', publishedAt: '2031-01-01' })]);
    const changed = await app.inject({ url: '/rss.xml', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(parseFeedText(changed.body, SITE).entries[0]!.title).toBe('国际英语新闻:Newer');
  });

  it('is linked from the home page and each section page', async () => {
    const home = (await app.inject('/')).body;
    expect(home).toContain(
      '<link rel="alternate" type="application/rss+xml" title="lingwire 英语新闻" href="/rss.xml"/>',
    );
    const section = (await app.inject('/sections/culture')).body;
    expect(section).toMatch(
      /<link rel="alternate" type="application\/rss\+xml" title="欧美文化[^"]*" href="\/sections\/culture\/rss.xml"\/>/,
    );
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('lists the front page, every section and every story, absolute, with lastmod', async () => {
    await start();
    const res = await app.inject('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(XMLValidator.validate(res.body)).toBe(true);
    const urls = asArray(xmlParser.parse(res.body).urlset.url) as Array<{ loc: string; lastmod?: string }>;
    const locs = urls.map((u) => u.loc);
    const stories = (await app.inject('/api/stories?limit=100')).json().stories as Array<{ path: string }>;
    for (const s of stories) expect(locs).toContain(`${SITE}${s.path}`);
    expect(locs).toContain(`${SITE}/`);
    expect(locs).toContain(`${SITE}/sections/world`);
    expect(locs.length).toBe(2 + 3 + stories.length);
    expect(urls.find((u) => u.loc.includes('/stories/'))!.lastmod).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('becomes an index of parts above the threshold, the parts together listing every URL once', async () => {
    await start({ sitemapMaxUrls: 4 });
    const whole = xmlParser.parse((await app.inject('/sitemap.xml')).body);
    expect(whole.urlset).toBeUndefined();
    const parts = asArray(whole.sitemapindex.sitemap) as Array<{ loc: string }>;
    const stories = (await app.inject('/api/stories?limit=100')).json().stories.length as number;
    expect(parts.length).toBe(Math.ceil((5 + stories) / 4));
    const listed: string[] = [];
    for (const part of parts) {
      expect(part.loc).toMatch(/^https:\/\/news\.example\/sitemaps\/\d+\.xml$/);
      const res = await app.inject(new URL(part.loc).pathname);
      expect(res.statusCode).toBe(200);
      const urls = asArray(xmlParser.parse(res.body).urlset.url) as Array<{ loc: string }>;
      expect(urls.length).toBeLessThanOrEqual(4);
      listed.push(...urls.map((u) => u.loc));
    }
    expect(listed.length).toBe(5 + stories);
    expect(new Set(listed).size).toBe(listed.length);
    expect((await app.inject(`/sitemaps/${parts.length + 1}.xml`)).statusCode).toBe(404);
    expect((await app.inject('/sitemaps/x.xml')).statusCode).toBe(400);
  });

  it('robots.txt points at the sitemap', async () => {
    await start();
    const res = await app.inject('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    expect(res.body).toMatch(/^User-agent: \*$/m);
    // Search result pages are not for crawlers (endless, and each one a search).
    expect(res.body).toMatch(/^Disallow: \/search$/m);
  });
});

describe('absolute URLs never come from the request', () => {
  const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'https' };
  const URLS = [
    '/',
    '/sections/world',
    '/stories/museum-opens-new-wing-for-modern-art',
    '/feed.xml',
    '/rss.xml',
    '/sitemap.xml',
    '/robots.txt',
  ];

  it('a forged Host does not reach pages, feeds, the sitemap or robots.txt (or the shared cache)', async () => {
    await start();
    for (const url of URLS) {
      const forged = await app.inject({ url, headers: FORGED });
      expect(forged.body, url).not.toContain('evil');
      expect(forged.body, url).toContain(SITE);
      // What the forged request left in the cache is what the next reader gets.
      expect((await app.inject(url)).body, url).not.toContain('evil');
    }
  });

  it('without LINGWIRE_PUBLIC_URL the default listen address stands in, still not the Host', async () => {
    await start({ publicUrl: null });
    const page = await app.inject({ url: '/stories/museum-opens-new-wing-for-modern-art', headers: FORGED });
    expect(page.body).toContain(
      '<link rel="canonical" href="http://127.0.0.1:3000/stories/museum-opens-new-wing-for-modern-art"/>',
    );
    expect(page.body).not.toContain('evil');
    app.lingwireSite.url = 'http://127.0.0.1:4321';
    expect((await app.inject({ url: '/robots.txt', headers: FORGED })).body).toContain(
      'Sitemap: http://127.0.0.1:4321/sitemap.xml',
    );
  });
});
