/**
 * The learner's words, 生词本 and reviews over HTTP with the real dictionary, and that no learner
 * reaches another's data: by URL, by API token, or by a forged request without the CSRF token.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Learner, learnerApp, learnerServices, registerLearner } from '../../../test/learner.js';
import { plainStory } from '../../../test/services.js';
import { openDictionary } from '../../dictionary/index.js';
import type { Services } from '../../services.js';

let now = new Date('2026-03-01T08:00:00.000Z');
let services: Services;
let app: FastifyInstance;
let storyId: number;
const dictionary = openDictionary();

beforeAll(async () => {
  services = learnerServices({ dictionary, clock: () => now });
  app = await learnerApp(services);
  await services.pipeline.saveStories([
    plainStory('Envoys discuss a cease-fire', [
      'Two envoys discussed the cessation of hostilities on Sunday. Their efforts paid off.',
      'Minister Lavrov said the talks went well.',
    ]),
  ]);
  storyId = (await services.reading.findStory('envoys-discuss-a-cease-fire'))!.id;
});
afterAll(async () => {
  await app.close();
});

let ann: Learner;
let bob: Learner;
let n = 0;
beforeEach(async () => {
  n++;
  now = new Date('2026-03-01T08:00:00.000Z');
  ann = await registerLearner(app, `ann${n}@example.com`);
  bob = await registerLearner(app, `bob${n}@example.com`);
});

const put = (who: Learner, word: string, payload: object) =>
  app.inject({
    method: 'PUT',
    url: `/api/me/words/${encodeURIComponent(word)}`,
    headers: who.headers,
    payload,
  });

describe('word statuses', () => {
  it('sets a status by any form of a word, answering its lemma, and lists by status', async () => {
    const res = await put(ann, 'discussed', { status: 'learning', stage: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ lemma: 'discuss', status: 'learning', stage: 2 });
    expect((await put(ann, 'Talks', { status: 'known' })).json()).toEqual({
      lemma: 'talk',
      status: 'known',
      stage: null,
    });
    expect((await put(ann, 'envoy', { status: 'learning' })).json()).toMatchObject({ stage: 1 });
    const learning = await app.inject({ url: '/api/me/words?status=learning', headers: ann.headers });
    expect(learning.json()).toEqual({
      words: [
        { lemma: 'discuss', status: 'learning', stage: 2 },
        { lemma: 'envoy', status: 'learning', stage: 1 },
      ],
      total: 2,
    });
    expect((await app.inject({ url: '/api/me/words', headers: bob.headers })).json()).toEqual({
      words: [],
      total: 0,
    });
  });

  it('takes a chosen lemma only when it is one of the form’s', async () => {
    expect((await put(ann, 'found', { status: 'known', lemma: 'find' })).json()).toMatchObject({
      lemma: 'find',
    });
    expect((await put(ann, 'found', { status: 'known', lemma: 'found' })).json()).toMatchObject({
      lemma: 'found',
    });
    const wrong = await put(ann, 'found', { status: 'known', lemma: 'apple' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({ code: 'BAD_INPUT', message: '"apple" is not a lemma of "found".' });
  });

  it.each([
    [
      { status: 'forgotten' },
      'Field "status" must be one of: unknown, learning, known, ignored, not "forgotten".',
    ],
    [{ status: 'learning', stage: 5 }, 'Field "stage" must be <= 4, not "5".'],
    [{ status: 'known', stage: 2 }, 'stage is given for learning words only.'],
    [{}, 'Field "status" is required.'],
  ])('refuses %j with 400 BAD_INPUT', async (payload, message) => {
    const res = await put(ann, 'discussed', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'BAD_INPUT', message });
  });

  it('refuses a malformed word, status filter or page with 400 BAD_INPUT, never a 500', async () => {
    for (const url of [
      '/api/me/words?status=known&status=learning',
      '/api/me/words?status=nope',
      '/api/me/words?limit=0',
      '/api/me/words?offset=-1',
    ]) {
      const res = await app.inject({ url, headers: ann.headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('BAD_INPUT');
    }
    const bad = await put(ann, '<script>', { status: 'known' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_INPUT');
  });

  it('marks an exam list and the easier ones known in one step, keeping the learner’s own statuses', async () => {
    await put(ann, 'discussed', { status: 'learning', stage: 1 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/known-from-exam',
      headers: ann.headers,
      payload: { exam: 'cet4' },
    });
    expect(res.statusCode).toBe(200);
    const { listed, marked } = res.json() as { listed: number; marked: number };
    expect(listed).toBeGreaterThan(3000);
    expect(marked).toBe(listed - 1);
    const words = (await app.inject({ url: '/api/me/words?limit=10000', headers: ann.headers })).json() as {
      words: Array<{ lemma: string; status: string }>;
    };
    const statusOf = (lemma: string) => words.words.find((w) => w.lemma === lemma)?.status;
    expect(statusOf('discuss')).toBe('learning');
    expect(statusOf('apple')).toBe('known'); // 中考
    expect(statusOf('abandon')).toBe('known'); // 四级
    expect(statusOf('cessation')).toBeUndefined(); // not on 中考, 高考 or 四级
    const bad = await app.inject({
      method: 'POST',
      url: '/api/me/known-from-exam',
      headers: ann.headers,
      payload: { exam: 'toeic' },
    });
    expect(bad.json().error.code).toBe('BAD_INPUT');
  });
});

describe('the 生词本 and reviews', () => {
  const add = (who: Learner, payload: object) =>
    app.inject({ method: 'POST', url: '/api/me/wordbook', headers: who.headers, payload });
  const due = async (who: Learner) =>
    ((await app.inject({ url: '/api/me/reviews/due', headers: who.headers })).json() as { due: number }).due;

  it('keeps a word with its sentence from the story and the meaning that fits, due at once; it becomes learning 1', async () => {
    const res = await add(ann, { word: 'hostilities', story: storyId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(Number),
      word: 'hostilities',
      // The story's own lemma: the plural has a sense of its own (战争行动).
      lemma: 'hostilities',
      sentence: 'Two envoys discussed the cessation of hostilities on Sunday.',
      storyId,
      storyGone: false,
      meaning: expect.stringContaining('战争'),
      note: '',
      due: '2026-03-01T08:00:00.000Z',
    });
    const words = (await app.inject({ url: '/api/me/words?status=learning', headers: ann.headers })).json();
    expect(words.words).toEqual([{ lemma: 'hostilities', status: 'learning', stage: 1 }]);
    expect((await app.inject({ url: '/api/me/wordbook', headers: ann.headers })).json().entries).toEqual([
      res.json(),
    ]);
    expect((await add(ann, { word: 'hostility', story: storyId })).json().error.code).toBe(
      'ALREADY_IN_WORDBOOK',
    );
    expect((await add(ann, { word: 'banana', story: storyId })).json().error.code).toBe('BAD_INPUT');
    expect((await add(ann, { word: 'banana', story: storyId, sentence: 'I ate a banana.' })).statusCode).toBe(
      201,
    );
    expect((await add(ann, { word: 'envoy', story: 999999 })).json().error.code).toBe('STORY_NOT_FOUND');
    expect((await add(ann, { word: 'envoy', story: 'one' })).json().error.code).toBe('BAD_INPUT');
  });

  it('reviews on the FSRS schedule: good moves the due date on, again brings it back sooner', async () => {
    const entry = (await add(ann, { word: 'hostilities', story: storyId })).json() as { id: number };
    expect(await due(ann)).toBe(1);
    const review = (rating: string, who = ann, id = entry.id) =>
      app.inject({
        method: 'POST',
        url: '/api/me/reviews',
        headers: who.headers,
        payload: { entry: id, rating },
      });
    const good = await review('good');
    expect(good.statusCode).toBe(200);
    const goodDue = new Date(good.json().due).getTime();
    expect(goodDue).toBeGreaterThan(now.getTime());
    expect(await due(ann)).toBe(0);
    now = new Date(goodDue + 1000);
    expect(await due(ann)).toBe(1);
    const again = await review('again');
    expect(new Date(again.json().due).getTime() - now.getTime()).toBeLessThan(
      goodDue - Date.parse('2026-03-01T08:00:00Z'),
    );
    expect((await review('meh')).json().error.code).toBe('BAD_INPUT');
    expect((await review('good', ann, 999999)).json().error.code).toBe('ENTRY_NOT_FOUND');
  });
});

describe('exporting the 生词本', () => {
  it('gives an Anki file and a CSV of the learner’s own entries only', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/me/wordbook',
      headers: ann.headers,
      payload: { word: 'hostilities', story: storyId },
    });
    const anki = await app.inject({ url: '/api/me/wordbook/export?format=anki', headers: ann.headers });
    expect(anki.headers['content-type']).toBe('text/tab-separated-values; charset=utf-8');
    const note = anki.body.trimEnd().split('\n').at(-1)!.split('\t');
    expect(note[0]).toBe('hostilities');
    expect(note[1]).toMatch(/^\/.+\/$/);
    expect(note[2]).toContain('战争');
    expect(note[3]).toBe('Two envoys discussed the cessation of <b>hostilities</b> on Sunday.');
    expect(note.slice(4)).toEqual(['Envoys discuss a cease-fire', '/stories/envoys-discuss-a-cease-fire']);
    const csv = await app.inject({ url: '/api/me/wordbook/export?format=csv', headers: ann.headers });
    expect(csv.body.split('\r\n')[1]).toMatch(/^hostilities,/);
    const bobs = await app.inject({ url: '/api/me/wordbook/export', headers: bob.headers });
    expect(bobs.body).toBe('word,phonetic,meaning,sentence,source,url\r\n');
    expect(
      (await app.inject({ url: '/api/me/wordbook/export?format=pdf', headers: ann.headers })).statusCode,
    ).toBe(400);
  });
});

describe("another learner's data", () => {
  it('cannot be read or changed by URL, by API token or by a forged request', async () => {
    const entry = (
      await app.inject({
        method: 'POST',
        url: '/api/me/wordbook',
        headers: ann.headers,
        payload: { word: 'hostilities', story: storyId },
      })
    ).json() as { id: number; due: string };
    await put(ann, 'cessation', { status: 'learning', stage: 3 });
    const bobUser = await services.learner.accounts.userByEmail(bob.email);
    const bobToken = { authorization: `Bearer ${await services.learner.accounts.createToken(bobUser.id)}` };

    for (const headers of [bob.headers, bobToken]) {
      const del = await app.inject({ method: 'DELETE', url: `/api/me/wordbook/${entry.id}`, headers });
      expect(del.statusCode).toBe(404);
      expect(del.json().error.code).toBe('ENTRY_NOT_FOUND');
      const review = await app.inject({
        method: 'POST',
        url: '/api/me/reviews',
        headers,
        payload: { entry: entry.id, rating: 'easy' },
      });
      expect(review.statusCode).toBe(404);
      const exported = (await app.inject({ url: '/api/me/export', headers })).json();
      expect(exported.user.email).toBe(bob.email);
      expect(exported.wordbook).toEqual([]);
      expect(exported.words).toEqual([]);
      expect((await app.inject({ url: '/api/me/wordbook', headers })).json()).toEqual({ entries: [] });
      expect((await app.inject({ url: '/api/me/words', headers })).json().total).toBe(0);
    }
    // A forged request with Ann's cookie but no CSRF token changes nothing of hers.
    const forged = await app.inject({
      method: 'DELETE',
      url: `/api/me/wordbook/${entry.id}`,
      headers: { cookie: ann.cookie },
    });
    expect(forged.statusCode).toBe(403);
    const forgedDelete = await app.inject({
      method: 'DELETE',
      url: '/api/me',
      headers: { cookie: ann.cookie },
    });
    expect(forgedDelete.statusCode).toBe(403);
    const forgedForm = await app.inject({
      method: 'PUT',
      url: '/api/me/words/cessation',
      headers: { cookie: ann.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'status=known',
    });
    expect(forgedForm.statusCode).toBeGreaterThanOrEqual(400);

    const mine = (await app.inject({ url: '/api/me/export', headers: ann.headers })).json();
    expect(mine.wordbook).toEqual([expect.objectContaining({ id: entry.id, due: entry.due })]);
    expect(mine.words).toEqual(
      expect.arrayContaining([
        { lemma: 'cessation', status: 'learning', stage: 3 },
        { lemma: 'hostilities', status: 'learning', stage: 1 },
      ]),
    );
    expect(mine.reviews).toEqual([]);
    expect((await app.inject({ url: '/api/me/export' })).statusCode).toBe(401);
  });

  it('cannot be reached by the other learner through exports, progress or feed settings, by cookie or by token', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/me/wordbook',
      headers: ann.headers,
      payload: { word: 'hostilities', story: storyId },
    });
    await put(ann, 'envoy', { status: 'known' });
    const annFeed = (
      await app.inject({ method: 'POST', url: '/api/me/for-me/feed', headers: ann.headers })
    ).json();
    const annFeedPath = new URL(annFeed.url).pathname;
    const bobUser = await services.learner.accounts.userByEmail(bob.email);
    const bobToken = { authorization: `Bearer ${await services.learner.accounts.createToken(bobUser.id)}` };
    for (const headers of [bob.headers, bobToken]) {
      for (const format of ['anki', 'csv']) {
        const file = await app.inject({ url: `/api/me/wordbook/export?format=${format}`, headers });
        expect(file.statusCode).toBe(200);
        expect(file.body).not.toContain('hostilities');
      }
      const progress = (await app.inject({ url: '/api/me/progress', headers })).json();
      expect(progress.knownOverTime.at(-1).known).toBe(0);
      expect((await app.inject({ url: '/api/me/for-me/feed', headers })).json()).toEqual({
        active: false,
        createdAt: null,
      });
      // Turning "my" feed off as Bob leaves Ann's working.
      expect((await app.inject({ method: 'DELETE', url: '/api/me/for-me/feed', headers })).statusCode).toBe(
        204,
      );
      expect((await app.inject(annFeedPath)).statusCode).toBe(200);
      // Ann's feed URL with Bob's credentials is still only what its token opens; Bob's id with Ann's token is a 404.
      const [, , , , annToken] = annFeedPath.split('/');
      expect((await app.inject({ url: `/feeds/for-me/${bobUser.id}/${annToken}`, headers })).statusCode).toBe(
        404,
      );
    }
    // Ann's cookie with Bob's CSRF token, or none, changes nothing of hers (a forged cross-site form).
    for (const csrf of [bob.csrf, undefined]) {
      const headers: Record<string, string> = {
        cookie: ann.cookie,
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      };
      for (const [method, url, payload] of [
        ['POST', '/api/me/known-from-exam', { exam: 'cet4' }],
        ['POST', `/api/me/story-marks/${storyId}/finished`, undefined],
        ['POST', '/api/me/for-me/feed', undefined],
        ['DELETE', '/api/me/for-me/feed', undefined],
        ['PUT', '/api/me/words/cessation', { status: 'known' }],
        ['POST', '/api/me/wordbook', { word: 'envoys', story: storyId }],
      ] as const) {
        const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
      }
      // A form post (what a forged page can send without script): refused, never a change.
      const form = await app.inject({
        method: 'POST',
        url: '/api/me/known-from-exam',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'exam=gre',
      });
      expect(form.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect((await app.inject({ url: '/api/me/words?status=known', headers: ann.headers })).json().total).toBe(
      1,
    );
    expect((await app.inject(annFeedPath)).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/me/wordbook', headers: ann.headers })).json().entries).toHaveLength(
      1,
    );
  });
});
