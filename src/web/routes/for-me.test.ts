/** 为我推荐 over HTTP: the newest stories in the learner's range, with their figures. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  learnerApp,
  learnerServices,
  registerLearner,
  learnerStory as story,
} from '../../../test/learner.js';
import { openDictionary } from '../../dictionary/index.js';
import type { Services } from '../../services.js';

let services: Services;
let app: FastifyInstance;

beforeAll(async () => {
  services = learnerServices({ dictionary: openDictionary() });
  app = await learnerApp(services);
  await services.pipeline.saveStories([
    story('Cats', '2026-01-01T00:00:00Z', 'The cat sat on the mat in Paris.'),
    story('Dogs', '2026-01-02T00:00:00Z', 'The dog sat on the mat.'),
    story('Envoys', '2026-01-03T00:00:00Z', 'Envoys discussed the cessation of hostilities on 12 fronts.'),
  ]);
});
afterAll(async () => {
  await app.close();
});

describe('/api/me/for-me', () => {
  it('lists the newest stories in range with knownShare (names and numbers left out) and unknownLemmas', async () => {
    const ann = await registerLearner(app);
    for (const word of ['the', 'cat', 'sat', 'on', 'dog']) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/me/words/${word}`,
        headers: ann.headers,
        payload: { status: 'known' },
      });
      expect(res.statusCode).toBe(200);
    }
    const all = await app.inject({ url: '/api/me/for-me?min=0&max=1', headers: ann.headers });
    expect(all.statusCode).toBe(200);
    const rows = all.json().stories as Array<{
      title: string;
      knownShare: number;
      unknownLemmas: number;
      path: string;
    }>;
    expect(rows.map((r) => [r.title, r.knownShare, r.unknownLemmas])).toEqual([
      // envoy discuss the cessation of hostilities on front: 8 running words, "the" and "on" known.
      ['Envoys', 0.25, 6],
      // the dog sit on the mat: 5 of 6 known; "mat" not.
      ['Dogs', 0.8333, 1],
      // Paris is a name: the cat sit on the mat in → 5 of 7 known ("mat", "in" not).
      ['Cats', 0.7143, 2],
    ]);
    expect(rows[0]?.path).toMatch(/^\/stories\//);
    const range = await app.inject({ url: '/api/me/for-me?min=0.75&max=0.9', headers: ann.headers });
    expect(range.json().stories.map((r: { title: string }) => r.title)).toEqual(['Dogs']);
    const defaults = await app.inject({ url: '/api/me/for-me', headers: ann.headers });
    expect(defaults.json()).toMatchObject({ min: 0.9, max: 0.98, stories: [] });
    const other = await registerLearner(app, 'bob@example.com');
    const bobs = await app.inject({ url: '/api/me/for-me?min=0&max=1', headers: other.headers });
    expect(bobs.json().stories.map((r: { knownShare: number }) => r.knownShare)).toEqual([0, 0, 0]);
  });

  it('refuses a bad range with 400 BAD_INPUT, and answers 401 without a login', async () => {
    const cat = await registerLearner(app, 'cat@example.com');
    for (const q of ['min=0.9&max=0.5', 'min=2', 'max=abc', 'min=0.1&min=0.2', 'limit=0']) {
      const res = await app.inject({ url: `/api/me/for-me?${q}`, headers: cat.headers });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('BAD_INPUT');
    }
    expect((await app.inject('/api/me/for-me')).statusCode).toBe(401);
    const page = await app.inject('/for-me');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<script src="\/assets\/for-me\.js\?v=[0-9a-f]+" defer>/);
  });

  it("follows every later change of the learner's words (read again only for what changed)", async () => {
    const dan = await registerLearner(app, 'dan@example.com');
    const shares = async () =>
      Object.fromEntries(
        (await app.inject({ url: '/api/me/for-me?min=0&max=1', headers: dan.headers }))
          .json()
          .stories.map((r: { title: string; knownShare: number }) => [r.title, r.knownShare]),
      );
    const put = (word: string, status: string) =>
      app.inject({ method: 'PUT', url: `/api/me/words/${word}`, headers: dan.headers, payload: { status } });
    await put('dog', 'known');
    expect((await shares()).Dogs).toBe(0.1667);
    await put('mat', 'ignored');
    await put('the', 'known');
    expect((await shares()).Dogs).toBe(0.6667);
    await put('the', 'learning'); // no longer known
    expect((await shares()).Dogs).toBe(0.3333);
    // 读完了 on Dogs marks its remaining words known: all of Dogs' words are known or ignored.
    const dogs = (await app.inject({ url: '/api/me/for-me?min=0&max=1', headers: dan.headers }))
      .json()
      .stories.find((r: { title: string }) => r.title === 'Dogs');
    await app.inject({
      method: 'POST',
      url: `/api/me/story-marks/${dogs.id}/finished`,
      headers: dan.headers,
    });
    // "the" is learning: 读完了 leaves it, so 4 of 6.
    expect((await shares()).Dogs).toBe(0.6667);
    // the cat sit on the mat in: sit, on (读完了) and mat (ignored) of 7; the learning, cat and in not.
    expect((await shares()).Cats).toBe(0.4286);
  });
});
