/**
 * Search through the web: the page and the JSON API give the same answers, keep the query in the
 * box, highlight matches with escaped text, check every parameter, and the seed story is found
 * first by the words a reader remembers of it, among the freely-licensed corpus.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { HAS_SHARED, NEWS_DIR, REPO_ROOT, SEED_STORY_PATH } from '../../test/shared-data.js';
import { importPaths } from '../ingest/import.js';
import type { Services } from '../services.js';
import { buildApp } from './app.js';

async function appWith(paths: string[]): Promise<{ app: FastifyInstance; services: Services }> {
  const services = memoryServices();
  await importPaths(services.pipeline, paths);
  return { app: await buildApp({ services }), services };
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

describe('search on the fixture site', () => {
  let app: FastifyInstance;
  let services: Services;
  beforeAll(async () => {
    ({ app, services } = await appWith([join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl')]));
    // A story whose text needs escaping, to show the snippet is text, not markup.
    await services.pipeline.saveStories([
      {
        source: 'wire',
        externalId: 'w-9',
        section: '国际英语新闻',
        title: 'Tags in the text',
        paragraphs: ['The <script>alert(1)</script> truce & "quotes" stayed.'],
        publishedAt: '2016-03-01T00:00:00.000Z',
        dateline: null,
        url: null,
        tags: [],
        pinnedRelated: [],
      },
    ]);
  });
  afterAll(() => app.close());

  it('answers the API with story rows as /api/stories gives them, plus externalId and snippet', async () => {
    const res = await app.inject('/api/search?q=truce');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, limit: 10 });
    const listed = (await app.inject('/api/stories?limit=100')).json().stories as Array<{ id: number }>;
    for (const result of body.results) {
      const { externalId, snippet, ...row } = result;
      expect(row).toEqual(listed.find((s) => s.id === result.id));
      expect(typeof externalId).toBe('string');
      expect(snippet).toContain('<mark>truce</mark>');
    }
    // The title match first.
    expect(body.results.map((r: { externalId: string }) => r.externalId)).toEqual(['w-1', 'w-9']);
  });

  it('escapes the text of snippets and marks only the matched words', async () => {
    const [result] = (await app.inject('/api/search?q=quotes')).json().results;
    expect(result.snippet).toBe(
      'The &lt;script&gt;alert(1)&lt;/script&gt; truce &amp; &quot;<mark>quotes</mark>&quot; stayed.',
    );
    const page = await app.inject('/search?q=quotes');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&quot;<mark>quotes</mark>&quot;');
  });

  it('shows results on the page with the query kept in the box, section, date and snippet', async () => {
    const res = await app.inject('/search?q=%22foreign+ministers%22');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="&quot;foreign ministers&quot;"');
    const results = res.body.match(/<ol class="story-list search-results"[^>]*>(.*?)<\/ol>/s)![1]!;
    expect(textOf(results)).toContain('国际英语新闻:Foreign ministers discuss truce by phone');
    expect(results).toContain('2016年2月21日');
    expect(results).toContain('<mark>');
    expect(textOf(res.body)).toContain('找到 1 篇');
  });

  it('filters the same way on the page and the API', async () => {
    const api = (q: string) => app.inject(`/api/search?${q}`).then((r) => r.json());
    expect((await api('q=truce&from=2016-02-22')).results.map((r: { title: string }) => r.title)).toEqual([
      'Tags in the text',
    ]);
    expect((await api('q=truce&to=2016-02-21')).total).toBe(1);
    expect((await api('q=truce&section=culture')).total).toBe(0);
    expect((await api('q=truce&source=elsewhere')).total).toBe(0);
    expect((await api('q=truce -quotes')).total).toBe(1);
    const page = await app.inject('/search?q=truce&from=2016-02-22');
    expect(textOf(page.body)).toContain('Tags in the text');
    expect(textOf(page.body)).not.toContain('Foreign ministers discuss truce');
  });

  it('pages results with links that keep the query and filters', async () => {
    const first = (await app.inject('/api/search?q=truce&limit=1')).json();
    const second = (await app.inject('/api/search?q=truce&limit=1&page=2')).json();
    expect([first.results[0].externalId, second.results[0].externalId]).toEqual(['w-1', 'w-9']);
    expect(second).toMatchObject({ page: 2, limit: 1, total: 2 });
  });

  it.each([
    ['/api/search?q=a&q=b', 'BAD_INPUT', 'q'],
    ['/api/search?q=truce&section=a&section=b', 'BAD_INPUT', 'section'],
    ['/api/search?q=truce&limit=0', 'BAD_INPUT', 'limit'],
    ['/api/search?q=truce&limit=500', 'BAD_INPUT', 'limit'],
    ['/api/search?q=truce&page=x', 'BAD_INPUT', 'page'],
    ['/api/search?q=truce&from=2016-02-30', 'BAD_INPUT', 'from'],
    ['/api/search?q=truce&from=2016-03-01&to=2016-02-01', 'BAD_INPUT', 'after'],
    ['/api/search?q=truce&level=B3', 'BAD_INPUT', 'level'],
    ['/api/search?q=', 'BAD_QUERY', 'Type a few words'],
    ['/api/search', 'BAD_QUERY', 'Type a few words'],
    ['/api/search?q=%22%22+!!!', 'BAD_QUERY', 'letters or digits'],
    ['/api/search?q=-truce', 'BAD_QUERY', '-word'],
  ])('%s is a 400 %s that says what is wrong', async (url, code, words) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toContain(words);
  });

  it('answers an unknown section with SECTION_NOT_FOUND', async () => {
    const res = await app.inject('/api/search?q=truce&section=nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SECTION_NOT_FOUND');
  });

  it('gives the page a helpful message, never a 500, for an empty or unusable query', async () => {
    const blank = await app.inject('/search');
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('name="q"');
    for (const [url, words] of [
      ['/search?q=', 'Type a few words'],
      ['/search?q=%22', 'letters or digits'],
      ['/search?q=-truce', '-word'],
      ['/search?q=volcano', 'No stories match'],
      ['/search?q=truce&from=yesterday', 'YYYY-MM-DD'],
      ['/search?q=truce&section=&level=&from=&to=', '找到 2 篇'],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode).toBeLessThan(500);
      expect(textOf(res.body).replace(/&quot;/g, '"')).toContain(words);
    }
    expect((await app.inject('/search?q=a&q=b')).statusCode).toBe(400);
  });

  it('puts a search box in the header of every page, and the 404 page offers search and the newest stories', async () => {
    for (const url of ['/', '/sections/world', '/about', '/search?q=truce']) {
      const res = await app.inject(url);
      expect(res.body).toMatch(/<header class="site-header">.*<form class="site-search" action="\/search"/s);
    }
    const missing = await app.inject('/no/such/page');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toMatch(/<section class="message">.*<form class="search-form" action="\/search"/s);
    expect(textOf(missing.body)).toContain('最新文章');
    expect(textOf(missing.body)).toContain('Tags in the text');
  });
});

describe.skipIf(!HAS_SHARED)('the seed story among the freely-licensed corpus', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await appWith([join(NEWS_DIR, 'freely-licensed.jsonl'), SEED_STORY_PATH]));
  }, 120_000);
  afterAll(() => app.close());

  it.each(['ceasefire Syria', '"cessation of hostilities"', 'Lavrov', 'discussed ceasefire'])(
    'finds it first for %s, with the words highlighted, on the page and through the API',
    async (q) => {
      const { results } = (await app.inject(`/api/search?q=${encodeURIComponent(q)}`)).json();
      expect(results[0].title).toBe('Lavrov, Kerry discuss conditions for hostilities cessation in Syria');
      expect(results[0].snippet).toMatch(/<mark>[^<]+<\/mark>/);
      const page = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      const first = page.body.match(/<ol class="story-list search-results"[^>]*>\s*<li>(.*?)<\/li>/s)![1]!;
      expect(textOf(first)).toContain('Lavrov, Kerry discuss conditions for hostilities cessation in Syria');
      expect(first).toMatch(/<mark>[^<]+<\/mark>/);
    },
  );
});
