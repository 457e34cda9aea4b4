/**
 * The account pages and their forms: `/login`, `/register`, `/logout` (GET shows, POST acts). The
 * forms post `application/x-www-form-urlencoded` (parsed in this plugin only; the JSON API takes
 * JSON alone). Before login there is no session, so the login and register forms are protected by
 * a double-submit token: a random `lw_form` cookie (SameSite=Strict) that the hidden `_csrf` field
 * must repeat. The logout form carries the session's own CSRF token. None of these is cached.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../core/errors.js';
import { newSecret, sameSecret } from '../../learner/secrets.js';
import { currentAuth, requireUser } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import { logIn, logOut, register } from '../auth/login.js';
import type { WebContext } from '../context.js';
import { loginPath, logoutPath, registerPath } from '../paths.js';
import { renderHtml } from '../render.js';
import { LoginPageView, LogoutPageView, RegisterPageView } from '../views/account-pages.js';

const FORM_COOKIE = 'lw_form';

/** A path on this site to go to after logging in; `/` for anything else (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length < 500 ? next : '/';
}

type FormBody = Record<string, string | undefined>;

export const accountPageRoutes: FastifyPluginAsync<{ ctx: WebContext; learn: LearnerWebContext }> = async (
  app,
  { ctx, learn },
) => {
  const { auth, limits } = learn;
  await app.register(formbody, { bodyLimit: 16_384 });

  /** Renders a form page with a fresh double-submit token (set as the cookie). */
  const sendForm = async (
    reply: FastifyReply,
    status: number,
    View: typeof LoginPageView,
    fields: { error: string | null; email: string; next: string },
  ) => {
    const csrf = newSecret();
    reply.setCookie(FORM_COOKIE, csrf, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: auth.secureCookies,
    });
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderHtml(<View chrome={await ctx.chrome()} csrf={csrf} {...fields} />));
  };

  const formTokenOk = (request: FastifyRequest<{ Body: FormBody }>) => {
    const cookie = request.cookies[FORM_COOKIE];
    const field = request.body?._csrf;
    return typeof cookie === 'string' && typeof field === 'string' && sameSecret(cookie, field);
  };

  const formRoute = (path: string, View: typeof LoginPageView, act: typeof logIn) => {
    app.get<{ Querystring: { next?: string } }>(path, async (request, reply) =>
      sendForm(reply, 200, View, { error: null, email: '', next: safeNext(request.query.next) }),
    );
    app.post<{ Body: FormBody }>(path, async (request, reply) => {
      const body = request.body ?? {};
      const email = String(body.email ?? '').slice(0, 254);
      const next = safeNext(body.next);
      if (!formTokenOk(request)) {
        return sendForm(reply, 403, View, {
          error: '表单已过期，请再提交一次。 The form expired; please submit it again.',
          email,
          next,
        });
      }
      try {
        await act(auth, limits, request, reply, email, String(body.password ?? ''));
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) throw error;
        return sendForm(reply, error.status, View, { error: error.message, email, next });
      }
      reply.clearCookie(FORM_COOKIE, { path: '/' });
      return reply.redirect(next, 303);
    });
  };
  formRoute(loginPath(), LoginPageView, logIn);
  formRoute(registerPath(), RegisterPageView, register);

  app.get(logoutPath(), { preHandler: requireUser(auth, { page: true }) }, async (request, reply) => {
    const { user, session } = currentAuth(request);
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderHtml(
          <LogoutPageView chrome={await ctx.chrome()} csrf={session?.csrfToken ?? ''} email={user.email} />,
        ),
      );
  });

  app.post(logoutPath(), { preHandler: requireUser(auth, { page: true }) }, async (request, reply) => {
    await logOut(auth, request, reply);
    return reply.redirect('/', 303);
  });
};
