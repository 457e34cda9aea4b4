/** A learner's marks on a story page, as JSON, and 读完了; the page's HTML stays the same for everyone. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerApp, learnerServices, registerLearner } from '../../../test/learner.js';
import { plainStory } from '../../../test/services.js';
import { openDictionary } from '../../dictionary/index.js';
import type { Services } from '../../services.js';

let services: Services;
let app: FastifyInstance;
const SLUG = 'envoys-discuss-a-cease-fire';

beforeAll(async () => {
  services = learnerServices({ dictionary: openDictionary() });
  app = await learnerApp(services);
  await services.pipeline.saveStories([
    plainStory('Envoys discuss a cease-fire', [
      'Two envoys discussed the cessation of hostilities on Sunday.',
      'Minister Lavrov said 12 talks went well.',
    ]),
  ]);
});
afterAll(async () => {
  await app.close();
});

describe('story marks', () => {
  it("gives every word span's lemma (names and numbers left out) and the learner's statuses", async () => {
    const ann = await registerLearner(app);
    await app.inject({
      method: 'PUT',
      url: '/api/me/words/cessation',
      headers: ann.headers,
      payload: { status: 'learning', stage: 2 },
    });
    await app.inject({
      method: 'PUT',
      url: '/api/me/words/the',
      headers: ann.headers,
      payload: { status: 'known' },
    });
    const res = await app.inject({ url: `/api/me/story-marks/${SLUG}`, headers: ann.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const marks = res.json() as {
      lemmas: string[];
      words: number[];
      statuses: Record<string, unknown>;
      unknown: number;
      storyId: number;
    };
    const page = (await app.inject(`/stories/${SLUG}`)).body;
    const spans = [...page.matchAll(/<span class="w[^"]*"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(marks.words).toHaveLength(spans.length);
    const lemmaAt = (text: string) => {
      const i = marks.words[spans.indexOf(text)]!;
      return i < 0 ? null : marks.lemmas[i];
    };
    expect(lemmaAt('discussed')).toBe('discuss');
    expect(lemmaAt('hostilities')).toBe('hostilities');
    expect(lemmaAt('Lavrov')).toBeNull();
    expect(marks.statuses).toEqual({ cessation: ['learning', 2], the: ['known', null] });
    expect(marks.unknown).toBe(marks.lemmas.length - 2);
    // The page itself is the same for a learner as for anyone, and loads learner.js after reader.js.
    expect((await app.inject({ url: `/stories/${SLUG}`, headers: { cookie: ann.cookie } })).body).toBe(page);
    expect(page).toMatch(/<script src="\/assets\/learner\.js\?v=[0-9a-f]+" defer>/);
    expect(page.indexOf('/assets/learner.js')).toBeGreaterThan(page.indexOf('/assets/reader.js'));
  });

  it('读完了 marks the remaining unknown lemmas known, keeps learning ones, and records the read', async () => {
    const bob = await registerLearner(app, 'bob@example.com');
    await app.inject({
      method: 'PUT',
      url: '/api/me/words/envoys',
      headers: bob.headers,
      payload: { status: 'learning', stage: 1 },
    });
    // The client sends the lemma the story's analysis gives (the marks), so the status lands on it.
    const first = (await app.inject({ url: `/api/me/story-marks/${SLUG}`, headers: bob.headers })).json();
    const page = (await app.inject(`/stories/${SLUG}`)).body;
    const spans = [...page.matchAll(/<span class="w[^"]*"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1]);
    const talks = first.lemmas[first.words[spans.indexOf('talks')]];
    const set = await app.inject({
      method: 'PUT',
      url: '/api/me/words/talks',
      headers: bob.headers,
      payload: { status: 'unknown', lemma: talks },
    });
    expect(set.json()).toEqual({ lemma: talks, status: 'unknown', stage: null });
    const before = (await app.inject({ url: `/api/me/story-marks/${SLUG}`, headers: bob.headers })).json();
    const forged = await app.inject({
      method: 'POST',
      url: `/api/me/story-marks/${SLUG}/finished`,
      headers: { cookie: bob.cookie },
    });
    expect(forged.statusCode).toBe(403);
    const res = await app.inject({
      method: 'POST',
      url: `/api/me/story-marks/${SLUG}/finished`,
      headers: bob.headers,
    });
    expect(res.json()).toEqual({ storyId: before.storyId, marked: before.unknown });
    const after = (await app.inject({ url: `/api/me/story-marks/${SLUG}`, headers: bob.headers })).json();
    expect(after.unknown).toBe(0);
    expect(after.statuses.envoy).toEqual(['learning', 1]);
    expect(after.statuses[talks]).toEqual(['known', null]);
    const exported = (await app.inject({ url: '/api/me/export', headers: bob.headers })).json();
    expect(exported.storiesRead).toEqual([{ storyId: before.storyId, readAt: expect.any(String) }]);
  });

  it('answers 404 for a story that is not there, 400 for a malformed reference, 401 without a login', async () => {
    const cat = await registerLearner(app, 'cat@example.com');
    expect(
      (await app.inject({ url: '/api/me/story-marks/no-such-story', headers: cat.headers })).statusCode,
    ).toBe(404);
    const bad = await app.inject({ url: '/api/me/story-marks/a%20b', headers: cat.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_INPUT');
    expect((await app.inject(`/api/me/story-marks/${SLUG}`)).statusCode).toBe(401);
  });
});

describe('注释模式 glosses', () => {
  it("gives a short Chinese meaning for the story's lemmas, the same without a login, cacheable", async () => {
    const res = await app.inject(`/api/stories/${SLUG}/glosses`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const { storyId, glosses } = res.json() as { storyId: number; glosses: Record<string, string> };
    const marks = (
      await app.inject({
        url: `/api/me/story-marks/${SLUG}`,
        headers: (await registerLearner(app, 'gloss@example.com')).headers,
      })
    ).json();
    expect(storyId).toBe(marks.storyId);
    // Keyed by the lemmas the marks give (names left out: no Lavrov).
    expect(Object.keys(glosses).every((lemma) => marks.lemmas.includes(lemma))).toBe(true);
    expect(glosses.cessation).toMatch(/停止|中止/);
    expect(glosses.envoy).toMatch(/使/);
    expect(glosses.lavrov).toBeUndefined();
    for (const gloss of Object.values(glosses)) {
      expect([...gloss].length).toBeLessThanOrEqual(8);
      expect(gloss).not.toMatch(/^[a-z]+\.\s/); // no part-of-speech label
    }
    expect((await app.inject('/api/stories/no-such-story/glosses')).statusCode).toBe(404);
    expect((await app.inject('/api/stories/bad%20ref!/glosses')).statusCode).toBe(400);
  });
});
