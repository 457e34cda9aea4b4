/** 学习进度 and the personal 为我推荐 feed over HTTP: per learner, never cached, never another's. */
import { XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  learnerApp,
  learnerServices,
  registerLearner,
  learnerStory as story,
} from '../../../test/learner.js';
import { openDictionary } from '../../dictionary/index.js';
import { parseFeedText } from '../../ingest/feeds/parse.js';
import type { Services } from '../../services.js';

let services: Services;
let app: FastifyInstance;
let now = new Date('2026-03-02T10:00:00Z');
const SITE = 'https://learn.example';

beforeAll(async () => {
  services = learnerServices({ dictionary: openDictionary(), clock: () => now });
  app = await learnerApp(services, { publicUrl: SITE });
  await services.pipeline.saveStories([
    story('Cats', '2026-01-01T00:00:00Z', 'The cat sat on the mat.'),
    story('Envoys', '2026-01-03T00:00:00Z', 'Envoys discussed the cessation of hostilities.'),
    story(
      'Harbour',
      '2026-01-05T00:00:00Z',
      'The small harbour town opened a new bridge over the wide river, and many people came to see it.',
    ),
  ]);
});
afterAll(async () => {
  await app.close();
});

const storyId = async (title: string) =>
  (await services.store.stories.listStories({ limit: 10, offset: 0 })).find((s) => s.title === title)!.id;

const setWord = (headers: Record<string, string>, word: string, status: string) =>
  app.inject({ method: 'PUT', url: `/api/me/words/${word}`, headers, payload: { status } });

