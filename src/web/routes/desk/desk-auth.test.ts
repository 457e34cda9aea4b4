/**
 * Who reaches the desk's inbox, copies, sections, feeds and users routes (issue #15): an anonymous
 * visitor is sent to log in (pages) or gets 401 (API), a reader gets 403, an editor gets 403 on the
 * admin's users area, a forged form without the CSRF token changes nothing, and nothing is a 500.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedInbox } from '../../../../test/desk.js';
import { type Learner, learnerApp, learnerServices, signInWithRole } from '../../../../test/learner.js';
import type { Services } from '../../../services.js';

type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  form?: Record<string, string>;
  json?: object;
  admin?: boolean;
};

let services: Services;
let app: FastifyInstance;
let reader: Learner;
let editor: Learner;
let admin: Learner;
let storyId: number;
let sectionId: number;
let feedId: number;

/** Everything the routes could change, to show a refused request changed none of it. */
async function snapshot() {
  const { store } = services;
  return JSON.stringify({
    sections: await store.sections.listSections(),
    feeds: await store.feeds.listFeeds(),
    users: await store.accounts.listUsers(),
    story: await store.stories.findStoryById(storyId),
    inbox: (await services.desk.inbox.list(10, 0)).total,
  });
}

function routes(): Route[] {
  const s = String(storyId);
  const sec = String(sectionId);
  const f = String(feedId);
  return [
    { method: 'GET', url: '/desk/inbox' },
    { method: 'POST', url: `/desk/inbox/${s}/file`, form: { section: 'sports' } },
    { method: 'GET', url: `/desk/stories/${s}/copies` },
    { method: 'POST', url: `/desk/stories/${s}/canonical`, form: {} },
    { method: 'POST', url: `/desk/stories/${s}/join`, form: { with: '1' } },
    { method: 'POST', url: `/desk/stories/${s}/split`, form: {} },
    { method: 'GET', url: '/desk/sections' },
    { method: 'POST', url: '/desk/sections', form: { slug: 'new', nameZh: '新' } },
    { method: 'POST', url: `/desk/sections/${sec}`, form: { nameEn: 'Changed' } },
    { method: 'POST', url: `/desk/sections/${sec}/move`, form: { direction: 'down' } },
    { method: 'POST', url: `/desk/sections/${sec}/merge`, form: { into: '1' } },
    { method: 'GET', url: '/desk/feeds' },
    {
      method: 'POST',
      url: '/desk/feeds/preview',
      form: { url: 'http://127.0.0.1:9/f', section: '', language: 'en', interval: '30' },
    },
    {
      method: 'POST',
      url: '/desk/feeds',
      form: { url: 'https://x.example/new', section: '', language: 'en', interval: '30' },
    },
    { method: 'POST', url: `/desk/feeds/${f}`, form: { section: '', language: 'any', interval: '60' } },
    { method: 'POST', url: `/desk/feeds/${f}/pause`, form: {} },
    { method: 'POST', url: `/desk/feeds/${f}/resume`, form: {} },
    { method: 'POST', url: `/desk/feeds/${f}/poll`, form: {} },
    { method: 'GET', url: '/desk/users', admin: true },
    { method: 'POST', url: '/desk/users', form: { email: 'new@example.com', role: 'editor' }, admin: true },
    { method: 'POST', url: '/desk/users/1/role', form: { role: 'admin' }, admin: true },
    { method: 'POST', url: '/desk/users/1/revoke', form: {}, admin: true },
    { method: 'GET', url: '/api/desk/inbox' },
    { method: 'POST', url: `/api/desk/inbox/${s}/file`, json: { section: 'sports' } },
    { method: 'GET', url: `/api/desk/stories/${s}/copies` },
    { method: 'POST', url: `/api/desk/stories/${s}/canonical`, json: {} },
    { method: 'POST', url: `/api/desk/stories/${s}/family`, json: { with: 1 } },
    { method: 'DELETE', url: `/api/desk/stories/${s}/family` },
    { method: 'GET', url: '/api/desk/sections' },
    { method: 'POST', url: '/api/desk/sections', json: { slug: 'new', nameZh: '新' } },
    { method: 'PATCH', url: `/api/desk/sections/${sec}`, json: { nameEn: 'Changed' } },
    { method: 'PUT', url: '/api/desk/sections/order', json: { ids: [Number(sec)] } },
    { method: 'POST', url: `/api/desk/sections/${sec}/merge`, json: { into: 1 } },
    { method: 'GET', url: '/api/desk/feeds' },
    { method: 'POST', url: '/api/desk/feeds/preview', json: { url: 'http://127.0.0.1:9/f' } },
    { method: 'POST', url: '/api/desk/feeds', json: { url: 'https://x.example/new' } },
    { method: 'PATCH', url: `/api/desk/feeds/${f}`, json: { paused: true } },
    { method: 'POST', url: `/api/desk/feeds/${f}/poll`, json: {} },
    { method: 'GET', url: '/api/desk/users', admin: true },
    {
      method: 'POST',
      url: '/api/desk/users',
      json: { email: 'new@example.com', role: 'editor' },
      admin: true,
    },
    { method: 'PATCH', url: '/api/desk/users/1', json: { role: 'reader' }, admin: true },
    { method: 'POST', url: '/api/desk/users/1/revoke', json: {}, admin: true },
  ];
}

