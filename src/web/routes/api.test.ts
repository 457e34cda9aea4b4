import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryServices } from '../../../test/services.js';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { type Dictionary, openDictionary } from '../../dictionary/index.js';
import { importPaths } from '../../ingest/import.js';
import type { Services } from '../../services.js';
import { EXAM_NAMES } from '../../text/bands.js';
import { buildApp } from '../app.js';

let services: Services;
let app: FastifyInstance;
let dictionary: Dictionary;

beforeAll(async () => {
  dictionary = openDictionary();
  services = memoryServices({ dictionary });
  app = await buildApp({ services });
  await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl')]);
  // An undated story, stored last: it must not come first.
  await services.pipeline.saveStories([
    {
      source: 'desk',
      externalId: 'undated-1',
      section: 'world',
      title: 'Talks resume without a date',
      dateline: null,
      publishedAt: null,
      url: null,
      tags: [],
      // Long enough to be given a level (a few words are analysed but not rated).
      paragraphs: [
        'The talks resumed, officials said.',
        'Negotiators from both sides met again on Tuesday morning in a small hotel near the border, after a pause of almost three weeks that many observers had feared would end the process altogether.',
        'Officials said the first meeting lasted four hours and covered the exchange of prisoners, the reopening of two crossings for food and medicine, and a timetable for the withdrawal of heavy weapons from the towns along the river.',
        'Neither side gave details of what had been agreed, but a spokesman for the mediators told reporters that the atmosphere had been serious and constructive, and that a second round would follow before the end of the month.',
        'Residents on both banks of the river said they hoped the talks would bring an end to the shelling, which has closed schools and markets and forced thousands of families to leave their homes since the spring.',
      ],
      pinnedRelated: [],
    },
  ]);
});
afterAll(async () => {
  await app.close();
});

const get = (url: string) => app.inject(url);
const slugsOf = (body: { stories: Array<{ slug: string }> }) => body.stories.map((s) => s.slug);

/** Every JSON route with a valid request for each parameter it takes, to repeat one. */
const ROUTES_WITH_PARAMETERS: Array<[string, string]> = [
  ['/api/stories?section=world&section=culture', 'section'],
  ['/api/stories?page=1&page=2', 'page'],
  ['/api/stories?limit=1&limit=2', 'limit'],
  ['/api/stories?from=2016-01-01&from=2017-01-01', 'from'],
  ['/api/stories?to=2016-01-01&to=2017-01-01', 'to'],
  ['/api/stories?level=B1&level=B2', 'level'],
  ['/api/stories?source=wire&source=desk', 'source'],
  ['/api/lookup?word=a&word=b', 'word'],
  ['/api/lookup?word=talk&pos=NOUN&pos=VERB', 'pos'],
];

