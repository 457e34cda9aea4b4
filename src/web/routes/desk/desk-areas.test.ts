/**
 * What the desk's inbox, copies, sections, feeds and users areas do (issue #15), through their
 * pages (forms with the CSRF token, post/redirect/get) and their JSON API (a Bearer token).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedInbox, topicStory } from '../../../../test/desk.js';
import { type Learner, learnerApp, learnerServices, signInWithRole } from '../../../../test/learner.js';
import type { Services } from '../../../services.js';

let services: Services;
let app: FastifyInstance;

async function start(config: { fetchHosts?: string[] } = {}) {
  services = learnerServices();
  if (config.fetchHosts) Object.assign(services.config, { fetchHosts: config.fetchHosts });
  // The desk services read the allow-list when built: rebuild them over the changed config.
  const { deskServices } = await import('../../../desk/index.js');
  services.desk = deskServices(services.store, {
    accounts: services.learner.accounts,
    fetchHosts: services.config.fetchHosts,
  });
  app = await learnerApp(services);
}

afterEach(async () => {
  await app?.close();
});

function post(who: Learner, url: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString(),
  });
}

const get = (who: Learner | null, url: string) =>
  app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

describe('desk: 待分类 inbox', () => {
  beforeEach(() => start());

  it('shows each story with a form per guess; filing one leaves the inbox and lands in the section', async () => {
    const editor = await signInWithRole(app, services, 'editor');
    const [id] = await seedInbox(services);
    const page = await get(editor, '/desk/inbox');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Unclear story 100');
    expect(page.body).toMatch(/归入 体育英语新闻|归入 sports/);
    expect(page.body).toContain(`action="/desk/inbox/${id}/file"`);
    expect(page.body).not.toMatch(/<script>|onclick=/);
    const filed = await post(editor, `/desk/inbox/${id}/file`, { section: 'sports' });
    expect(filed.statusCode).toBe(303);
    expect(filed.headers.location).toBe('/desk/inbox?filed=sports');
    const after = await get(editor, '/desk/inbox?filed=sports');
    expect(after.body).not.toContain('Unclear story 100');
    expect(after.body).toContain('Filed into');
    const section = await get(null, '/sections/sports');
    expect(section.body).toContain('Unclear story 100');
  });

  it('gives the guesses and files through the JSON API', async () => {
    const editor = await signInWithRole(app, services, 'editor');
    const [id] = await seedInbox(services);
    const list = await app.inject({ url: '/api/desk/inbox', headers: { cookie: editor.cookie } });
    expect(list.json()).toMatchObject({
      total: 1,
      stories: [{ id, guesses: [{ section: expect.any(String) }, {}] }],
    });
    const user = (await services.learner.accounts.userByEmail(editor.email))!;
    const token = await services.learner.accounts.createToken(user.id);
    const res = await app.inject({
      method: 'POST',
      url: `/api/desk/inbox/${id}/file`,
      headers: { authorization: `Bearer ${token}` },
      payload: { section: 'business' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id, section: 'business', filing: { source: 'editor', confidence: null } });
    expect(
      (await app.inject({ url: '/api/desk/inbox', headers: { cookie: editor.cookie } })).json().total,
    ).toBe(0);
  });
});

describe('desk: sections', () => {
  beforeEach(() => start());

  it('creates, renames with a 301 from the old URL, reorders and merges', async () => {
    const editor = await signInWithRole(app, services, 'editor');
    await seedInbox(services);
    expect(
      (await post(editor, '/desk/sections', { slug: 'tennis', nameZh: '网球', nameEn: 'Tennis' })).headers
        .location,
    ).toBe('/desk/sections?done=created');
    const tennis = (await services.store.sections.findSectionBySlug('tennis'))!;
    expect((await get(null, '/sections/tennis')).statusCode).toBe(200);

    // Rename: new names and slug; the old URL redirects permanently, the navigation shows the new name.
    const renamed = await post(editor, `/desk/sections/${tennis.id}`, {
      slug: 'racket',
      nameZh: '球拍运动',
      nameEn: 'Racket sports',
    });
    expect(renamed.statusCode).toBe(303);
    const old = await get(null, '/sections/tennis?page=1');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/sections/racket');
    // Its feeds follow: a feed reader subscribed to the old address is sent to the new one.
    for (const [from, to] of [
      ['/sections/tennis/feed.xml', '/sections/racket/feed.xml'],
      ['/sections/tennis/rss.xml', '/sections/racket/rss.xml'],
    ] as const) {
      const feed = await get(null, from);
      expect(feed.statusCode).toBe(301);
      expect(feed.headers.location).toBe(to);
    }
    expect((await get(null, '/sections/racket/feed.xml')).statusCode).toBe(200);
    expect((await get(null, '/')).body).toContain('球拍运动');

    // Reorder: racket moves up one place in the navigation.
    const order = async () => (await services.store.sections.listSections()).map((s) => s.slug);
    const at = (await order()).indexOf('racket');
    await post(editor, `/desk/sections/${tennis.id}/move`, { direction: 'up' });
    expect((await order()).indexOf('racket')).toBe(at - 1);

    // Merge business into sports: its stories move, its URL redirects.
    const business = (await services.store.sections.findSectionBySlug('business'))!;
    const sports = (await services.store.sections.findSectionBySlug('sports'))!;
    const merged = await post(editor, `/desk/sections/${business.id}/merge`, { into: String(sports.id) });
    expect(merged.headers.location).toBe('/desk/sections?done=merged');
    expect(await services.store.stories.countStories(sports.id)).toBe(40);
    const moved = await get(null, '/sections/business');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/sections/sports');
    expect((await get(null, '/sections/nowhere')).statusCode).toBe(404);
    expect((await get(null, '/sections/nowhere/rss.xml')).statusCode).toBe(404);
    // A story that still names the merged-away section lands in the one it went into.
    await services.pipeline.saveStories([{ ...topicStory(300, 'business', 'business') }]);
    const late = (await services.store.stories.findStoryByExternalId('test', 's300'))!;
    expect(late.sectionId).toBe(sports.id);
    expect(await services.store.sections.findSectionBySlug('business')).toBeNull();
  });

  it('refuses a taken slug and renaming the slug of 待分类, through the page and the API', async () => {
    const editor = await signInWithRole(app, services, 'editor');
    await seedInbox(services);
    const sports = (await services.store.sections.findSectionBySlug('sports'))!;
    const unsorted = (await services.store.sections.findSectionBySlug('unsorted'))!;
    const clash = await post(editor, `/desk/sections/${sports.id}`, { slug: 'business' });
    expect(clash.statusCode).toBe(409);
    const fixed = await app.inject({
      method: 'PATCH',
      url: `/api/desk/sections/${unsorted.id}`,
      headers: editor.headers,
      payload: { slug: 'inbox' },
    });
    expect(fixed.statusCode).toBe(400);
    const names = await app.inject({
      method: 'PATCH',
      url: `/api/desk/sections/${unsorted.id}`,
      headers: editor.headers,
      payload: { nameEn: 'To sort' },
    });
    expect(names.json()).toMatchObject({ slug: 'unsorted', nameEn: 'To sort' });
  });
});

describe('desk: feeds', () => {
  let feedServer: Server;
  let feedUrl: string;
  const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk test wire</title><link>http://127.0.0.1/</link>
<item><title>Harbour reopens after the storm</title><link>http://127.0.0.1/a</link><guid>a</guid>
<description>${'The harbour reopened on Monday after a week of storms kept the fishing boats in port. '.repeat(10)}</description></item>
</channel></rss>`;

  beforeEach(async () => {
    feedServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS);
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;
  });
  afterEach(async () => {
    await new Promise((resolve) => feedServer.close(resolve));
  });

  it('previews a feed, adds it, changes its settings, pauses, resumes and marks it due', async () => {
    await start({ fetchHosts: ['127.0.0.1'] });
    const editor = await signInWithRole(app, services, 'editor');
    const settings = { section: '', language: 'en', interval: '45' };
    const preview = await post(editor, '/desk/feeds/preview', { url: feedUrl, ...settings });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.body).toContain('Harbour reopens after the storm');
    expect(await services.store.feeds.listFeeds()).toEqual([]);
    const added = await post(editor, '/desk/feeds', { url: feedUrl, ...settings });
    expect(added.headers.location).toBe('/desk/feeds?done=added');
    const [feed] = await services.store.feeds.listFeeds();
    // The operator listed 127.0.0.1, so the poller may fetch it.
    expect(feed).toMatchObject({
      url: feedUrl,
      intervalMinutes: 45,
      language: 'en',
      allowPrivate: true,
      paused: false,
    });

    await services.store.sections.createSection({ slug: 'world', nameZh: '国际', nameEn: 'World' });
    await post(editor, `/desk/feeds/${feed!.id}`, { section: 'world', language: 'any', interval: '120' });
    expect(await services.store.feeds.findFeedById(feed!.id)).toMatchObject({
      section: 'world',
      language: 'any',
      intervalMinutes: 120,
    });
    await post(editor, `/desk/feeds/${feed!.id}/pause`, {});
    expect(await services.store.feeds.findDueFeeds('2100-01-01T00:00:00Z')).toEqual([]);
    expect((await post(editor, `/desk/feeds/${feed!.id}/poll`, {})).statusCode).toBe(400);
    await post(editor, `/desk/feeds/${feed!.id}/resume`, {});
    // Polled once: next due in 2 hours; "poll now" makes it due at once for the writer's next check.
    await services.feeds.pollFeed(feed!.id);
    const polled = (await services.store.feeds.findFeedById(feed!.id))!;
    expect(polled.state.itemsStored).toBe(1);
    expect(await services.store.feeds.findDueFeeds(new Date().toISOString())).toEqual([]);
    const poll = await post(editor, `/desk/feeds/${feed!.id}/poll`, {});
    expect(poll.headers.location).toBe('/desk/feeds?done=polling');
    expect((await services.store.feeds.findDueFeeds(new Date().toISOString())).map((f) => f.id)).toEqual([
      feed!.id,
    ]);
    const list = await get(editor, '/desk/feeds');
    expect(list.body).toContain('1 stored');
  });

  it('refuses a private address the operator did not list, and a URL that is not http', async () => {
    await start();
    const editor = await signInWithRole(app, services, 'editor');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/desk/feeds/preview',
      headers: editor.headers,
      payload: { url: feedUrl },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('FETCH_REFUSED');
    const file = await app.inject({
      method: 'POST',
      url: '/api/desk/feeds/preview',
      headers: editor.headers,
      payload: { url: 'file:///etc/passwd' },
    });
    expect(file.statusCode).toBe(400);
    expect(file.json().error.code).toBe('BAD_INPUT');
  });
});

describe('desk: users', () => {
  beforeEach(() => start());

  it('invites an editor with a temporary password that opens the account, changes roles, revokes', async () => {
    const admin = await signInWithRole(app, services, 'admin');
    const invited = await post(admin, '/desk/users', { email: 'New.Editor@example.com', role: 'editor' });
    expect(invited.statusCode).toBe(201);
    expect(invited.headers['cache-control']).toBe('no-store');
    const password = /<code class="desk-password">([^<]+)<\/code>/.exec(invited.body)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new.editor@example.com', password },
      remoteAddress: '10.9.9.9',
    });
    expect(login.statusCode).toBe(200);
    const user = (await services.learner.accounts.userByEmail('new.editor@example.com'))!;
    expect(user.role).toBe('editor');

    await post(admin, `/desk/users/${user.id}/role`, { role: 'reader' });
    expect((await services.learner.accounts.userById(user.id))?.role).toBe('reader');
    const token = await services.learner.accounts.createToken(user.id);
    const revoked = await post(admin, `/desk/users/${user.id}/revoke`, {});
    expect(revoked.headers.location).toBe('/desk/users?done=revoked');
    const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(401);

    // An admin cannot take the admin role from themselves (the site would lose its last admin).
    const self = (await services.learner.accounts.userByEmail(admin.email))!;
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/desk/users/${self.id}`,
      headers: admin.headers,
      payload: { role: 'editor' },
    });
    expect(demote.statusCode).toBe(400);
    const api = await app.inject({
      method: 'POST',
      url: '/api/desk/users',
      headers: admin.headers,
      payload: { email: 'new.editor@example.com', role: 'editor' },
    });
    expect(api.json().error.code).toBe('USER_EXISTS');
  });
});

describe('desk: copies and families', () => {
  beforeEach(() => start());

  it('chooses the canonical copy, joins two stories as versions and splits one out', async () => {
    const editor = await signInWithRole(app, services, 'editor');
    await seedInbox(services);
    const id = async (n: number) => (await services.store.stories.findStoryByExternalId('test', `s${n}`))!.id;
    const [a, b, c] = [await id(0), await id(2), await id(4)];
    await services.store.stories.markDuplicate(b, a);
    const page = await get(editor, `/desk/stories/${b}/copies`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/desk/stories/${b}/canonical"`);
    const chosen = await post(editor, `/desk/stories/${b}/canonical`, { back: String(b) });
    expect(chosen.headers.location).toBe(`/desk/stories/${b}/copies?done=canonical`);
    expect((await services.store.stories.findStoryById(a))?.duplicateOf).toBe(b);
    expect((await services.store.stories.findStoryById(b))?.duplicateOf).toBeNull();

    await post(editor, `/desk/stories/${b}/join`, { with: String(c), level: 'advanced' });
    const view = await app.inject({
      url: `/api/desk/stories/${c}/copies`,
      headers: { cookie: editor.cookie },
    });
    expect(
      view
        .json()
        .family.map((m: { id: number }) => m.id)
        .sort(),
    ).toEqual([b, c].sort());
    expect(view.json().family.find((m: { id: number }) => m.id === c).groupLevel).toBe('advanced');
    const split = await app.inject({
      method: 'DELETE',
      url: `/api/desk/stories/${c}/family`,
      headers: editor.headers,
    });
    expect(split.statusCode).toBe(200);
    expect((await services.store.stories.findStoryById(c))?.group).toBeNull();
    // A copy cannot join a family: its canonical story does.
    const copy = await post(editor, `/desk/stories/${b}/join`, { with: String(a) });
    expect(copy.statusCode).toBe(400);
  });
});
