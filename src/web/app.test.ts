import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT, SEED_STORY_PATH } from '../../test/shared-data.js';
import { importPaths } from '../ingest/import.js';
import type { Services } from '../services.js';
import type { Store } from '../store/types.js';
import { buildApp } from './app.js';

let services: Services;
let store: Store;
let app: FastifyInstance;

beforeEach(async () => {
  services = memoryServices();
  store = services.store;
  app = await buildApp({ services });
});
afterEach(async () => {
  await app.close();
});

async function importFixture(name = 'stories.jsonl') {
  await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', name)]);
}

/** The text a reader sees in the element(s) matching a simple tag/class pattern. */
function textOf(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'));
}

describe('an empty site', () => {
  it('explains in Chinese and English how to add stories', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('还没有文章');
    expect(res.body).toContain('No stories yet');
    expect(res.body).toContain('npx lingwire import');
  });
});

describe('pages', () => {
  beforeEach(() => importFixture());

  it('front page lists newest stories grouped by section, with English section names', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html><html lang="zh-CN">/);
    const headings = textOf(res.body, /<h2>(.*?)<\/h2>/g);
    // Groups ordered by their newest story: Ports (news, 2022-05-16), Museum (culture, 05-14), truce
    // (world, 2016); the navigation keeps the sections' stable (creation) order.
    expect(headings).toEqual([
      '英语新闻 English News',
      '欧美文化 Western Culture',
      '国际英语新闻 International News',
    ]);
    expect(textOf(res.body, /<nav class="sections-nav"[^>]*>(.*?)<\/nav>/g)).toEqual([
      '国际英语新闻欧美文化英语新闻',
    ]);
    expect(res.body).toContain(
      '<a class="story-link" href="/stories/museum-opens-new-wing-for-modern-art" lang="en">',
    );
  });

  it('story page composes section and title, shows the dateline apart, and links pinned related stories', async () => {
    const res = await app.inject('/stories/ports-reopen-after-storm-officials');
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body, /<h1 class="story-title">(.*?)<\/h1>/g)).toEqual([
      '英语新闻:Ports reopen after storm: officials',
    ]);
    expect(res.body).toContain(
      '<title>英语新闻:Ports reopen after storm: officials · lingwire 英语新闻</title>',
    );
    expect(res.body).toMatch(
      /<meta name="description" content="Ports along the coast reopened on Monday after a storm."/,
    );
    expect(textOf(res.body, /<li>(.*?)<\/li>/g).slice(-2)).toEqual([
      '欧美文化:Museum opens new wing for modern art',
      '国际英语新闻:Foreign ministers discuss truce by phone',
    ]);
    expect(res.body).toContain('<a href="/stories/museum-opens-new-wing-for-modern-art" lang="en">');
  });

  it('a dateline is shown apart from the first paragraph', async () => {
    const res = await app.inject('/stories/foreign-ministers-discuss-truce-by-phone');
    expect(textOf(res.body, /<p class="dateline" lang="en">(.*?)<\/p>/g)).toEqual([
      'GENEVA, Feb. 21 (Xinhua)2016年2月21日',
    ]);
    expect(res.body).toContain('<div class="story-body" lang="en"><p>Two foreign ministers spoke by phone');
  });

  it('section pages paginate; a page past the end is a 404 and a bad page number a 400', async () => {
    const res = await app.inject('/sections/world');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Foreign ministers discuss truce by phone');
    expect((await app.inject('/sections/world?page=2')).statusCode).toBe(404);
    const bad = await app.inject('/sections/world?page=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('&quot;page&quot; must be a whole number from 1');
  });

  it('an unknown URL gets a real 404 page', async () => {
    for (const url of ['/stories/no-such-story', '/sections/nope', '/what']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('找不到这个页面');
      expect(res.body).toContain('<title>');
    }
  });

  it('serves pages with an ETag, answers If-None-Match with 304, and sees new imports', async () => {
    const first = await app.inject('/');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await app.inject({ url: '/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', 'more.txt')]);
    const changed = await app.inject({ url: '/', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Volunteers plant trees along the river');
  });

  it('gzips for clients that accept it', async () => {
    const res = await app.inject({
      url: '/stories/ports-reopen-after-storm-officials',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('serves the stylesheet with long-lived cache headers', async () => {
    const home = await app.inject('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1] ?? '';
    expect(href).toMatch(/^\/assets\/site\.css\?v=[0-9a-f]{12}$/);
    const css = await app.inject(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
  });

  it('escapes story text', async () => {
    await services.pipeline.saveStories([
      {
        source: '',
        externalId: null,
        section: null,
        title: '<script>alert(1)</script> & co',
        dateline: null,
        publishedAt: null,
        url: null,
        tags: [],
        paragraphs: ['<b>bold</b>'],
        pinnedRelated: [],
      },
    ]);
    const res = await app.inject('/stories/script-alert-1-script-co');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script> &amp; co');
  });
});

describe('when something breaks underneath', () => {
  it('answers 500 with an error page (and JSON on the API) and keeps serving', async () => {
    await importFixture();
    const failing: Store = Object.assign(Object.create(store) as Store, {
      changeToken: () => {
        throw new Error('disk on fire');
      },
    });
    const broken = await buildApp({ services: { ...services, store: failing, close: async () => {} } });
    const page = await broken.inject('/stories/ports-reopen-after-storm-officials');
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('服务器出错了');
    expect(page.body).not.toContain('disk on fire');
    const api = await broken.inject('/api/nope');
    expect(api.statusCode).toBe(404);
    expect((await broken.inject('/api/sections')).statusCode).toBe(200);
    await broken.close();
  });
});

describe('JSON API', () => {
  beforeEach(() => importFixture());

  it('returns a story by slug or id', async () => {
    const bySlug = await app.inject('/api/stories/museum-opens-new-wing-for-modern-art');
    expect(bySlug.statusCode).toBe(200);
    const story = bySlug.json();
    expect(story).toMatchObject({
      title: 'Museum opens new wing for modern art',
      section: { slug: 'culture' },
    });
    expect((await app.inject(`/api/stories/${story.id}`)).json().slug).toBe(story.slug);
  });

  it('lists stories by section and gives JSON errors', async () => {
    expect((await app.inject('/api/stories?section=world')).json().stories).toHaveLength(1);
    const missing = await app.inject('/api/stories/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'STORY_NOT_FOUND', message: 'There is no story "nope".' },
    });
    expect((await app.inject('/api/stories?limit=0')).json().error.code).toBe('BAD_INPUT');
  });
});

describe.skipIf(!existsSync(SEED_STORY_PATH))('the seed page', () => {
  it('shows the section-prefixed title, dateline, seven paragraphs and ten related entries in order', async () => {
    await importPaths(services.pipeline, [SEED_STORY_PATH]);
    const res = await app.inject(
      '/stories/lavrov-kerry-discuss-conditions-for-hostilities-cessation-in-syria',
    );
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body, /<h1 class="story-title">(.*?)<\/h1>/g)).toEqual([
      '国际英语新闻:Lavrov, Kerry discuss conditions for hostilities cessation in Syria',
    ]);
    expect(res.body).toContain('<a class="title-section" href="/sections/world">国际英语新闻</a>');
    expect(textOf(res.body, /<p class="dateline" lang="en">(.*?)<\/p>/g)).toEqual([
      'MOSCOW, Feb. 21 (Xinhua)',
    ]);
    const body = /<div class="story-body" lang="en">(.*?)<\/div>/.exec(res.body)?.[1] ?? '';
    expect(body.match(/<p>/g)).toHaveLength(7);
    const related = textOf(
      /<section class="related"[^>]*>(.*?)<\/section>/.exec(res.body)?.[1] ?? '',
      /<li>(.*?)<\/li>/g,
    );
    expect(related).toHaveLength(10);
    expect(related[0]).toBe(
      '欧美文化:Emergency rooms see more gun violence victims in U.S. in 1st year of pandemic: CNN',
    );
    expect(related[9]).toBe('欧美文化:Voting begins in Philippine elections');
  });
});

describe('caching details', () => {
  beforeEach(() => importFixture());

  it('keys pages on path and page number only, so tracking parameters share one cached page', async () => {
    const plain = await app.inject('/stories/ports-reopen-after-storm-officials');
    const tracked = await app.inject('/stories/ports-reopen-after-storm-officials?from=singlemessage');
    expect(tracked.headers.etag).toBe(plain.headers.etag);
  });

  it('revalidates weak and listed ETags, and gives the gzip bytes their own ETag', async () => {
    const url = '/stories/ports-reopen-after-storm-officials';
    const etag = (await app.inject(url)).headers.etag as string;
    for (const header of [`W/${etag}`, `"other", ${etag}`, '*']) {
      expect((await app.inject({ url, headers: { 'if-none-match': header } })).statusCode, header).toBe(304);
    }
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).not.toBe(etag);
    const refused = await app.inject({ url, headers: { 'accept-encoding': 'gzip;q=0, identity' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });
});
