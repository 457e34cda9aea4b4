/**
 * Authorisation of every state-changing route (issue #16), table-driven from the routes the app
 * actually registers (`app.lingwireRoutes`), so a new route — the editors' desk under `/desk/` and
 * `/api/desk/` included — is covered without being listed here. For each route:
 * - anonymous: 401 (JSON), 303 to /login (a page form), or 403 (a pre-login form without its
 *   double-submit token); never 2xx, never 500;
 * - a session cookie without the CSRF token (or with a wrong one): 403, and nothing of the
 *   learner's changes; the JSON API refuses a form-encoded body (what a cross-site form sends);
 * - another learner's resource: 404, and nothing of theirs changes; a reader on an editor route: 403.
 * Routes that are public writes by design are listed in `PUBLIC_WRITES`, each with its reason.
 * Then every route, GET included, is probed with malformed bodies, parameters and queries: no
 * answer is a 500 or shows a stack trace or SQL.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Learner, learnerApp, learnerServices, registerLearner } from '../../test/learner.js';
import { plainStory } from '../../test/services.js';
import { openDictionary } from '../dictionary/index.js';
import type { Services } from '../services.js';
import type { RegisteredRoute } from './route-list.js';

/** Writes anyone may make, and why. Anything else that changes state must need an account. */
const PUBLIC_WRITES: Record<string, string> = {
  'POST /api/auth/register': 'creating an account is how a visitor becomes a learner (limited per address)',
  'POST /api/auth/login': 'logging in is how a visitor gets a session (limited per account and address)',
  'POST /login':
    'the login form: there is no session yet, so a double-submit token (lw_form cookie = _csrf field) guards it',
  'POST /register': 'the registration form, guarded by the same double-submit token',
};
/** Pre-login forms: without their double-submit token, a 403. */
const DOUBLE_SUBMIT_FORMS = new Set(['POST /login', 'POST /register']);
/** Parameters and body fields that name a learner's own resource (a 生词本 entry). */
const OWNED_FIELDS = new Set(['id', 'entry']);
/** Editors' routes: a reader gets a 403. */
const isEditorRoute = (url: string) => /^\/(api\/)?desk(\/|$)/.test(url);
const isPageForm = (url: string) => !url.startsWith('/api/');
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What an error answer must never show. */
const LEAKS =
  /\n\s+at |\bat \/|\bat file:|\.tsx?:\d|\.js:\d|node_modules|\bSELECT\s|\bINSERT\s+INTO|\bUPDATE\s+\w+\s+SET|\bDELETE\s+FROM|sqlite|SQLITE_|postgres|relation "|syntax error at|TypeError|RangeError|ReferenceError|Cannot read propert/i;

let services: Services;
let app: FastifyInstance;
let storyId: number;
let storySlug: string;
let routes: RegisteredRoute[];
const dictionary = openDictionary();

beforeAll(async () => {
  services = learnerServices({ dictionary });
  app = await learnerApp(services);
  await app.ready();
  await services.pipeline.saveStories([
    plainStory('Envoys discuss a cease-fire', [
      'Two envoys discussed the cessation of hostilities on Sunday. Their efforts paid off.',
    ]),
  ]);
  const story = (await services.reading.findStory('envoys-discuss-a-cease-fire'))!;
  storyId = story.id;
  storySlug = story.slug;
  routes = app.lingwireRoutes.filter((r) => !SAFE.has(r.method));
});
afterAll(async () => {
  await app.close();
});

const key = (route: RegisteredRoute) => `${route.method} ${route.url}`;

/** The values a request uses for each parameter or field name. */
type Values = Record<string, unknown>;

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  minLength?: number;
}

/** A body the route's schema accepts, with `values` for the fields it names. */
function sampleOf(schema: JsonSchema | undefined, values: Values, name = ''): unknown {
  if (name in values) return values[name];
  if (!schema) return undefined;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [field, sub] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(field) || field in values)
          out[field] = sampleOf(sub, values, field);
      }
      return out;
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

function urlOf(route: RegisteredRoute, values: Values): string {
  return route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name] ?? 'x')));
}

