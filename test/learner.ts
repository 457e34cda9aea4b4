/**
 * Helpers for the learner tests: an app over in-memory SQLite whose password hashing is cheap
 * (scrypt N = 2^10; the production cost is in `learner/secrets.ts`), and a learner registered
 * through the API with their session cookie and CSRF token.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { StoryInput } from '../src/articles/model.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import type { Dictionary } from '../src/dictionary/index.js';
import { type Services, servicesOver } from '../src/services.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { type AppDeps, buildApp } from '../src/web/app.js';
import { plainStory } from './services.js';

export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

export function learnerServices(
  options: { dictionary?: Dictionary | null; dbPath?: string; clock?: () => Date } = {},
): Services {
  const dbPath = options.dbPath ?? ':memory:';
  return servicesOver(
    openSqliteStore(dbPath),
    { ...DEFAULT_CONFIG, dbPath },
    {
      dictionary: options.dictionary ?? null,
      warn: () => {},
      clock: options.clock,
      learner: { scryptCost: CHEAP_SCRYPT },
    },
  );
}

export async function learnerApp(
  services: Services,
  deps: Omit<AppDeps, 'services'> = {},
): Promise<FastifyInstance> {
  return buildApp({ services, ...deps });
}

/** A logged-in learner: the `Cookie` header to send and the session's CSRF token. */
export interface Learner {
  email: string;
  cookie: string;
  csrf: string;
  /** Headers of a cookie-authenticated state change. */
  headers: Record<string, string>;
}

/** The `name=value` of a Set-Cookie header named `name`. */
export function cookieOf(res: LightMyRequestResponse, name: string): string {
  const found = res.cookies.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return `${name}=${found.value}`;
}

let registrations = 0;

export async function registerLearner(
  app: FastifyInstance,
  email = 'ann@example.com',
  password = 'correct horse',
): Promise<Learner> {
  // Each from its own address: registrations are limited to 10 an hour per address.
  registrations++;
  const remoteAddress = `10.200.${Math.floor(registrations / 250)}.${registrations % 250}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password },
    remoteAddress,
  });
  expect(res.statusCode, res.body).toBe(201);
  const cookie = cookieOf(res, 'lw_session');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { email, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

let logins = 0;

/**
 * An account with `role` (made as `lingwire user add --role` makes it), logged in through the API:
 * the editors' desk tests' editor, admin and reader.
 */
export async function signInWithRole(
  app: FastifyInstance,
  services: Services,
  role: 'reader' | 'editor' | 'admin',
  email = `${role}@example.com`,
  password = 'correct horse',
): Promise<Learner> {
  await services.learner.accounts.register(email, password, role);
  logins++;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: `10.201.${Math.floor(logins / 250)}.${logins % 250}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = cookieOf(res, 'lw_session');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { email, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** A one-paragraph story in 国际英语新闻 for the learner tests. */
export function learnerStory(title: string, date: string, text: string): StoryInput {
  return { ...plainStory(title, [text]), publishedAt: date };
}
