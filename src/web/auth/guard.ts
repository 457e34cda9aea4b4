/**
 * Who is asking, and whether they may: the auth guard every learner (and later editor) route uses.
 *
 * A request is authenticated by `Authorization: Bearer <personal API token>` or by the session
 * cookie. Nothing is looked up until a route asks (cached pages never pay for it), and then once
 * per request. A cookie-authenticated state change (any method but GET, HEAD, OPTIONS) must carry
 * the session's CSRF token as `X-CSRF-Token` or as the `_csrf` form field; Bearer requests are
 * exempt (a browser never adds that header by itself).
 *
 * Use (issue #15's editors' desk will do the same):
 *
 * ```ts
 * app.get('/api/me', { preHandler: requireUser(auth) }, async (request) => currentUser(request));
 * app.post('/api/desk/x', { preHandler: requireRole(auth, 'editor') }, handler);   // editor or admin
 * app.get('/review', { preHandler: requireUser(auth, { page: true }) }, page);      // redirects to /login
 * ```
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { AccountService } from '../../learner/accounts.js';
import { ROLES, type Role, type Session, type User } from '../../learner/model.js';
import { sameSecret } from '../../learner/secrets.js';
import { loginPath } from '../paths.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'lw_session';

/** What the guards need: the accounts, and how cookies are set. */
export interface AuthContext {
  accounts: AccountService;
  /** Whether cookies get `Secure` (the site's public URL is https). */
  secureCookies: boolean;
}

/** An authenticated request's account and how it was authenticated. */
export interface Authenticated {
  user: User;
  /** `session`: the cookie (CSRF applies); `token`: a Bearer API token. */
  via: 'session' | 'token';
  /** The session (cookie requests only). */
  session: Session | null;
}

const resolved = new WeakMap<FastifyRequest, Promise<Authenticated | null>>();
/** Requests a guard has let through. */
const admitted = new WeakMap<FastifyRequest, Authenticated>();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's account, looked up once per request; null when anonymous or the credentials are stale. */
export function authenticate(auth: AuthContext, request: FastifyRequest): Promise<Authenticated | null> {
  let found = resolved.get(request);
  if (!found) {
    found = lookUp(auth, request);
    resolved.set(request, found);
  }
  return found;
}

async function lookUp(auth: AuthContext, request: FastifyRequest): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = match ? await auth.accounts.userForToken(match[1]!) : null;
    // A wrong token is not quietly ignored in favour of a cookie.
    if (!user) throw new AppError('UNAUTHENTICATED', 'That API token is not valid (revoked, or mistyped).');
    return { user, via: 'token', session: null };
  }
  const secret = request.cookies?.[SESSION_COOKIE];
  if (!secret) return null;
  const found = await auth.accounts.sessionFor(secret);
  return found ? { ...found, via: 'session' } : null;
}

/** The CSRF token a request carries: the header, else the `_csrf` form field. */
function csrfTokenOf(request: FastifyRequest): string | null {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | null | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : null;
}

/** `CSRF_TOKEN_INVALID` unless a cookie-authenticated state change carries its session's token. */
export function checkCsrf(request: FastifyRequest, found: Authenticated): void {
  if (found.via !== 'session' || SAFE_METHODS.has(request.method)) return;
  const token = csrfTokenOf(request);
  if (!token || !found.session || !sameSecret(token, found.session.csrfToken)) {
    throw new AppError(
      'CSRF_TOKEN_INVALID',
      'This change needs the CSRF token of your session (X-CSRF-Token header or _csrf field; GET /api/auth/session gives it). Reload the page and try again.',
    );
  }
}

/** Options of `requireUser` and `requireRole`. */
export interface GuardOptions {
  /** An HTML page: send an anonymous visitor to the login page (and back after) instead of a 401. Default false. */
  page?: boolean;
}

async function guard(
  auth: AuthContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: GuardOptions,
): Promise<Authenticated | null> {
  const found = await authenticate(auth, request);
  if (!found) {
    if (options.page) {
      await reply.redirect(`${loginPath()}?next=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    throw new AppError('UNAUTHENTICATED', 'Log in first (POST /api/auth/login), or send an API token.');
  }
  checkCsrf(request, found);
  admitted.set(request, found);
  return found;
}

/** A preHandler: the request must be authenticated (and carry the CSRF token for a cookie state change). */
export function requireUser(auth: AuthContext, options: GuardOptions = {}): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    await guard(auth, request, reply, options);
  };
}

/** A preHandler: as `requireUser`, and the account's role must be `role` or above (`FORBIDDEN` otherwise). */
export function requireRole(
  auth: AuthContext,
  role: Role,
  options: GuardOptions = {},
): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const found = await guard(auth, request, reply, options);
    if (found && ROLES.indexOf(found.user.role) < ROLES.indexOf(role)) {
      throw new AppError('FORBIDDEN', `This needs the ${role} role; your account is a ${found.user.role}.`);
    }
  };
}

/** How a request a guard has let through was authenticated. */
export function currentAuth(request: FastifyRequest): Authenticated {
  const found = admitted.get(request);
  if (!found) throw new AppError('UNAUTHENTICATED', 'Log in first.');
  return found;
}

/** The account of a request a guard has let through. */
export function currentUser(request: FastifyRequest): User {
  return currentAuth(request).user;
}