/** The route's request with a body it accepts: JSON for the API, a form for the pages. */
function requestFor(route: RegisteredRoute, values: Values, headers: Record<string, string> = {}) {
  if (isPageForm(route.url)) {
    const form = new URLSearchParams({ email: 'nobody@example.com', password: 'correct horse', next: '/' });
    if (typeof values._csrf === 'string') form.set('_csrf', values._csrf);
    return {
      method: route.method as 'POST',
      url: urlOf(route, values),
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    };
  }
  const body = sampleOf(route.schema?.body as JsonSchema | undefined, values);
  return {
    method: route.method as 'POST',
    url: urlOf(route, values),
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    payload: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** A learner with a word status and a 生词本 entry: something a forged request could change. */
async function learnerWithData(name: string): Promise<{ learner: Learner; entry: number }> {
  const learner = await registerLearner(app, `${name}@example.com`);
  const added = await app.inject({
    method: 'POST',
    url: '/api/me/wordbook',
    headers: learner.headers,
    payload: { word: 'hostilities', story: storyId },
  });
  expect(added.statusCode, added.body).toBe(201);
  await app.inject({
    method: 'PUT',
    url: '/api/me/words/cessation',
    headers: learner.headers,
    payload: { status: 'learning', stage: 2 },
  });
  return { learner, entry: (added.json() as { id: number }).id };
}

/** Everything of a learner's that a request could change, and whether their session still works. */
async function snapshot(learner: Learner): Promise<unknown> {
  const exported = await app.inject({ url: '/api/me/export', headers: learner.headers });
  const session = await app.inject({ url: '/api/auth/session', headers: { cookie: learner.cookie } });
  const { exportedAt: _, ...data } = exported.json() as Record<string, unknown>;
  return { status: exported.statusCode, data, user: (session.json() as { user: unknown }).user };
}

const valuesFor = (entry: number): Values => ({
  id: entry,
  entry,
  word: 'hostilities',
  story: storyId,
  ref: storySlug,
  slug: 'world',
  email: 'nobody@example.com',
  password: 'correct horse battery',
  current: 'correct horse',
});

let n = 0;

describe('every state-changing route (#16)', () => {
  it('is found by enumerating the app, and each one is either guarded or a listed public write', () => {
    const keys = routes.map(key);
    // The learner routes of today are among them; new ones join by being registered.
    for (const known of [
      'DELETE /api/me',
      'POST /api/me/wordbook',
      'DELETE /api/me/wordbook/:id',
      'POST /logout',
    ]) {
      expect(keys).toContain(known);
    }
    for (const listed of Object.keys(PUBLIC_WRITES))
      expect(keys, `${listed} is still a route`).toContain(listed);
  });

  it('refuses anonymous requests: 401, 303 to the login page, or 403 for a pre-login form; never 2xx or 500', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const k = key(route);
      if (k === 'POST /api/auth/register' || k === 'POST /api/auth/login') continue; // public by design
      for (const headers of [{}, { cookie: 'lw_session=forged' }] as Record<string, string>[]) {
        const res = await app.inject(requestFor(route, valuesFor(1), headers));
        const expected = DOUBLE_SUBMIT_FORMS.has(k)
          ? res.statusCode === 403
          : isPageForm(route.url)
            ? res.statusCode === 303 && String(res.headers.location).startsWith('/login?next=')
            : res.statusCode === 401 && res.json().error.code === 'UNAUTHENTICATED';
        if (!expected)
          failures.push(`${k} ${JSON.stringify(headers)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      const bearer = await app.inject(
        requestFor(route, valuesFor(1), { authorization: 'Bearer not-a-token' }),
      );
      if (bearer.statusCode < 300 || bearer.statusCode >= 500)
        failures.push(`${k} bad token → ${bearer.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a cookie request without the CSRF token (or with a wrong one) with a 403, and nothing changes', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const k = key(route);
      if (k in PUBLIC_WRITES && !DOUBLE_SUBMIT_FORMS.has(k)) continue;
      const { learner, entry } = await learnerWithData(`csrf${++n}`);
      const before = await snapshot(learner);
      const values = valuesFor(entry);
      for (const headers of [
        { cookie: learner.cookie },
        { cookie: learner.cookie, 'x-csrf-token': 'wrong' },
      ] as Record<string, string>[]) {
        const res = await app.inject(requestFor(route, values, headers));
        if (res.statusCode !== 403)
          failures.push(`${k} ${Object.keys(headers).join('+')} → ${res.statusCode}`);
      }
      // A pre-login form whose token does not match its cookie.
      if (DOUBLE_SUBMIT_FORMS.has(k)) {
        const res = await app.inject(
          requestFor(route, { ...values, _csrf: 'guess' }, { cookie: `${learner.cookie}; lw_form=other` }),
        );
        if (res.statusCode !== 403) failures.push(`${k} mismatched form token → ${res.statusCode}`);
      }
      expect(await snapshot(learner), k).toEqual(before);
    }
    expect(failures).toEqual([]);
  });

  it('takes JSON only on the API, so a cross-site form cannot post to it', async () => {
    const failures: string[] = [];
    const { learner, entry } = await learnerWithData(`form${++n}`);
    const before = await snapshot(learner);
    for (const route of routes.filter((r) => !isPageForm(r.url))) {
      const form = new URLSearchParams(
        Object.entries(valuesFor(entry)).map(([name, value]) => [name, String(value)]),
      );
      form.set('_csrf', learner.csrf);
      const res = await app.inject({
        method: route.method as 'POST',
        url: urlOf(route, valuesFor(entry)),
        headers: { cookie: learner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`${key(route)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(learner)).toEqual(before);
  });

  it("gives another learner's resources a 404 and changes nothing of theirs; a reader on an editor route gets a 403", async () => {
    const failures: string[] = [];
    const { learner: ann, entry } = await learnerWithData(`ann-owner${++n}`);
    const before = await snapshot(ann);
    for (const route of routes) {
      const k = key(route);
      if (k in PUBLIC_WRITES) continue;
      // Bob is fully authorised for his own account (cookie and CSRF token, and a form's field).
      const bob = await registerLearner(app, `bob-other${++n}@example.com`);
      const res = await app.inject(requestFor(route, { ...valuesFor(entry), _csrf: bob.csrf }, bob.headers));
      const names = [
        ...[...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        ...Object.keys((route.schema?.body as JsonSchema | undefined)?.properties ?? {}),
      ];
      if (isEditorRoute(route.url)) {
        if (res.statusCode !== 403) failures.push(`${k} as a reader → ${res.statusCode}`);
      } else if (names.some((name) => OWNED_FIELDS.has(name))) {
        if (res.statusCode !== 404) failures.push(`${k} on another's entry → ${res.statusCode} ${res.body}`);
      } else if (res.statusCode >= 500) failures.push(`${k} → ${res.statusCode}`);
      expect(await snapshot(ann), k).toEqual(before);
    }
    expect(failures).toEqual([]);
  });
});

/** Malformed values for a path parameter. */
const BAD_PARAMS = [
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20OR%20'1'%3D'1",
  '1%3B%20DROP%20TABLE%20users',
  '-1',
  '0',
  '1.5',
  '99999999999999999999999',
  '%F0%9F%98%80',
  '%E4%BD%A0%E5%A5%BD',
  'a'.repeat(99),
  '%C0%AE',
  'NaN',
];

/** Malformed JSON bodies: not JSON, the wrong shape, or each field of the wrong type or size. */
function badBodies(route: RegisteredRoute): string[] {
  const bodies = [
    '{',
    '[]',
    'null',
    '123',
    '"text"',
    '{"__proto__": {"role": "admin"}}',
    '{"a": {"b": {"c": [[[[]]]]}}}',
  ];
  const properties = Object.keys((route.schema?.body as JsonSchema | undefined)?.properties ?? {});
  for (const wrong of [{}, [], -1, 0, 1e308, 'x'.repeat(20_000), null, true, "' OR 1=1 --", '\u0000']) {
    bodies.push(JSON.stringify(Object.fromEntries(properties.map((p) => [p, wrong]))));
  }
  return bodies;
}

const BAD_QUERIES = [
  '?q=a&q=b&page=1&page=2&limit=x&word=a&word=b&section=a&section=b&format=x&format=y',
  '?page=-1&limit=100000&from=2026-13-45&to=yesterday&level=Z9&pos=NOUN&pos=VERB&status=x&min=2&max=-1',
  '?q=%27%20OR%201%3D1--&word=%00&next=%2F%2Fevil.example&ref=..%2F..',
  `?q=${'%22'.repeat(300)}&word=${'a'.repeat(200)}`,
];

function leakIn(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  const match = LEAKS.exec(res.body);
  return match ? `"${match[0]}" in ${res.body.slice(Math.max(0, match.index - 80), match.index + 80)}` : null;
}

describe('malformed requests to every route (#16)', () => {
  it('never answer 500 and never show a stack trace or SQL', async () => {
    const failures: string[] = [];
    let probes = 0;
    let learner = await registerLearner(app, `prober${++n}@example.com`);
    const all = app.lingwireRoutes.filter((r) => r.method !== 'HEAD' && !r.url.includes('*'));
    for (const route of all) {
      const check = async (request: InjectOptions) => {
        const res = await app.inject(request);
        probes++;
        const leak = leakIn(res);
        const { method, url } = request as { method: string; url: string };
        if (leak) failures.push(`${method} ${url.slice(0, 100)} → ${leak}`);
      };
      for (const headers of [{}, learner.headers]) {
        // Path parameters.
        if (route.url.includes(':')) {
          for (const bad of BAD_PARAMS) {
            await check({
              method: route.method as 'GET',
              url: route.url.replace(/:(\w+)/g, bad),
              headers,
            });
          }
        }
        // Query strings.
        for (const query of BAD_QUERIES) {
          await check({
            method: route.method as 'GET',
            url: `${urlOf(route, valuesFor(1))}${query}`,
            headers,
          });
        }
        // Bodies.
        if (!SAFE.has(route.method)) {
          const type = isPageForm(route.url) ? 'application/x-www-form-urlencoded' : 'application/json';
          const bodies = isPageForm(route.url)
            ? [
                'email=%ZZ&password',
                `_csrf=${learner.csrf}&email[]=a&email[]=b&password[x]=y`,
                '=&&==',
                'a'.repeat(20_000),
              ]
            : badBodies(route);
          for (const payload of bodies) {
            await check({
              method: route.method as 'POST',
              url: urlOf(route, valuesFor(1)),
              headers: { ...headers, 'content-type': type },
              payload,
            });
          }
          for (const type of [
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/json; charset=utf-7',
          ]) {
            await check({
              method: route.method as 'POST',
              url: urlOf(route, valuesFor(1)),
              headers: { ...headers, 'content-type': type },
              payload: '<a>b</a>',
            });
          }
        }
      }
      // A probe may have logged the prober out or deleted the account: carry on as a new one.
      const session = await app.inject({ url: '/api/auth/session', headers: { cookie: learner.cookie } });
      if (!(session.json() as { user: unknown }).user)
        learner = await registerLearner(app, `prober${++n}@example.com`);
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(all.length * 10);
  }, 180_000);
});

describe('a failing database (#16)', () => {
  it('answers with a plain message, never the driver error, its SQL or a stack', async () => {
    const broken = learnerServices({ dictionary: null });
    const brokenApp = await learnerApp(broken);
    const learner = await registerLearner(brokenApp, 'broken@example.com');
    // The database goes away under the running app: every store call now throws the driver's error.
    await broken.store.close();
    const failures: string[] = [];
    let serverErrors = 0;
    for (const route of brokenApp.lingwireRoutes.filter((r) => r.method === 'GET' && !r.url.includes('*'))) {
      for (const headers of [{}, learner.headers]) {
        const res = await brokenApp.inject({ url: urlOf(route, valuesFor(1)), headers });
        if (res.statusCode >= 500) serverErrors++;
        const match = LEAKS.exec(res.body);
        if (res.statusCode >= 400 && match) failures.push(`${route.url} → ${res.statusCode} "${match[0]}"`);
      }
    }
    expect(failures).toEqual([]);
    expect(serverErrors, 'the closed database failed requests').toBeGreaterThan(5);
    await brokenApp.close().catch(() => {});
  });
});
