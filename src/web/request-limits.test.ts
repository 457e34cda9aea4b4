import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import { buildApp } from './app.js';
import { BODY_LIMIT, MAX_HEADER_BYTES, MAX_URL_LENGTH } from './request-limits.js';
import { type RunningServer, startServer } from './server.js';

let app: FastifyInstance;
let server: RunningServer;
beforeAll(async () => {
  app = await buildApp({ services: memoryServices() });
  server = await startServer(
    { ...DEFAULT_CONFIG, port: 0, logLevel: 'silent', publicUrl: 'https://news.example' },
    memoryServices(),
  );
});
afterAll(async () => {
  await app.close();
  await server.stop();
});

const credentials = (padding: number) =>
  JSON.stringify({ email: 'ann@example.com', password: 'correct horse', pad: 'x'.repeat(padding) });

describe('request size limits (#16)', () => {
  it('refuses a JSON body over the limit with a 413 BODY_TOO_LARGE, and takes one under it', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: credentials(BODY_LIMIT),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({
      error: { code: 'BODY_TOO_LARGE', message: 'The request body is over 64 KB.' },
    });
    const small = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: credentials(BODY_LIMIT - 1000),
    });
    expect(small.statusCode).not.toBe(413);
  });

  it('refuses a body streamed without a length once it passes the limit', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${server.url}/api/auth/register`);
      const req = httpRequest(
        {
          method: 'POST',
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"email": "a@example.com", "password": "');
      // Chunked, no Content-Length: counted as it arrives.
      for (let i = 0; i < 100; i++) req.write('y'.repeat(1024));
      req.end('"}');
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).error.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a form over its limit on the login page', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=a%40example.com&password=${'x'.repeat(20_000)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).not.toContain('FST_');
  });

  it('names malformed JSON and an unsupported media type with stable codes', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_JSON');
    const poisoned = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"admin": true}, "email": "a@example.com", "password": "x"}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.code).toBe('BAD_JSON');
    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<email>a</email>',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a URL over the limit with a 414 URI_TOO_LONG, and takes a long one under it', async () => {
    const long = await app.inject({ method: 'GET', url: `/api/search?q=${'a'.repeat(MAX_URL_LENGTH)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('URI_TOO_LONG');
    const page = await app.inject({ method: 'GET', url: `/search?q=${'a'.repeat(MAX_URL_LENGTH)}` });
    expect(page.statusCode).toBe(414);
    const fits = await app.inject({ method: 'GET', url: `/api/search?q=${'a '.repeat(150)}` });
    expect(fits.statusCode).toBe(200);
  });

  it('answers headers over the limit with a 431 in the JSON error shape', async () => {
    const res = await fetch(`${server.url}/`, { headers: { 'x-padding': 'p'.repeat(MAX_HEADER_BYTES) } });
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual({
      error: { code: 'HEADERS_TOO_LARGE', message: "The request's headers are over 16 KB." },
    });
  });
});
