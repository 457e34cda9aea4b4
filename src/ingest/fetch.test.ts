import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../core/errors.js';
import { type FetchOptions, fetchUrl, USER_AGENT } from './fetch.js';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title></channel></rss>';

let server: Server;
let base: string;
let port: number;
const seen: IncomingMessage[] = [];

function route(req: IncomingMessage, res: ServerResponse): void {
  seen.push(req);
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/feed':
      if (
        req.headers['if-none-match'] === '"v1"' ||
        req.headers['if-modified-since'] === 'Mon, 01 Jan 2024 00:00:00 GMT'
      ) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=UTF-8',
        etag: '"v1"',
        'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
      });
      res.end(FEED);
      return;
    case '/redirect':
      res.writeHead(302, { location: '/feed' }).end();
      return;
    case '/loop':
      res.writeHead(301, { location: '/loop' }).end();
      return;
    case '/to-ftp':
      res.writeHead(302, { location: 'ftp://127.0.0.1/feed' }).end();
      return;
    case '/to-other-host':
      res.writeHead(302, { location: `http://elsewhere.test:${port}/feed` }).end();
      return;
    case '/to-metadata':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    case '/png':
      res.writeHead(200, { 'content-type': 'image/png' }).end('PNG');
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '5000' }).end('x'.repeat(5000));
      return;
    case '/big-chunked':
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('x'.repeat(3000));
      res.end('x'.repeat(3000));
      return;
    case '/bomb':
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(1_000_000, 0x20)));
      return;
    case '/gzip':
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' }).end(gzipSync(FEED));
      return;
    case '/slow':
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('<rss>');
      setTimeout(() => res.end('</rss>'), 2000).unref();
      return;
    case '/missing':
      res.writeHead(404).end();
      return;
    default:
      res.writeHead(500).end();
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Options for the local server: private addresses allowed, and only 127.0.0.1 on the allow-list. */
const local: FetchOptions = { allowPrivate: true, allowHosts: ['127.0.0.1'] };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the fetch to fail');
}

describe('fetchUrl', () => {
  it('fetches a feed with its type, charset, validators and our User-Agent', async () => {
    const result = await fetchUrl(`${base}/feed`, local);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.body.toString()).toBe(FEED);
    expect(result.contentType).toBe('application/rss+xml');
    expect(result.charset).toBe('utf-8');
    expect(result.etag).toBe('"v1"');
    expect(seen.at(-1)?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('turns a matching ETag or Last-Modified into "not modified"', async () => {
    expect((await fetchUrl(`${base}/feed`, { ...local, etag: '"v1"' })).status).toBe('not-modified');
    const since = await fetchUrl(`${base}/feed`, { ...local, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(since.status).toBe('not-modified');
  });

  it('follows redirects and reports every hop', async () => {
    const result = await fetchUrl(`${base}/redirect`, local);
    expect(result.status === 'ok' && result.hops).toEqual([`${base}/redirect`, `${base}/feed`]);
    expect(result.url).toBe(`${base}/feed`);
  });

  it('decompresses gzip', async () => {
    const result = await fetchUrl(`${base}/gzip`, local);
    expect(result.status === 'ok' && result.body.toString()).toBe(FEED);
  });

  it.each([
    ['http://127.0.0.1:1/feed', 'loopback'],
    ['http://[::1]:1/feed', 'loopback'],
    ['http://[::ffff:127.0.0.1]:1/feed', 'loopback'],
    ['http://2130706433:1/feed', 'loopback'], // 127.0.0.1 written as a number
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.0.0.1/', 'private'],
  ])('refuses %s without allowPrivate', async (url) => {
    const error = await failure(fetchUrl(url));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toMatch(/loopback, private or link-local/);
  });

  it('refuses a host name that resolves to a private address, checking every address', async () => {
    const resolve = vi.fn(async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]);
    const error = await failure(fetchUrl('http://rebind.test/feed', { resolve }));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toContain('10.0.0.7');
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    // feeds.test resolves only through this resolver; the request still carries its Host.
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const result = await fetchUrl(`http://feeds.test:${port}/feed`, { allowPrivate: true, resolve });
    expect(result.status).toBe('ok');
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(seen.at(-1)?.headers.host).toBe(`feeds.test:${port}`);
  });

  it('refuses a host off the allow-list before any DNS lookup', async () => {
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const error = await failure(fetchUrl('http://other.test/feed', { ...local, resolve }));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toContain('other.test is not in LINGWIRE_FETCH_HOSTS');
    expect(resolve).not.toHaveBeenCalled();
  });

  it('checks the allow-list again at every redirect, before resolving the new host', async () => {
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const error = await failure(fetchUrl(`${base}/to-other-host`, { ...local, resolve }));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toContain('redirect 1');
    expect(error.message).toContain('elsewhere.test');
    expect(resolve).not.toHaveBeenCalled();
  });

  it('resolves and checks each redirect hop on its own', async () => {
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const result = await fetchUrl(`${base}/to-other-host`, { allowPrivate: true, resolve });
    expect(result.status).toBe('ok');
    expect(resolve).toHaveBeenCalledWith('elsewhere.test');
    const refused = vi.fn(async () => [{ address: '169.254.169.254', family: 4 }]);
    const error = await failure(fetchUrl(`http://start.test:${port}/feed`, { resolve: refused }));
    expect(error.message).toContain('169.254.169.254');
  });

  it('refuses schemes other than http and https, at the start and at a redirect', async () => {
    expect((await failure(fetchUrl('ftp://127.0.0.1/feed', local))).code).toBe('FETCH_REFUSED');
    expect((await failure(fetchUrl('file:///etc/passwd', local))).code).toBe('FETCH_REFUSED');
    const hop = await failure(fetchUrl(`${base}/to-ftp`, local));
    expect(hop.code).toBe('FETCH_REFUSED');
    expect(hop.message).toContain('ftp://127.0.0.1/feed');
  });

  it('stops after the redirect cap', async () => {
    const error = await failure(fetchUrl(`${base}/loop`, { ...local, maxRedirects: 3 }));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toMatch(/redirected more than 3 times/);
  });

  it('refuses a content type that is neither a feed nor a page', async () => {
    const error = await failure(fetchUrl(`${base}/png`, local));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toContain('image/png');
  });

  it.each(['/big', '/big-chunked', '/bomb'])('caps the size of %s (after decompression)', async (path) => {
    const error = await failure(fetchUrl(`${base}${path}`, { ...local, maxBytes: 4000 }));
    expect(error.code).toBe('FETCH_TOO_LARGE');
    expect(error.message).toContain(path);
  });

  it('gives up after the total timeout', async () => {
    const error = await failure(fetchUrl(`${base}/slow`, { ...local, timeoutMs: 300 }));
    expect(error.code).toBe('FETCH_TIMEOUT');
  });

  it('reports an HTTP error status with the URL', async () => {
    const error = await failure(fetchUrl(`${base}/missing`, local));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toBe(`fetch: ${base}/missing answered HTTP 404.`);
  });
});
