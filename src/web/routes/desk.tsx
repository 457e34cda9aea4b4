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
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { currentAuth, requireRole } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import type { WebContext, WebServices } from '../context.js';
import { deskPath } from '../paths.js';
import { renderHtml } from '../render.js';
import { DeskHomeView } from '../views/desk/home.js';
import type { DeskViewer } from '../views/desk/layout.js';
import { deskStoryPages } from './desk/stories.js';
import { deskStoriesApi } from './desk/stories-api.js';

/** What every desk plugin gets. */
export interface DeskRouteOptions {
  ctx: WebContext;
  learn: LearnerWebContext;
  /** The composition root's services (the desk writes through them). */
  services: WebServices;
}

/** Desk page plugins (`routes/desk/*.tsx`), registered with the form parser. */
const DESK_PAGES: FastifyPluginAsync<DeskRouteOptions>[] = [deskStoryPages];

/** Desk JSON API plugins (`routes/desk/*-api.ts`), JSON bodies only. */
const DESK_API: FastifyPluginAsync<DeskRouteOptions>[] = [deskStoriesApi];

/** Who is looking at a desk page a guard let through. */
export function deskViewer(request: FastifyRequest): DeskViewer {
  const { user, session } = currentAuth(request);
  return { email: user.email, role: user.role, csrf: session?.csrfToken ?? '' };
}

/** Sends a desk page: HTML, never cached by anyone. */
export function sendDeskPage(reply: FastifyReply, view: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderHtml(view));
}

export const deskRoutes: FastifyPluginAsync<DeskRouteOptions> = async (app, options) => {
  const { ctx, learn } = options;
  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: 1_048_576 });
    // Every page under /desk needs an editor; a visitor who is not logged in is sent to log in.
    pages.addHook('preHandler', requireRole(learn.auth, 'editor', { page: true }));
    pages.get(deskPath(), async (request, reply) =>
      sendDeskPage(reply, <DeskHomeView chrome={await ctx.chrome()} viewer={deskViewer(request)} />),
    );
    for (const plugin of DESK_PAGES) await pages.register(plugin, options);
  });
  await app.register(async (api) => {
    api.addHook('preHandler', requireRole(learn.auth, 'editor'));
    for (const plugin of DESK_API) await api.register(plugin, options);
  });
};
