import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { configFromEnv, DEFAULT_CONFIG, DEFAULT_RATE_LIMITS } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import { type AppDeps, buildApp } from './app.js';
import { type RunningServer, startServer } from './server.js';

let app: FastifyInstance | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
  await app?.close();
  await server?.stop();
  app = null;
  server = null;
});

async function appWith(deps: Omit<AppDeps, 'services'>): Promise<FastifyInstance> {
  app = await buildApp({ services: memoryServices(), ...deps });
  return app;
}

const get = (a: FastifyInstance, url: string, remoteAddress = '203.0.113.7', headers = {}) =>
  a.inject({ method: 'GET', url, remoteAddress, headers });

describe('rate limits on search and lookup (#16)', () => {
  it('refuses the search over the limit with a 429 RATE_LIMITED and Retry-After, page and API counted together', async () => {
    const a = await appWith({ rateLimits: { searchPerMinute: 3, lookupPerMinute: 100 } });
    for (const url of ['/api/search?q=bridge', '/search?q=bridge', '/api/search?q=ferry']) {
      expect((await get(a, url)).statusCode, url).not.toBe(429);
    }
    const refused = await get(a, '/api/search?q=harbour');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many searches from your address/) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The page says so as a page, with the same status.
    const page = await get(a, '/search?q=harbour');
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toBeDefined();
    // Another address is not affected, and neither are other pages.
    expect((await get(a, '/api/search?q=harbour', '203.0.113.8')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await get(a, '/about')).statusCode).toBe(200);
  });

  it('limits lookups on their own count', async () => {
    const a = await appWith({ rateLimits: { searchPerMinute: 100, lookupPerMinute: 2 } });
    // No dictionary in these tests: a 503, which still counts.
    expect((await get(a, '/api/lookup?word=bridge')).statusCode).toBe(503);
    expect((await get(a, '/api/lookup?word=ferry')).statusCode).toBe(503);
    const refused = await get(a, '/api/lookup?word=harbour');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.json().error.message).toMatch(/word lookups/);
    expect((await get(a, '/api/search?q=bridge')).statusCode).toBe(200);
  });

  it('counts by the socket address unless told to trust a proxy', async () => {
    const untrusting = await appWith({ rateLimits: { searchPerMinute: 1, lookupPerMinute: 1 } });
    expect(
      (await get(untrusting, '/api/search?q=a', '10.0.0.1', { 'x-forwarded-for': '1.1.1.1' })).statusCode,
    ).toBe(200);
    // A forged X-Forwarded-For does not get a fresh quota.
    const forged = await get(untrusting, '/api/search?q=a', '10.0.0.1', { 'x-forwarded-for': '2.2.2.2' });
    expect(forged.statusCode).toBe(429);
    await untrusting.close();

    const behindProxy = await appWith({
      rateLimits: { searchPerMinute: 1, lookupPerMinute: 1 },
      trustProxy: true,
    });
    const via = (client: string) =>
      get(behindProxy, '/api/search?q=a', '10.0.0.1', { 'x-forwarded-for': client });
    expect((await via('1.1.1.1')).statusCode).toBe(200);
    expect((await via('2.2.2.2')).statusCode).toBe(200);
    expect((await via('1.1.1.1')).statusCode).toBe(429);
  });

  it('is off at 0 (the HTTP benchmark) and when the app is built without limits', async () => {
    for (const deps of [{ rateLimits: { searchPerMinute: 0, lookupPerMinute: 0 } }, {}]) {
      const a = await appWith(deps);
      for (let i = 0; i < 200; i++) {
        const res = await get(a, `/api/search?q=w${i}`);
        expect(res.statusCode).toBe(200);
      }
      await a.close();
      app = null;
    }
  });

  it('is on in `serve` with the configured limits', async () => {
    server = await startServer(
      {
        ...DEFAULT_CONFIG,
        port: 0,
        logLevel: 'silent',
        publicUrl: 'https://news.example',
        rateLimits: { searchPerMinute: 2, lookupPerMinute: 5 },
      },
      memoryServices(),
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/api/search?q=bridge`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('rate limit settings', () => {
  it('default to limits for a public site, read the environment, and refuse nonsense', () => {
    expect(configFromEnv({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    expect(DEFAULT_RATE_LIMITS.searchPerMinute).toBeGreaterThan(0);
    expect(DEFAULT_RATE_LIMITS.lookupPerMinute).toBeGreaterThan(0);
    expect(
      configFromEnv({ LINGWIRE_RATE_LIMIT_SEARCH: '30', LINGWIRE_RATE_LIMIT_LOOKUP: '0' }).rateLimits,
    ).toEqual({
      searchPerMinute: 30,
      lookupPerMinute: 0,
    });
    for (const bad of ['-1', 'lots', '1.5']) {
      let error: unknown = null;
      try {
        configFromEnv({ LINGWIRE_RATE_LIMIT_SEARCH: bad });
      } catch (e) {
        error = e;
      }
      expect(
        isAppError(error) &&
          error.code === 'BAD_INPUT' &&
          error.message.includes('LINGWIRE_RATE_LIMIT_SEARCH'),
      ).toBe(true);
    }
  });
});
