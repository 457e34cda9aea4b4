/** Accounts over HTTP: registering, logging in and out, sessions, CSRF, API tokens, rate limits, the forms. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cookieOf, learnerApp, learnerServices, registerLearner } from '../../../test/learner.js';
import type { Services } from '../../services.js';

let services: Services;
let app: FastifyInstance;

beforeEach(async () => {
  services = learnerServices();
  app = await learnerApp(services);
});
afterEach(async () => {
  await app.close();
});

describe('the JSON API', () => {
  it('registers a learner, logs them in with an httpOnly SameSite=Lax cookie, and says who is logged in', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: ' Ann@Example.com ', password: 'correct horse' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { email: 'ann@example.com', role: 'reader' } });
    const cookie = res.cookies.find((c) => c.name === 'lw_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const session = await app.inject({
      url: '/api/auth/session',
      headers: { cookie: cookieOf(res, 'lw_session') },
    });
    expect(session.headers['cache-control']).toBe('no-store');
    expect(session.json()).toEqual({
      user: expect.objectContaining({ email: 'ann@example.com' }),
      csrfToken: res.json().csrfToken,
    });
    expect((await app.inject('/api/auth/session')).json()).toEqual({ user: null, csrfToken: null });
    const me = await app.inject({ url: '/api/me', headers: { cookie: cookieOf(res, 'lw_session') } });
    expect(me.json()).toMatchObject({ email: 'ann@example.com', role: 'reader' });
    expect(JSON.stringify(me.json())).not.toMatch(/password|scrypt/i);
  });

  it('sets Secure cookies when the public URL is https', async () => {
    const secure = await learnerApp(services, { publicUrl: 'https://news.example.com' });
    const res = await secure.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'ann@example.com', password: 'correct horse' },
    });
    expect(res.cookies.find((c) => c.name === 'lw_session')?.secure).toBe(true);
    await secure.close();
  });

  it('refuses bad registrations with a clear message each', async () => {
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/auth/register', payload });
    const short = await post({ email: 'ann@example.com', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toEqual({ code: 'BAD_INPUT', message: 'A password has 8 to 200 characters.' });
    expect((await post({ email: 'not-an-email', password: 'correct horse' })).json().error.code).toBe(
      'BAD_INPUT',
    );
    expect((await post({ email: 'ann@example.com' })).json().error).toEqual({
      code: 'BAD_INPUT',
      message: 'Field "password" is required.',
    });
    await registerLearner(app);
    const again = await post({ email: 'ANN@example.com', password: 'another one' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('USER_EXISTS');
  });

  it('logs in with the right password only, with one message whether or not the account exists', async () => {
    await registerLearner(app);
    const login = (email: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const wrong = await login('ann@example.com', 'wrong password');
    const nobody = await login('nobody@example.com', 'wrong password');
    expect(wrong.statusCode).toBe(401);
    expect(nobody.statusCode).toBe(401);
    expect(wrong.json()).toEqual(nobody.json());
    expect(wrong.json().error).toEqual({ code: 'LOGIN_FAILED', message: 'Wrong email or password.' });
    expect(wrong.cookies).toEqual([]);
    const ok = await login('ANN@example.com', 'correct horse');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { email: 'ann@example.com' }, csrfToken: expect.any(String) });
  });

  it('refuses a cookie-authenticated change without the CSRF token, and takes it as a header', async () => {
    const ann = await registerLearner(app);
    const put = (headers: Record<string, string>) =>
      app.inject({ method: 'PUT', url: '/api/me/words/cessation', headers, payload: { status: 'known' } });
    const forged = await put({ cookie: ann.cookie });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await put({ cookie: ann.cookie, 'x-csrf-token': 'guess' })).statusCode).toBe(403);
    expect((await put(ann.headers)).statusCode).toBe(200);
    const logout = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: ann.cookie },
    });
    expect(logout.statusCode).toBe(403);
  });

  it('logs out: the session no longer opens anything', async () => {
    const ann = await registerLearner(app);
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: ann.headers });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'lw_session')?.value).toBe('');
    const me = await app.inject({ url: '/api/me', headers: { cookie: ann.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('authenticates a Bearer API token without CSRF, and refuses a revoked or wrong one', async () => {
    await registerLearner(app);
    const user = await services.learner.accounts.userByEmail('ann@example.com');
    const token = await services.learner.accounts.createToken(user.id);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/me', headers: bearer })).json()).toMatchObject({
      email: user.email,
    });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/me/words/discussed',
      headers: bearer,
      payload: { status: 'learning', stage: 2 },
    });
    expect(put.statusCode).toBe(200);
    const wrong = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.statusCode).toBe(401);
    await services.learner.accounts.revoke(user.id);
    expect((await app.inject({ url: '/api/me', headers: bearer })).statusCode).toBe(401);
  });

  it('deletes the account and everything in it', async () => {
    const ann = await registerLearner(app);
    await app.inject({
      method: 'PUT',
      url: '/api/me/words/cessation',
      headers: ann.headers,
      payload: { status: 'known' },
    });
    const res = await app.inject({ method: 'DELETE', url: '/api/me', headers: ann.headers });
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/me', headers: { cookie: ann.cookie } })).statusCode).toBe(401);
    expect(await services.learner.accounts.listUsers()).toEqual([]);
    expect(await services.store.learning.countWordStatuses(1)).toBe(0);
  });

  it('changes a password with the current one, keeping this session and ending the others', async () => {
    const ann = await registerLearner(app);
    const other = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ann.email, password: 'correct horse' },
    });
    const change = (current: string) =>
      app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: ann.headers,
        payload: { current, password: 'battery staple' },
      });
    expect((await change('wrong')).json().error.code).toBe('LOGIN_FAILED');
    expect((await change('correct horse')).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/me', headers: { cookie: ann.cookie } })).statusCode).toBe(200);
    const otherCookie = cookieOf(other, 'lw_session');
    expect((await app.inject({ url: '/api/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ann.email, password: 'battery staple' },
    });
    expect(login.statusCode).toBe(200);
  });
});

describe('login rate limits', () => {
  const attempt = (target: FastifyInstance, email: string, forwardedFor?: string) =>
    target.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'wrong password' },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      remoteAddress: '10.0.0.1',
    });

  it('stops an account after 5 failures in 15 minutes, even with the right password, with Retry-After', async () => {
    await registerLearner(app);
    for (let i = 0; i < 5; i++) expect((await attempt(app, 'ann@example.com')).statusCode).toBe(401);
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ann@example.com', password: 'correct horse' },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // Another account is not blocked by this one's failures.
    await registerLearner(app, 'bob@example.com');
    const bob = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'bob@example.com', password: 'correct horse' },
    });
    expect(bob.statusCode).toBe(200);
  });

  it('stops an address after 20 failures across accounts; X-Forwarded-For is ignored unless trusted', async () => {
    for (let i = 0; i < 20; i++) await attempt(app, `user${i}@example.com`, `192.0.2.${i}`);
    expect((await attempt(app, 'someone@example.com', '192.0.2.99')).statusCode).toBe(429);

    const proxied = await learnerApp(services, { trustProxy: true });
    for (let i = 0; i < 20; i++) await attempt(proxied, `user${i}@example.com`, '192.0.2.7');
    expect((await attempt(proxied, 'someone@example.com', '192.0.2.7')).statusCode).toBe(429);
    expect((await attempt(proxied, 'someone@example.com', '192.0.2.8')).statusCode).toBe(401);
    await proxied.close();
  });
});

describe('the forms', () => {
  it('log in through a form with its double-submit token, and refuse a forged one', async () => {
    await registerLearner(app);
    const page = await app.inject('/login?next=/review');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toContain('<script>');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeTruthy();
    const form = (cookie: string, csrf: string, next = '/review') =>
      app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          email: 'ann@example.com',
          password: 'correct horse',
          next,
        }).toString(),
      });
    const forged = await form('', token!);
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies.find((c) => c.name === 'lw_session')).toBeUndefined();
    const ok = await form(cookieOf(page, 'lw_form'), token!);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/review');
    expect(cookieOf(ok, 'lw_session')).toMatch(/^lw_session=.+/);
    const offsite = await form(cookieOf(page, 'lw_form'), token!, '//evil.example/');
    expect(offsite.headers.location).toBe('/');
  });

  it('show a wrong login on the form, keeping the email', async () => {
    const page = await app.inject('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: cookieOf(page, 'lw_form'), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&email=ann%40example.com&password=nope`,
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Wrong email or password.');
    expect(res.body).toContain('value="ann@example.com"');
  });

  it('register through a form, then log out through the logout form with the session token', async () => {
    const page = await app.inject('/register');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await app.inject({
      method: 'POST',
      url: '/register',
      headers: { cookie: cookieOf(page, 'lw_form'), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&email=cat%40example.com&password=correct+horse`,
    });
    expect(res.statusCode).toBe(303);
    const cookie = cookieOf(res, 'lw_session');
    const logoutPage = await app.inject({ url: '/logout', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(logoutPage.body)?.[1] ?? '';
    const forged = await app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=forged',
    });
    expect(forged.statusCode).toBe(403);
    const out = await app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${csrf}`,
    });
    expect(out.statusCode).toBe(303);
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject('/logout')).headers.location).toBe('/login?next=%2Flogout');
  });

  it('keep every cached page the same for a learner: the header links come from account.js', async () => {
    const ann = await registerLearner(app);
    for (const path of ['/about', '/review', '/me', '/for-me']) {
      const before = await app.inject(path);
      const learner = await app.inject({ url: path, headers: { cookie: ann.cookie } });
      expect(learner.statusCode, path).toBe(200);
      expect(learner.body, path).toBe(before.body);
      expect(learner.body, path).not.toContain(ann.email);
    }
    const anonymous = await app.inject('/about');
    expect(anonymous.body).toMatch(/<script src="\/assets\/account\.js\?v=[0-9a-f]+" defer><\/script>/);
  });
});

describe('logs', () => {
  it('never hold a password, a session secret or an API token, even at trace level', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const logged = await learnerApp(services, { logger: { level: 'trace', stream } });
    const ann = await registerLearner(logged, 'log@example.com', 'secret password 1');
    await logged.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'log@example.com', password: 'wrong password 2' },
    });
    const user = await services.learner.accounts.userByEmail('log@example.com');
    const token = await services.learner.accounts.createToken(user.id);
    await logged.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    await logged.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}broken` } });
    await logged.inject({
      method: 'PUT',
      url: '/api/me/words/x',
      headers: { cookie: ann.cookie },
      payload: {},
    });
    // A failure inside a login is logged (a 500) — without the credentials it was given.
    const accounts = services.learner.accounts;
    const verify = accounts.verifyLogin.bind(accounts);
    accounts.verifyLogin = async () => {
      throw new Error('store went away');
    };
    const failed = await logged.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'log@example.com', password: 'secret password 1' },
      headers: { cookie: ann.cookie },
    });
    accounts.verifyLogin = verify;
    expect(failed.statusCode).toBe(500);
    await logged.close();
    const all = lines.join('');
    expect(all).toContain('store went away');
    for (const secret of [
      'secret password 1',
      'wrong password 2',
      token,
      ann.cookie.split('=')[1]!,
      ann.csrf,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