describe('request validation (#16 defect 3: a repeated parameter was a 500)', () => {
  it.each(ROUTES_WITH_PARAMETERS)('%s is a 400 BAD_INPUT naming "%s" once', async (url, name) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      error: { code: 'BAD_INPUT', message: `Query parameter "${name}" was given 2 times; give it once.` },
    });
  });

  it.each([
    ['/api/stories?limit=500', 'Query parameter "limit" must be a whole number from 1 to 100, not "500".'],
    ['/api/stories?limit=abc', 'Query parameter "limit" must be a whole number from 1 to 100, not "abc".'],
    ['/api/stories?page=0', 'Query parameter "page" must be a whole number from 1, not "0".'],
    [
      '/api/stories?level=B1,X1',
      'Query parameter "level" must be one or more level bands separated by commas (`B1,B2`), not "B1,X1".',
    ],
    [
      '/api/stories?from=2016-02-30',
      'Query parameter "from" must be an ISO 8601 date (`2016-02-21`), the first day included, not "2016-02-30".',
    ],
    [
      '/api/stories?from=2017-01-01&to=2016-01-01',
      'Query parameter "from" (2017-01-01) must not be after "to" (2016-01-01).',
    ],
    ['/api/lookup', 'Query parameter "word" is required.'],
    [
      '/api/lookup?word=talk&pos=verb',
      'Query parameter "pos" must be a Universal POS tag (NOUN, VERB, ADJ, ADV…), not "verb".',
    ],
  ])('%s says what is wrong', async (url, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_INPUT', message } });
  });

  it('refuses an overlong path parameter and a malformed URL with an error object and the security headers', async () => {
    const long = await get(`/api/stories/${'x'.repeat(101)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json().error).toEqual({
      code: 'URI_TOO_LONG',
      message: 'A part of this address is too long.',
    });
    expect(long.headers['x-content-type-options']).toBe('nosniff');
    const bad = await get('/stories/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_URL');
    expect(bad.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers the not-found cases with their own stable codes', async () => {
    expect((await get('/api/stories?section=nowhere')).json().error.code).toBe('SECTION_NOT_FOUND');
    const story = await get('/api/stories/no-such-story');
    expect(story.statusCode).toBe(404);
    expect(story.json().error.code).toBe('STORY_NOT_FOUND');
    expect((await get('/api/stories/no-such-story/related')).json().error.code).toBe('STORY_NOT_FOUND');
    expect((await get('/api/nothing-here')).json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Nothing at /api/nothing-here.' },
    });
  });

  it('ignores parameters it does not use (tracking tags)', async () => {
    expect((await get('/api/sections?utm_source=x&utm_source=y')).statusCode).toBe(200);
  });
});

describe('GET /api/stories', () => {
  it('pages newest first, undated stories last, with the total and camelCase rows', async () => {
    const first = (await get('/api/stories?limit=2')).json();
    expect(first).toMatchObject({ total: 4, page: 1, limit: 2 });
    expect(slugsOf(first)).toEqual([
      'ports-reopen-after-storm-officials',
      'museum-opens-new-wing-for-modern-art',
    ]);
    const second = (await get('/api/stories?limit=2&page=2')).json();
    expect(slugsOf(second)).toEqual([
      'foreign-ministers-discuss-truce-by-phone',
      'talks-resume-without-a-date',
    ]);
    expect(second.stories[1]).toEqual({
      id: expect.any(Number),
      slug: 'talks-resume-without-a-date',
      title: 'Talks resume without a date',
      section: {
        id: expect.any(Number),
        slug: 'world',
        nameZh: '国际英语新闻',
        nameEn: 'International News',
      },
      publishedAt: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      dateline: null,
      lead: 'The talks resumed, officials said.',
      levelBand: expect.stringMatching(/^[ABC][12]$/),
      levelScore: expect.any(Number),
      levelUnrated: false,
      path: '/stories/talks-resume-without-a-date',
    });
    expect((await get('/api/stories?page=9')).json()).toMatchObject({ stories: [], total: 4, page: 9 });
  });

  it('filters by section, date range (both ends included), source and level band', async () => {
    const slugs = async (query: string) => {
      const body = (await get(`/api/stories?${query}`)).json();
      expect(body.total).toBe(body.stories.length);
      return slugsOf(body);
    };
    expect(await slugs('section=world')).toEqual([
      'foreign-ministers-discuss-truce-by-phone',
      'talks-resume-without-a-date',
    ]);
    expect(await slugs(`section=${encodeURIComponent('欧美文化')}`)).toEqual([
      'museum-opens-new-wing-for-modern-art',
    ]);
    expect(await slugs('from=2022-05-14&to=2022-05-14')).toEqual(['museum-opens-new-wing-for-modern-art']);
    expect(await slugs('to=2016-02-21')).toEqual(['foreign-ministers-discuss-truce-by-phone']);
    expect(await slugs('from=2022-05-15')).toEqual(['ports-reopen-after-storm-officials']);
    expect(await slugs('source=desk')).toEqual(['talks-resume-without-a-date']);
    const all = (await get('/api/stories')).json().stories as Array<{
      slug: string;
      levelBand: string | null;
    }>;
    const band = all.find((s) => s.levelBand !== null)!.levelBand!;
    expect(await slugs(`level=${band}`)).toEqual(all.filter((s) => s.levelBand === band).map((s) => s.slug));
    const other = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'].filter((b) => !all.some((s) => s.levelBand === b));
    expect(await slugs(`level=${other.join(',')}`)).toEqual([]);
  });
});

describe('GET /api/stories/:ref, /related, /api/sections, /api/lookup', () => {
  it('gives a whole story by id or slug, every field present', async () => {
    const bySlug = (await get('/api/stories/museum-opens-new-wing-for-modern-art')).json();
    const byId = (await get(`/api/stories/${bySlug.id}`)).json();
    expect(byId).toEqual(bySlug);
    expect(Object.keys(bySlug).sort()).toEqual(
      [
        'id',
        'slug',
        'source',
        'externalId',
        'section',
        'title',
        'dateline',
        'publishedAt',
        'url',
        'tags',
        'paragraphs',
        'pinnedRelated',
        'level',
        'author',
        'license',
        'feed',
        'fetchedAt',
        'language',
        'textFrom',
        'createdAt',
        'updatedAt',
        'path',
      ].sort(),
    );
    expect(bySlug).toMatchObject({
      section: { slug: 'culture', nameZh: '欧美文化', nameEn: 'Western Culture', id: expect.any(Number) },
      paragraphs: ['A museum opened a new wing on Saturday.', 'Visitors queued for hours.'],
      dateline: { place: 'PARIS', month: 5, day: 14, agency: 'Xinhua', dateText: 'May 14' },
      path: '/stories/museum-opens-new-wing-for-modern-art',
    });
    expect(Object.keys(bySlug.level)).toEqual(
      expect.arrayContaining(['score', 'band', 'bands', 'runningWords']),
    );
  });

  it('lists related entries with the same `path` field as story rows', async () => {
    const body = (await get('/api/stories/ports-reopen-after-storm-officials/related')).json();
    expect(body.slug).toBe('ports-reopen-after-storm-officials');
    expect(body.related[0]).toEqual({
      sectionName: '欧美文化',
      title: 'Museum opens new wing for modern art',
      slug: 'museum-opens-new-wing-for-modern-art',
      storyId: expect.any(Number),
      kind: 'pinned',
      score: null,
      path: '/stories/museum-opens-new-wing-for-modern-art',
    });
  });

  it('lists sections in the navigation order', async () => {
    expect((await get('/api/sections')).json().sections.map((s: { slug: string }) => s.slug)).toEqual([
      'world',
      'culture',
      'news',
    ]);
  });

  it('gives the dictionary entry whole (no field lost to the response schema)', async () => {
    const body = (await get('/api/lookup?word=discussed&pos=VERB')).json();
    const entry = dictionary.lookup('discussed', { pos: 'VERB' })!;
    expect(body).toEqual(
      JSON.parse(JSON.stringify({ ...entry, examNames: entry.exams.map((e) => EXAM_NAMES[e]), name: null })),
    );
    // A name the dictionary lacks: only what the lookup knows.
    expect((await get('/api/lookup?word=Lavrov')).json()).toEqual({
      query: 'Lavrov',
      word: 'Lavrov',
      name: { kind: 'person', zh: null },
    });
  });
});

describe('methods a route does not support', () => {
  it.each([
    ['POST', '/api/stories', 'GET, HEAD'],
    // Editors (issue #15) may PATCH and DELETE a story.
    ['PUT', '/api/stories/1', 'DELETE, GET, HEAD, PATCH'],
    ['PUT', '/stories/museum-opens-new-wing-for-modern-art'],
    ['POST', '/'],
    ['PATCH', '/sections/world'],
  ])('%s %s is a 405 with Allow, not a 404', async (method, url, allow = 'GET, HEAD') => {
    const res = await app.inject({ method: method as 'POST', url });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.json().error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('still answers 404 where nothing is served under any method', async () => {
    expect((await app.inject({ method: 'POST', url: '/no/such/page' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/stories/a/b/c' })).statusCode).toBe(404);
  });
});

describe('the OpenAPI document and the reference page', () => {
  it('describes every JSON route from its schemas, and nothing else', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    // The public JSON routes, the learner's (/api/auth, /api/me) and the desk's, each from its route schema.
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => !/^\/api\/(auth|me|desk)(\/|$)/.test(p)).sort()).toEqual(
      [
        '/api/lookup',
        '/api/search',
        '/api/sections',
        '/api/stories',
        '/api/stories/{ref}',
        '/api/stories/{ref}/related',
        '/api/stories/{ref}/glosses',
        // The editors' (issue #15): PATCH and DELETE on /api/stories/{ref}, and its history.
        '/api/stories/{ref}/history',
      ].sort(),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me/words/{word}',
        '/api/me/reviews',
        '/api/desk/inbox',
        '/api/desk/inbox/{id}/file',
        '/api/desk/sections/{id}/merge',
        '/api/desk/feeds/preview',
        '/api/desk/users/{id}/revoke',
        '/api/desk/stories/{id}/family',
        '/api/me/progress',
        '/api/me/for-me/feed',
      ]),
    );
    // Pages and assets are not in it.
    expect(paths.every((p) => p.startsWith('/api/') && p !== '/api/docs' && p !== '/api/openapi.json')).toBe(
      true,
    );
    const names = doc.paths['/api/stories'].get.parameters.map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(['from', 'level', 'limit', 'page', 'section', 'source', 'to']);
    expect(
      doc.paths['/api/stories/{ref}'].get.responses['404'].content['application/json'].schema,
    ).toMatchObject({
      properties: { error: { properties: { code: { type: 'string' } } } },
    });
    // Conditional GET like the pages.
    const again = await app.inject({
      url: '/api/openapi.json',
      headers: { 'if-none-match': res.headers.etag! },
    });
    expect(again.statusCode).toBe(304);
  });

  it('documents the refusals that come before a route runs, and the routes give them', async () => {
    const doc = (await get('/api/openapi.json')).json();
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses);
    expect(statuses('/api/stories', 'get')).toEqual(expect.arrayContaining(['414']));
    expect(statuses('/api/stories', 'get')).not.toContain('413');
    expect(statuses('/api/lookup', 'get')).toEqual(expect.arrayContaining(['414', '429']));
    expect(statuses('/api/search', 'get')).toContain('429');
    expect(statuses('/api/auth/login', 'post')).toEqual(expect.arrayContaining(['413', '414', '415']));
    // What they document is what happens.
    const long = await app.inject(`/api/stories?section=${'a'.repeat(5000)}`);
    expect(long.statusCode).toBe(414);
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(notJson.statusCode).toBe(415);
    const large = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70 * 1024) }),
    });
    expect(large.statusCode).toBe(413);
    for (const res of [long, notJson, large]) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
  });

  it('renders a reference page listing each endpoint with its parameters, without script', async () => {
    const res = await get('/api/docs');
    expect(res.statusCode).toBe(200);
    for (const op of [
      'GET /api/stories',
      'GET /api/stories/{ref}/related',
      'GET /api/lookup',
      'GET /api/sections',
    ]) {
      expect(res.body).toContain(`<code>${op}</code>`);
    }
    expect(res.body).toContain('<code>level</code>');
    expect(res.body).toContain('one or more level bands separated by commas');
    // No inline script: the only scripts are the site's own files.
    expect(res.body.match(/<script(?![^>]*\bsrc=")/g)).toBeNull();
  });
});

describe('page routes validate their parameters too', () => {
  it.each([
    ['/sections/world?page=1&page=2', 'Query parameter "page" was given 2 times; give it once.'],
    ['/sections/world?page=0', 'Query parameter "page" must be a whole number from 1, not "0".'],
  ])('%s is a 400 page saying what is wrong', async (url, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(message.replace(/"/g, '&quot;'));
  });
});

describe('the total of /api/stories, kept between writes', () => {
  it('is read once between writes, and follows every new, hidden or deleted story at once', async () => {
    const own = memoryServices();
    const site = await buildApp({ services: own });
    const story = (n: number) => ({
      source: 'desk',
      externalId: `t${n}`,
      section: 'world',
      title: `Harbour story number ${n}`,
      dateline: null,
      publishedAt: `2030-01-0${n}`,
      url: null,
      tags: [],
      paragraphs: [`The harbour opened gate ${n} on Monday.`],
      pinnedRelated: [],
    });
    const total = async (query = '') => (await site.inject(`/api/stories?limit=1${query}`)).json().total;
    await own.pipeline.saveStories([story(1), story(2)]);
    expect(await total()).toBe(2);
    const counted = vi.spyOn(own.store.stories, 'countFilteredStories');
    expect(await total()).toBe(2);
    expect(await total('&page=2')).toBe(2);
    // A write no list shows (a learner's click, the writer's heartbeat) keeps it.
    await own.store.meta.saveMeta('writer.heartbeat', 'now');
    expect(await total()).toBe(2);
    expect(counted).not.toHaveBeenCalled();
    await own.pipeline.saveStories([story(3)]);
    expect(await total()).toBe(3);
    const id = (await own.store.stories.findStoryByExternalId('desk', 't1'))!.id;
    await own.editing.edit(id, { status: 'unpublished' }, 'ed@example.com');
    expect(await total()).toBe(2);
    await own.editing.remove(
      (await own.store.stories.findStoryByExternalId('desk', 't2'))!.id,
      'ed@example.com',
    );
    expect(await total()).toBe(1);
    expect(counted).toHaveBeenCalledTimes(3);
    await site.close();
  });
});
