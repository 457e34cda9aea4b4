/**
 * Logging in and out and registering, shared by the JSON API (`routes/auth.ts`) and the HTML
 * forms (`routes/account-pages.tsx`): rate limits, the session cookie, one message per failure
 * and, at login, no hint whether an account exists.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { StartedSession } from '../../learner/accounts.js';
import { AttemptLimiter } from '../../learner/attempt-limiter.js';
import type { User } from '../../learner/model.js';
import { type AuthContext, authenticate, SESSION_COOKIE } from './guard.js';

const MINUTE = 60_000;

/** Rate limits of logins and registrations (in this process's memory). */
export interface LoginLimits {
  /** Failed logins per account: 5 in 15 minutes. */
  account: AttemptLimiter;
  /** Failed logins per client address: 20 in 15 minutes. */
  address: AttemptLimiter;
  /** Registrations per client address: 10 an hour. */
  registrations: AttemptLimiter;
}

export function loginLimits(now: () => number = Date.now): LoginLimits {
  return {
    account: new AttemptLimiter(5, 15 * MINUTE, now),
    address: new AttemptLimiter(20, 15 * MINUTE, now),
    registrations: new AttemptLimiter(10, 60 * MINUTE, now),
  };
}

function tooMany(reply: FastifyReply, seconds: number, what: string): AppError {
  reply.header('retry-after', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    `${what} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure behind https, for the session's life. */
export function setSessionCookie(auth: AuthContext, reply: FastifyReply, started: StartedSession): void {
  reply.setCookie(SESSION_COOKIE, started.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: auth.secureCookies,
    expires: new Date(started.session.expiresAt),
  });
}

/** Checks a login (rate-limited per account and per address) and starts a session; `LOGIN_FAILED` or `TOO_MANY_ATTEMPTS`. */
export async function logIn(
  auth: AuthContext,
  limits: LoginLimits,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  password: string,
): Promise<{ user: User; csrfToken: string }> {
  const account = email.trim().toLowerCase();
  const wait = Math.max(limits.account.retryAfter(account), limits.address.retryAfter(request.ip));
  if (wait > 0) throw tooMany(reply, wait, 'Too many failed logins for this account or from your address.');
  const user = await auth.accounts.verifyLogin(email, password);
  if (!user) {
    limits.account.record(account);
    limits.address.record(request.ip);
    throw new AppError('LOGIN_FAILED', 'Wrong email or password.');
  }
  limits.account.clear(account);
  const started = await auth.accounts.startSession(user.id);
  setSessionCookie(auth, reply, started);
  return { user, csrfToken: started.session.csrfToken };
}

/** Creates a reader account (rate-limited per address) and logs it in. */
export async function register(
  auth: AuthContext,
  limits: LoginLimits,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  password: string,
): Promise<{ user: User; csrfToken: string }> {
  const wait = limits.registrations.retryAfter(request.ip);
  if (wait > 0) throw tooMany(reply, wait, 'Too many accounts were created from your address.');
  limits.registrations.record(request.ip);
  const user = await auth.accounts.register(email, password);
  const started = await auth.accounts.startSession(user.id);
  setSessionCookie(auth, reply, started);
  return { user, csrfToken: started.session.csrfToken };
}

/** Ends the request's session (if it has one) and clears the cookie. */
export async function logOut(auth: AuthContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const secret = request.cookies?.[SESSION_COOKIE];
  if (secret) await auth.accounts.endSession(secret);
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: auth.secureCookies,
  });
}

/** What `GET /api/auth/session` answers: the account and the CSRF token, or nulls. */
export async function sessionInfo(
  auth: AuthContext,
  request: FastifyRequest,
): Promise<{ user: User | null; csrfToken: string | null }> {
  const found = await authenticate(auth, request).catch(() => null);
  return { user: found?.user ?? null, csrfToken: found?.session?.csrfToken ?? null };
}
