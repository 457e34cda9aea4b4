/**
 * The desk's story pages: editors list, filter, edit and bulk-change stories with forms; readers
 * and anonymous visitors reach none of it; a form without the CSRF token changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deskArchive } from '../../../../test/desk-stories.js';
import { type Learner, learnerApp, learnerServices, signInWithRole } from '../../../../test/learner.js';
import type { Services } from '../../../services.js';

describe('the desk story pages', () => {
  let services: Services;
  let app: FastifyInstance;
  let stories: Array<{ id: number; slug: string }>;
  let editor: Learner;
  beforeEach(async () => {
    services = learnerServices();
    app = await learnerApp(services);
    stories = await deskArchive(services);
    editor = await signInWithRole(app, services, 'editor');
  });
  afterEach(async () => {
    await app.close();
  });

  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return body.toString();
  };
  const post = (url: string, fields: Record<string, string | string[]>, cookie = editor.cookie) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(fields),
    });
  const get = (url: string, cookie = editor.cookie) => app.inject({ url, headers: { cookie } });
  const editFields = (title: string) => ({
    _csrf: editor.csrf,
    title,
    section: 'world',
    dateline: '',
    paragraphs: 'Rain floods the valley: the first paragraph of story 1.\n\nThe second paragraph of story 1.',
    tags: '',
    level: '',
    source: 'wire',
    license: '',
    status: 'published',
    publishedAt: '2026-01-01',
    pinned: '',
  });

  it('sends anonymous visitors to log in and refuses readers on every page, never a 500', async () => {
    const [a] = stories;
    const reader = await signInWithRole(app, services, 'reader');
    for (const url of ['/desk/stories', `/desk/stories/${a!.id}`, '/desk/stories?page=2&status=draft']) {
      const anonymous = await app.inject({ url });
      expect(anonymous.statusCode, url).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
      expect((await get(url, reader.cookie)).statusCode, url).toBe(403);
    }
    const posted = await post(
      `/desk/stories/${a!.id}`,
      { ...editFields('Reader title'), _csrf: reader.csrf },
      reader.cookie,
    );
    expect(posted.statusCode).toBe(403);
    for (const url of [
      '/desk/stories?page=0',
      '/desk/stories?level=Z9',
      '/desk/stories?from=yesterday',
      '/desk/stories/abc',
      '/desk/stories/99999999',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    expect((await app.inject({ url: `/stories/${a!.slug}` })).body).toContain('Rain floods the valley');
  });

  it('changes nothing for a forged form without the CSRF token', async () => {
    const [a] = stories;
    const { _csrf: _, ...forged } = editFields('Forged title');
    const res = await post(`/desk/stories/${a!.id}`, forged);
    expect(res.statusCode).toBe(403);
    const bulk = await post('/desk/stories/bulk', { action: 'delete', confirm: 'yes', ids: [String(a!.id)] });
    expect(bulk.statusCode).toBe(403);
    const page = await app.inject({ url: `/stories/${a!.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rain floods the valley');
    expect(await services.editing.history(a!.id)).toEqual([]);
  });

  it('edits a story with the form (post/redirect/get): the public page changes, the history shows it', async () => {
    const [a] = stories;
    expect((await app.inject({ url: `/stories/${a!.slug}` })).body).toContain('Rain floods the valley');
    const edit = await get(`/desk/stories/${a!.id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.headers['cache-control']).toBe('no-store');
    expect(edit.body).toContain(`name="_csrf" value="${editor.csrf}"`);
    // Its copies and level versions are one click away.
    expect(edit.body).toContain(`href="/desk/stories/${a!.id}/copies"`);
    expect(edit.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const res = await post(`/desk/stories/${a!.id}`, {
      ...editFields('The valley dries out'),
      tags: 'weather, drought',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/desk/stories/${a!.id}?done=saved`);
    const after = await get(res.headers.location as string);
    expect(after.body).toContain('已保存');
    expect(after.body).toContain('editor@example.com');
    expect(after.body).toContain('<code>title</code>');
    const page = await app.inject({ url: `/stories/${a!.slug}` });
    expect(page.body).toContain('The valley dries out');
    expect((await services.store.stories.findStoryById(a!.id))!.tags).toEqual(['weather', 'drought']);
    // A refused value shows the page again with the reason, changing nothing.
    const bad = await post(`/desk/stories/${a!.id}`, { ...editFields('Ok'), publishedAt: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('publishedAt');
    expect((await services.store.stories.findStoryById(a!.id))!.title).toBe('The valley dries out');
  });

  it('pins a story found by searching, and lists a pin that points to nothing as such', async () => {
    const [a, b] = stories;
    const found = await get(`/desk/stories/${a!.id}?pinq=snow`);
    expect(found.body).toContain('Snow closes the pass');
    expect(
      (await post(`/desk/stories/${a!.id}/pin`, { _csrf: editor.csrf, pin: String(b!.id) })).statusCode,
    ).toBe(303);
    await post(`/desk/stories/${a!.id}/pin`, { _csrf: editor.csrf, pin: '777' });
    expect((await services.store.stories.findStoryById(a!.id))!.pinnedIds).toEqual([b!.id, 777]);
    const edit = await get(`/desk/stories/${a!.id}`);
    expect(edit.body).toContain('找不到这篇文章 points to no story');
    const page = await app.inject({ url: `/stories/${a!.slug}` });
    expect(page.body).toContain(`/stories/${b!.slug}`);
    await post(`/desk/stories/${a!.id}/unpin`, { _csrf: editor.csrf, pin: '777' });
    expect((await services.store.stories.findStoryById(a!.id))!.pinnedIds).toEqual([b!.id]);
  });

  it('lists with filters and search, and applies bulk actions, deleting only after confirmation', async () => {
    const [a, b, c] = stories;
    const all = await get('/desk/stories');
    expect(all.body).toContain('共 3 篇');
    expect((await get('/desk/stories?section=business')).body).toContain('共 1 篇');
    const searched = await get('/desk/stories?q=SNOW');
    expect(searched.body).toContain('Snow closes the pass');
    expect(searched.body).toContain('共 1 篇');
    const moved = await post('/desk/stories/bulk', {
      _csrf: editor.csrf,
      action: 'resection',
      section: 'business',
      ids: [String(a!.id), String(b!.id)],
    });
    expect(moved.statusCode).toBe(303);
    expect((await get(moved.headers.location as string)).body).toContain('Moved 2 stories');
    expect((await get('/desk/stories?section=business')).body).toContain('共 3 篇');
    await post('/desk/stories/bulk', { _csrf: editor.csrf, action: 'unpublish', ids: [String(c!.id)] });
    expect((await get('/desk/stories?status=unpublished')).body).toContain('共 1 篇');
    expect((await app.inject({ url: `/stories/${c!.slug}` })).statusCode).toBe(404);
    const asked = await post('/desk/stories/bulk', {
      _csrf: editor.csrf,
      action: 'delete',
      ids: [String(a!.id)],
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('name="confirm" value="yes"');
    expect(await services.store.stories.findStoryById(a!.id)).not.toBeNull();
    const deleted = await post('/desk/stories/bulk', {
      _csrf: editor.csrf,
      action: 'delete',
      confirm: 'yes',
      ids: [String(a!.id)],
    });
    expect(deleted.statusCode).toBe(303);
    expect(await services.store.stories.findStoryById(a!.id)).toBeNull();
    expect((await app.inject({ url: `/stories/${a!.slug}` })).statusCode).toBe(404);
  });
});