function request(route: Route, who: Learner | null, withCsrf = true) {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  if (route.form) {
    const fields = { ...route.form, ...(who && withCsrf ? { _csrf: who.csrf } : {}) };
    return app.inject({
      method: route.method,
      url: route.url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  }
  if (who && withCsrf && route.method !== 'GET') headers['x-csrf-token'] = who.csrf;
  return app.inject({
    method: route.method,
    url: route.url,
    headers,
    ...(route.json ? { payload: route.json } : {}),
  });
}

beforeAll(async () => {
  services = learnerServices();
  app = await learnerApp(services);
  storyId = (await seedInbox(services))[0]!;
  sectionId = (await services.store.sections.findSectionBySlug('business'))!.id;
  feedId = (
    await services.store.feeds.createFeed(
      {
        url: 'https://x.example/feed',
        title: '',
        section: null,
        language: 'en',
        intervalMinutes: 30,
        allowPrivate: false,
      },
      new Date().toISOString(),
    )
  ).id;
  reader = await signInWithRole(app, services, 'reader');
  editor = await signInWithRole(app, services, 'editor');
  admin = await signInWithRole(app, services, 'admin');
});
afterAll(async () => {
  await app.close();
});

describe('the desk areas refuse everyone but their role', () => {
  it('sends an anonymous visitor to log in from every page, and answers 401 to every API call', async () => {
    const before = await snapshot();
    for (const route of routes()) {
      const res = await request(route, null);
      if (route.url.startsWith('/api/')) {
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      } else {
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(303);
        expect(res.headers.location).toMatch(/^\/login\?next=/);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a reader with 403 everywhere, and an editor in the users area', async () => {
    const before = await snapshot();
    for (const route of routes()) {
      for (const who of route.admin ? [reader, editor] : [reader]) {
        const res = await request(route, who);
        expect(res.statusCode, `${who.email}: ${route.method} ${route.url}`).toBe(403);
        if (route.url.startsWith('/api/')) expect(res.json().error.code).toBe('FORBIDDEN');
        else expect(res.headers['content-type']).toMatch(/text\/html/);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('changes nothing for a forged form or call without the session’s CSRF token', async () => {
    const before = await snapshot();
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const res = await request(route, admin, false);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.body).toContain(route.url.startsWith('/api/') ? 'CSRF_TOKEN_INVALID' : 'CSRF');
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers malformed and repeated parameters with a 400, never a 500', async () => {
    const bad: Route[] = [
      { method: 'GET', url: '/desk/stories/abc/copies' },
      { method: 'POST', url: `/desk/inbox/${storyId}/file`, form: {} },
      { method: 'POST', url: '/desk/sections/1/move', form: { direction: 'sideways' } },
      { method: 'POST', url: '/desk/feeds/1', form: { section: '', language: 'fr', interval: '30' } },
      { method: 'POST', url: '/desk/users', form: { email: 'x@example.com', role: 'king' }, admin: true },
      { method: 'GET', url: '/api/desk/inbox?limit=1&limit=2' },
      { method: 'PATCH', url: '/api/desk/feeds/1', json: { intervalMinutes: 1 } },
      { method: 'POST', url: '/api/desk/sections', json: { slug: 'Not A Slug!', nameZh: '新' } },
    ];
    for (const route of bad) {
      const res = await request(route, admin);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body.slice(0, 200)}`).toBe(400);
    }
    const repeated = await app.inject({
      method: 'POST',
      url: `/desk/inbox/${storyId}/file`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `section=sports&section=business&_csrf=${admin.csrf}`,
    });
    expect(repeated.statusCode).toBe(400);
  });

  it('lets an admin reach every route without a 500', async () => {
    for (const route of routes()) {
      const res = await request(route, admin);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    }
  });
});
