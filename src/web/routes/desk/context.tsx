/**
 * What every desk plugin shares (`routes/desk.tsx` registers them): its options, who is looking,
 * and how a desk page is sent. Apart from `desk.tsx` so the plugins need not import it (a cycle).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { currentAuth } from '../../auth/guard.js';
import type { LearnerWebContext } from '../../auth/learner-context.js';
import type { WebContext, WebServices } from '../../context.js';
import { renderHtml } from '../../render.js';
import type { DeskViewer } from '../../views/desk/layout.js';

/** What every desk plugin gets. */
export interface DeskRouteOptions {
  ctx: WebContext;
  learn: LearnerWebContext;
  /** The composition root's services (the desk writes through them). */
  services: WebServices;
}

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
