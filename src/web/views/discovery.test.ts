import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../../test/services.js';
import { REPO_ROOT } from '../../../test/shared-data.js';
import type { StoryInput } from '../../articles/model.js';
import { importPaths } from '../../ingest/import.js';
import type { Services } from '../../services.js';
import { buildApp } from '../app.js';
import { scriptSafeJson } from './structured-data.js';

const SITE = 'https://news.example';
const HOSTILE = 'Talks end </script><script>alert(1)</script> & <!-- "quoted"';
let services: Services;
let app: FastifyInstance;

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

beforeAll(async () => {
  services = memoryServices();
  app = await buildApp({ services, publicUrl: SITE });
  await importPaths(services.pipeline, [
    join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl'),
    join(REPO_ROOT, 'test', 'fixtures', 'provenance.jsonl'),
  ]);
  await services.pipeline.saveStories([story({ title: HOSTILE, publishedAt: '2016-01-01' })]);
});
afterAll(() => app.close());

/** The JSON-LD blocks of a page, parsed. */
function jsonLd(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) =>
    JSON.parse(m[1]!),
  );
}

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key.replace(/[:+]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1];

describe('a story page for search engines and link previews', () => {
  it('carries OpenGraph, Twitter card, canonical and article tags on the public URL', async () => {
    const html = (await app.inject('/stories/river-town-rebuilds-after-the-flood')).body;
    const url = `${SITE}/stories/river-town-rebuilds-after-the-flood`;
    expect(html).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(meta(html, 'og:url')).toBe(url);
    expect(meta(html, 'og:type')).toBe('article');
    expect(meta(html, 'og:title')).toBe('国际英语新闻:River town rebuilds after the flood');
    expect(meta(html, 'og:description')).toBe('The town began rebuilding on Monday.');
    expect(meta(html, 'twitter:card')).toBe('summary');
    expect(meta(html, 'twitter:title')).toBe('国际英语新闻:River town rebuilds after the flood');
    expect(meta(html, 'article:published_time')).toBe('2026-03-03T08:00:00Z');
    expect(meta(html, 'article:section')).toBe('国际英语新闻');
  });

  it('carries a NewsArticle in JSON-LD: headline, dates, section, publisher, author, the source URL', async () => {
    const html = (await app.inject('/stories/river-town-rebuilds-after-the-flood')).body;
    const [article, ...more] = jsonLd(html);
    expect(more).toEqual([]);
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'River town rebuilds after the flood',
      datePublished: '2026-03-03T08:00:00Z',
      dateModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      articleSection: ['国际英语新闻', 'International News'],
      url: `${SITE}/stories/river-town-rebuilds-after-the-flood`,
      publisher: { '@type': 'Organization', name: 'lingwire 英语新闻', url: SITE },
      author: { '@type': 'Person', name: 'Mary Fields' },
      sourceOrganization: { '@type': 'Organization', name: 'Courier' },
      isBasedOn: 'https://courier.example.com/news/river',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    });
  });

  it('escapes the JSON-LD so a title holding </script> cannot break out of it', async () => {
    const res = await app.inject('/api/stories?limit=100');
    const slug = res.json().stories.find((s: { title: string }) => s.title === HOSTILE).slug;
    const html = (await app.inject(`/stories/${slug}`)).body;
    // One script element that is not JSON-LD: the reader script (absent here without a dictionary).
    // One inline script element: the JSON-LD (every other script is a file, `src=`).
    expect(html.match(/<script\b(?![^>]*\bsrc=")/g)).toHaveLength(1);
    expect(html).not.toContain('<script>alert(1)');
    expect(jsonLd(html)[0]!.headline).toBe(HOSTILE);
    expect(scriptSafeJson({ t: '</script><!--\u2028' })).toBe(
      '{"t":"\\u003c/script\\u003e\\u003c!--\\u2028"}',
    );
  });
});

describe('lists and navigation', () => {
  it('marks the current section in the navigation: the section page, and the section of a story', async () => {
    const section = (await app.inject('/sections/culture')).body;
    expect(section).toContain('<a href="/sections/culture" aria-current="page">欧美文化</a>');
    expect(section.match(/aria-current/g)).toHaveLength(1);
    const storyPage = (await app.inject('/stories/museum-opens-new-wing-for-modern-art')).body;
    expect(storyPage).toContain('<a href="/sections/culture" aria-current="true">欧美文化</a>');
    expect((await app.inject('/')).body).not.toContain('aria-current');
  });

  it('does not float an undated story imported today to the top of the front page', async () => {
    // provenance.jsonl has undated stories in 国际英语新闻 and 英语新闻, stored after the dated ones.
    const home = (await app.inject('/')).body;
    const firstStory = /<a class="story-link" href="([^"]+)"/.exec(home)![1];
    expect(firstStory).toBe('/stories/river-town-rebuilds-after-the-flood');
    const world = (await app.inject('/sections/world')).body;
    const links = [...world.matchAll(/<a class="story-link" href="([^"]+)"/g)].map((m) => m[1]);
    expect(links[links.length - 1]).toBe('/stories/harbour-reopens-to-fishing-boats');
  });

  it('shows a date for every story in lists: published, else the day it was added', async () => {
    const home = (await app.inject('/')).body;
    expect(home).toContain('<time datetime="2026-03-03T08:00:00Z">2026年3月3日</time>');
    expect(home).toContain('<time datetime="2022-05-14">2022年5月14日</time>');
    const metas = [...home.matchAll(/<p class="story-meta">(.*?)<\/p>/g)].map((m) => m[1]!);
    expect(metas.length).toBeGreaterThan(5);
    for (const line of metas) expect(line).toMatch(/<time datetime="\d{4}-\d\d-\d\d/);
    expect(home).toMatch(/<span class="added">收录于 <time datetime="\d{4}-/);
  });
});