describe('/me/progress', () => {
  it('draws words known over time, reviews per day and stories per week as inline SVG, for the learner only', async () => {
    const ann = await registerLearner(app, 'progress-ann@example.com');
    now = new Date('2026-03-02T10:00:00Z');
    for (const word of ['cat', 'sat', 'mat'])
      expect((await setWord(ann.headers, word, 'known')).statusCode).toBe(200);
    now = new Date('2026-03-04T10:00:00Z');
    await setWord(ann.headers, 'cats', 'learning'); // cat: known → learning
    await setWord(ann.headers, 'envoy', 'known');
    await setWord(ann.headers, 'discuss', 'known');
    const added = await app.inject({
      method: 'POST',
      url: '/api/me/wordbook',
      headers: ann.headers,
      payload: {
        word: 'hostilities',
        story: await storyId('Envoys'),
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    for (const rating of ['again', 'good'])
      await app.inject({
        method: 'POST',
        url: '/api/me/reviews',
        headers: ann.headers,
        payload: { entry: added.json().id, rating },
      });
    const finished = await app.inject({
      method: 'POST',
      url: `/api/me/story-marks/${await storyId('Cats')}/finished`,
      headers: ann.headers,
    });
    expect(finished.statusCode, finished.body).toBe(200);

    const json = await app.inject({ url: '/api/me/progress', headers: { cookie: ann.cookie } });
    expect(json.headers['cache-control']).toBe('no-store');
    const progress = json.json();
    expect(progress.today).toBe('2026-03-04');
    // 读完了 on "Cats" marked its remaining unknown words known too (the, on, sit were unknown).
    const finishedMarked = finished.json().marked as number;
    expect(progress.knownOverTime).toEqual([
      { day: '2026-03-02', known: 3 },
      { day: '2026-03-04', known: 3 - 1 + 2 + finishedMarked },
    ]);
    expect(progress.reviewsPerDay).toHaveLength(30);
    expect(progress.reviewsPerDay.at(-1)).toEqual({ day: '2026-03-04', count: 2 });
    expect(progress.reviewsPerDay.slice(0, -1).every((d: { count: number }) => d.count === 0)).toBe(true);
    expect(progress.storiesPerWeek).toHaveLength(12);
    expect(progress.storiesPerWeek.at(-1)).toEqual({ week: '2026-03-02', count: 1 });

    const page = await app.inject({ url: '/me/progress', headers: { cookie: ann.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body.match(/<svg [^>]*role="img"/g)).toHaveLength(3);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(page.body).toContain(`You know ${3 - 1 + 2 + finishedMarked} words today`);
    expect(page.body).toContain('2 reviews in the last 30 days');
    expect(page.body).toContain('1 stories finished in the last 12 weeks');
    expect(page.body.match(/<rect class="chart-bar"/g)).toHaveLength(30 + 12);

    // Another learner sees their own (empty) progress, never Ann's.
    const bob = await registerLearner(app, 'progress-bob@example.com');
    const bobs = await app.inject({ url: '/me/progress', headers: { cookie: bob.cookie } });
    expect(bobs.body).toContain('You know 0 words today');
    expect(bobs.body).toContain('0 reviews in the last 30 days');
  });

  it('sends an anonymous visitor to the login page and answers the JSON with 401', async () => {
    const page = await app.inject('/me/progress');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fme%2Fprogress');
    const json = await app.inject('/api/me/progress');
    expect(json.statusCode).toBe(401);
    expect(json.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('the personal 为我推荐 feed', () => {
  it('is valid Atom at a secret URL shown once; remade or revoked, the old URL is a 404', async () => {
    const ann = await registerLearner(app, 'feed-ann@example.com');
    for (const word of ['the', 'cat', 'sit', 'on']) await setWord(ann.headers, word, 'known');
    expect(
      (await app.inject({ url: '/api/me/for-me/feed', headers: { cookie: ann.cookie } })).json(),
    ).toEqual({
      active: false,
      createdAt: null,
    });
    const made = await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: ann.headers });
    expect(made.statusCode).toBe(201);
    const url = made.json().url as string;
    expect(url).toMatch(new RegExp(`^${SITE}/feeds/for-me/\\d+/lwf_[A-Za-z0-9_-]{43}$`));
    const path = url.slice(SITE.length);
    // Shown once: the state says there is one, never the URL.
    const state = await app.inject({ url: '/api/me/for-me/feed', headers: { cookie: ann.cookie } });
    expect(state.json()).toEqual({ active: true, createdAt: now.toISOString() });
    expect(state.body).not.toContain('lwf_');

    // Anyone with the URL (a feed reader: no cookie) reads it.
    const feed = await app.inject(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('no-store');
    expect(XMLValidator.validate(feed.body)).toBe(true);
    const parsed = parseFeedText(feed.body, url);
    expect(parsed.format).toBe('atom');
    expect(parsed.link).toBe(`${SITE}/for-me`);
    // the cat sit on the mat: 5 of 6 known (mat not) = 83 %, outside 90–98 %; so with mat known, 100 %.
    expect(parsed.entries).toEqual([]);
    await setWord(ann.headers, 'mat', 'known');
    await setWord(ann.headers, 'envoy', 'known');
    await setWord(ann.headers, 'discuss', 'known');
    const list = (await app.inject({ url: '/api/me/for-me?min=0.5&max=1', headers: ann.headers })).json()
      .stories;
    expect(list.length).toBeGreaterThan(0);

    // Remade: the old URL stops working, the new one works.
    const again = await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: ann.headers });
    const newPath = (again.json().url as string).slice(SITE.length);
    expect((await app.inject(path)).statusCode).toBe(404);
    expect((await app.inject(newPath)).statusCode).toBe(200);
    // Revoked: 404.
    const revoked = await app.inject({ method: 'DELETE', url: '/api/me/for-me/feed', headers: ann.headers });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject(newPath)).statusCode).toBe(404);
  });

  it("carries the learner's own stories in the default range (90–98 %) with their figures", async () => {
    const cat = await registerLearner(app, 'feed-cat@example.com');
    const harbour = (await services.store.stories.listStories({ limit: 10, offset: 0 })).find(
      (s) => s.title === 'Harbour',
    )!;
    const marks = (
      await app.inject({ url: `/api/me/story-marks/${harbour.id}`, headers: cat.headers })
    ).json();
    const running = (marks.words as number[]).filter((w) => w >= 0).length;
    // Everything known but "bridge" (used once): (running - 1) / running, inside 90–98 %.
    for (const lemma of marks.lemmas as string[])
      if (lemma !== 'bridge') await setWord(cat.headers, lemma, 'known');
    const share = (running - 1) / running;
    expect(share).toBeGreaterThanOrEqual(0.9);
    expect(share).toBeLessThanOrEqual(0.98);
    const made = (
      await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: cat.headers })
    ).json();
    const feed = parseFeedText((await app.inject(made.url.slice(SITE.length))).body, made.url);
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({
      title: 'Harbour',
      link: `${SITE}/stories/${harbour.slug}`,
      published: '2026-01-05T00:00:00.000Z',
    });
    expect(feed.entries[0]!.text).toContain(`认识 ${Math.round(share * 100)}% · 生词 1 个`);
    // Another learner's feed of the same site lists by their own words (none known: no story in range).
    const dan = await registerLearner(app, 'feed-dan@example.com');
    const dans = (
      await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: dan.headers })
    ).json();
    expect(parseFeedText((await app.inject(dans.url.slice(SITE.length))).body, dans.url).entries).toEqual([]);
  });

  it("gives 404 for a wrong token, another learner's token, a malformed one, and after user revoke", async () => {
    const ann = await registerLearner(app, 'feed-x-ann@example.com');
    const bob = await registerLearner(app, 'feed-x-bob@example.com');
    const annUrl = (
      await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: ann.headers })
    ).json().url as string;
    const bobUrl = (
      await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: bob.headers })
    ).json().url as string;
    const [, annId = '', annToken = ''] = /\/feeds\/for-me\/(\d+)\/(.+)$/.exec(annUrl)!;
    const [, bobId = '', bobToken = ''] = /\/feeds\/for-me\/(\d+)\/(.+)$/.exec(bobUrl)!;
    expect((await app.inject(`/feeds/for-me/${annId}/${annToken}`)).statusCode).toBe(200);
    for (const path of [
      `/feeds/for-me/${annId}/${bobToken}`, // Bob's token on Ann's feed
      `/feeds/for-me/${bobId}/${annToken}`, // Ann's token on Bob's feed
      `/feeds/for-me/${annId}/${annToken.slice(0, -1)}x`,
      `/feeds/for-me/${annId}/lwf_`,
      `/feeds/for-me/${annId}/nothing`,
    ]) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toContain('<entry>');
    }
    // Ann's session cannot read Bob's feed without Bob's token either.
    expect(
      (await app.inject({ url: `/feeds/for-me/${bobId}/x`, headers: { cookie: ann.cookie } })).statusCode,
    ).toBe(404);
    // A forged form (Ann's cookie, no CSRF token) cannot make, remake or revoke her feed.
    for (const method of ['POST', 'DELETE'] as const) {
      const forged = await app.inject({
        method,
        url: '/api/me/for-me/feed',
        headers: { cookie: ann.cookie },
      });
      expect(forged.statusCode, method).toBe(403);
      expect(forged.json().error.code).toBe('CSRF_TOKEN_INVALID');
    }
    expect((await app.inject(`/feeds/for-me/${annId}/${annToken}`)).statusCode).toBe(200);
    await services.learner.accounts.revoke(Number(annId));
    expect((await app.inject(`/feeds/for-me/${annId}/${annToken}`)).statusCode).toBe(404);
    expect((await app.inject(`/feeds/for-me/${bobId}/${bobToken}`)).statusCode).toBe(200);
  });
});
