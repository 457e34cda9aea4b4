/**
 * The editors' desk (issue #15): pages under `/desk/`, each behind the editor role (a reader gets
 * 403, an anonymous visitor is sent to log in). Desk pages are per-user and never cached
 * (`no-store`); their forms post `application/x-www-form-urlencoded` with the session's CSRF token
 * in `_csrf` and answer with a redirect (post/redirect/get), so they work without script.
 *
 * Each desk area is its own plugin in `routes/desk/`, listed in `DESK_PAGES` (HTML and forms,
 * registered with the form parser) or `DESK_API` (JSON under `/api/`, JSON bodies only). The JSON
 * API does everything the pages do, with the same roles (`requireRole(auth, 'editor')`).
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { requireRole } from '../auth/guard.js';
import { deskPath } from '../paths.js';
import { DeskHomeView } from '../views/desk/home.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './desk/context.js';
import { deskCopiesPages } from './desk/copies.js';
import { deskCopiesApi } from './desk/copies-api.js';
import { deskFeedPages } from './desk/feeds.js';
import { deskFeedApi } from './desk/feeds-api.js';
import { deskInboxPages } from './desk/inbox.js';
import { deskInboxApi } from './desk/inbox-api.js';
import { deskSectionPages } from './desk/sections.js';
import { deskSectionApi } from './desk/sections-api.js';
import { deskStoryPages } from './desk/stories.js';
import { deskStoriesApi } from './desk/stories-api.js';
import { deskUserPages } from './desk/users.js';
import { deskUserApi } from './desk/users-api.js';

// The shared pieces live in desk/context.ts (the plugins import them from there: no cycle).
export { type DeskRouteOptions, deskViewer, sendDeskPage } from './desk/context.js';

/** Desk page plugins (`routes/desk/*.tsx`), registered with the form parser. */
const DESK_PAGES: FastifyPluginAsync<DeskRouteOptions>[] = [
  deskStoryPages,
  deskInboxPages,
  deskCopiesPages,
  deskSectionPages,
  deskFeedPages,
  deskUserPages,
];

/** Desk JSON API plugins (`routes/desk/*-api.ts`), JSON bodies only. */
const DESK_API: FastifyPluginAsync<DeskRouteOptions>[] = [
  deskStoriesApi,
  deskInboxApi,
  deskCopiesApi,
  deskSectionApi,
  deskFeedApi,
  deskUserApi,
];

export const deskRoutes: FastifyPluginAsync<DeskRouteOptions> = async (app, options) => {
  const { ctx, learn } = options;
  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: 1_048_576 });
    // Every page under /desk needs an editor; a visitor who is not logged in is sent to log in.
    pages.addHook('preValidation', requireRole(learn.auth, 'editor', { page: true }));
    pages.get(deskPath(), async (request, reply) =>
      sendDeskPage(reply, <DeskHomeView chrome={await ctx.chrome()} viewer={deskViewer(request)} />),
    );
    for (const plugin of DESK_PAGES) await pages.register(plugin, options);
  });
  await app.register(async (api) => {
    api.addHook('preValidation', requireRole(learn.auth, 'editor'));
    for (const plugin of DESK_API) await api.register(plugin, options);
  });
};
