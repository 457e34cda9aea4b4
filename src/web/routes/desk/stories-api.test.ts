/**
 * The desk's story API: editors change, delete and read the history of stories; readers and
 * anonymous callers reach none of it; a bad body is a 400 with a stable code, never a 500; the
 * public page, lists, search, feeds and sitemap follow at once.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deskArchive, tokenOf } from '../../../../test/desk-stories.js';
import { type Learner, learnerApp, learnerServices, signInWithRole } from '../../../../test/learner.js';
import type { Services } from '../../../services.js';

describe('the desk story API', () => {
  let services: Services;
  let app: FastifyInstance;
  let stories: Array<{ id: number; slug: string }>;
  let editor: Learner;
  let bearer: Record<string, string>;
  beforeEach(async () => {
    services = learnerServices();
    app = await learnerApp(services);
    stories = await deskArchive(services);
    editor = await signInWithRole(app, services, 'editor');
    bearer = { authorization: `Bearer ${await tokenOf(services, editor.email)}` };
  });
  afterEach(async () => {
    await app.close();
  });

  const page = (slug: string) => app.inject({ url: `/stories/${slug}` });

  it("changes the story page's title for an editor's token, and refuses a reader's", async () => {
    const [a] = stories;
    expect((await page(a!.slug)).body).toContain('Rain floods the valley'); // cached now
    const reader = await signInWithRole(app, services, 'reader');
    const readerBearer = { authorization: `Bearer ${await tokenOf(services, reader.email)}` };
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: readerBearer,
      payload: { title: 'Stolen title' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: bearer,
      payload: { title: 'The valley dries out' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changes).toEqual([
      { field: 'title', before: 'Rain floods the valley', after: 'The valley dries out' },
    ]);
    const after = await page(a!.slug); // the same permalink
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('The valley dries out');
    expect(after.body).not.toContain('Stolen title');
    const history = await app.inject({ url: `/api/stories/${a!.id}/history`, headers: bearer });
    expect(history.json().history).toMatchObject([{ actor: 'editor@example.com', action: 'edit' }]);
  });

  it('answers anonymous callers 401 and readers 403 on every route, changing nothing', async () => {
    const [a] = stories;
    const reader = await signInWithRole(app, services, 'reader');
    const routes = [
      { method: 'PATCH' as const, url: `/api/stories/${a!.id}`, payload: { status: 'unpublished' } },
      { method: 'DELETE' as const, url: `/api/stories/${a!.id}` },
      { method: 'GET' as const, url: `/api/stories/${a!.id}/history` },
    ];
    for (const route of routes) {
      expect((await app.inject(route)).statusCode).toBe(401);
      expect((await app.inject({ ...route, headers: reader.headers })).statusCode).toBe(403);
    }
    expect((await page(a!.slug)).statusCode).toBe(200);
  });

  it('refuses a cookie PATCH without the CSRF token', async () => {
    const [a] = stories;
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: { cookie: editor.cookie },
      payload: { title: 'Forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: editor.headers,
      payload: { title: 'Not forged' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses bad bodies with 400 and a stable code, never a 500', async () => {
    const [a] = stories;
    const bodies: Array<[unknown, string]> = [
      [{}, 'BAD_INPUT'],
      [{ status: 'gone' }, 'BAD_INPUT'],
      [{ level: 'D1' }, 'BAD_INPUT'],
      [{ paragraphs: { first: 'a paragraph' } }, 'BAD_INPUT'],
      [{ pinned: ['x'] }, 'BAD_INPUT'],
      [{ title: '   ' }, 'INVALID_STORY'],
      [{ publishedAt: 'last tuesday' }, 'INVALID_STORY'],
      [{ pinned: [a!.id] }, 'INVALID_STORY'],
      ['not json at all', 'BAD_JSON'],
    ];
    for (const [payload, code] of bodies) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/stories/${a!.id}`,
        headers: { ...bearer, 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expect(res.statusCode, `${JSON.stringify(payload)} → ${res.body}`).toBe(400);
      expect(res.json().error.code, JSON.stringify(payload)).toBe(code);
    }
    const unknownSection = await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: bearer,
      payload: { section: 'nowhere' },
    });
    expect(unknownSection.statusCode).toBe(404);
    expect(unknownSection.json().error.code).toBe('SECTION_NOT_FOUND');
    for (const url of ['/api/stories/999999/history', '/api/stories/99999999999999/history']) {
      const res = await app.inject({ url, headers: bearer });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/stories/abc', headers: bearer })).statusCode,
    ).toBe(400);
  });

  it('takes an unpublished story out of its page, lists, search, feeds and sitemap at once, and back', async () => {
    const [a, b] = stories;
    const where = async () => ({
      page: (await page(a!.slug)).statusCode,
      api: (await app.inject({ url: `/api/stories/${a!.id}` })).statusCode,
      list: (await app.inject({ url: '/api/stories' }))
        .json()
        .stories.some((s: { id: number }) => s.id === a!.id),
      search: (await app.inject({ url: '/api/search?q=valley' })).json().results.length,
      home: (await app.inject({ url: '/' })).body.includes('Rain floods the valley'),
      feed: (await app.inject({ url: '/feed.xml' })).body.includes('Rain floods the valley'),
      sitemap: (await app.inject({ url: '/sitemap.xml' })).body.includes(a!.slug),
    });
    const shown = { page: 200, api: 200, list: true, search: 1, home: true, feed: true, sitemap: true };
    expect(await where()).toEqual(shown);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: bearer,
      payload: { status: 'unpublished', pinned: [b!.id, 424242] },
    });
    expect(res.json().story).toMatchObject({
      status: 'unpublished',
      pinned: [
        { id: b!.id, missing: false },
        { id: 424242, title: null, missing: true },
      ],
    });
    expect(await where()).toEqual({
      page: 404,
      api: 404,
      list: false,
      search: 0,
      home: false,
      feed: false,
      sitemap: false,
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/stories/${a!.id}`,
      headers: bearer,
      payload: { status: 'published' },
    });
    expect(await where()).toEqual(shown);
  });

  it('deletes a story: 404 to the public, its history kept, a word-book entry keeps its sentence', async () => {
    const [a] = stories;
    const learner = await signInWithRole(app, services, 'reader', 'ann@example.com');
    const added = await app.inject({
      method: 'POST',
      url: '/api/me/wordbook',
      headers: learner.headers,
      payload: { word: 'valley', story: a!.id, sentence: 'Rain floods the valley.' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await page(a!.slug)).statusCode).toBe(200);
    const res = await app.inject({ method: 'DELETE', url: `/api/stories/${a!.id}`, headers: bearer });
    expect(res.statusCode).toBe(204);
    expect((await page(a!.slug)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/stories/${a!.id}`, headers: bearer })).statusCode,
    ).toBe(404);
    const history = await app.inject({ url: `/api/stories/${a!.id}/history`, headers: bearer });
    expect(history.json().history.map((e: { action: string }) => e.action)).toEqual(['delete']);
    const book = await app.inject({ url: '/api/me/wordbook', headers: learner.headers });
    expect(book.json().entries).toMatchObject([
      { word: 'valley', sentence: 'Rain floods the valley.', storyId: null, storyGone: true },
    ]);
    const csv = await app.inject({ url: '/api/me/wordbook/export?format=csv', headers: learner.headers });
    expect(csv.body).toContain('Rain floods the valley.');
    expect(csv.body).toContain('原文已删除');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/stories/{ref}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    expect(doc.paths['/api/stories/{ref}/history'].get).toBeDefined();
  });
});
