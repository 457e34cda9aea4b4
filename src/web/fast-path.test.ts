/**
 * The fast path (`fast-path.ts`) answers cached pages exactly as the normal path does: the same
 * status, headers (but `Date`) and bytes for GET and HEAD, with and without gzip, and 304 for a
 * matching `If-None-Match`; a write drops what it changed there too; and with headers that depend
 * on the request (a trusted proxy's https) it stays out of the way. Over real sockets: `inject`
 * never reaches a server.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from '../cli/main.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import { importPaths } from '../ingest/import.js';
import { type Services, servicesOver } from '../services.js';
import { openStore } from '../store/open-store.js';
import { buildApp } from './app.js';
import type { FastPath } from './fast-path.js';
import { MAX_REMEMBERED_URL } from './page-cache.js';
import { feedPath, sitemapPath } from './paths.js';

interface Answer {
  status: number;
  /** Every header as sent, in order, lowercased, but `date`. */
  headers: string[];
  body: Buffer;
}

function ask(
  base: string,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!.toLowerCase();
          if (name !== 'date') pairs.push(`${name}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

let services: Services;
let app: FastifyInstance;
let base: string;
let fast: FastPath;

async function start(options: { trustProxy?: boolean } = {}) {
  services = memoryServices();
  await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl')]);
  app = await buildApp({ services, ...options });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  fast = (app as unknown as { lingwireFastPath: FastPath }).lingwireFastPath;
}

afterEach(async () => {
  await app.close();
});

describe('the fast path', () => {
  beforeEach(() => start());

  const STORY = '/stories/ports-reopen-after-storm-officials';
  const URLS = ['/', '/sections/news', STORY, feedPath(), sitemapPath(), '/about'];

  it('answers a cached page with the normal path’s status, headers and bytes', async () => {
    let variant = 0;
    for (const url of URLS) {
      const first = await ask(base, url);
      expect(first.status, url).toBe(200);
      const etag = first.headers.find((h) => h.startsWith('etag: '))!.slice(6);
      const gzipEtag = (await ask(base, url, 'GET', { 'accept-encoding': 'gzip' })).headers
        .find((h) => h.startsWith('etag: '))!
        .slice(6);
      const cases: Array<[string, Record<string, string>]> = [
        ['GET', {}],
        ['GET', { 'accept-encoding': 'gzip, deflate, br' }],
        ['GET', { 'accept-encoding': 'br;q=1, gzip;q=0' }],
        ['GET', { 'if-none-match': etag }],
        ['GET', { 'if-none-match': `W/${gzipEtag}`, 'accept-encoding': 'gzip' }],
        ['GET', { 'if-none-match': gzipEtag }],
        // Last-Modified is the page's second: a client that saw it gets a 304 either way.
        ['GET', { 'if-modified-since': new Date().toUTCString() }],
        ['GET', { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' }],
        ['HEAD', {}],
        ['HEAD', { 'accept-encoding': 'gzip' }],
      ];
      for (const [method, headers] of cases) {
        // A URL the fast path has not seen goes the normal way (a cache hit under the same key).
        const sep = url.includes('?') ? '&' : '?';
        const served = fast.stats.served;
        const normal = await ask(base, `${url}${sep}v=${variant++}`, method, headers);
        expect(fast.stats.served, `${method} ${url} (normal)`).toBe(served);
        const quick = await ask(base, url, method, headers);
        expect(fast.stats.served, `${method} ${url} ${JSON.stringify(headers)}`).toBe(served + 1);
        expect(quick.status).toBe(normal.status);
        expect(quick.headers, `${method} ${url} ${JSON.stringify(headers)}`).toEqual(normal.headers);
        expect(quick.body.equals(normal.body), `${method} ${url}`).toBe(true);
      }
    }
    // The cases did reach both kinds of answer.
    expect((await ask(base, STORY, 'GET', { 'accept-encoding': 'gzip' })).headers).toContain(
      'content-encoding: gzip',
    );
  });

  it('serves what a write changed at once, and the new page fast afterwards', async () => {
    const before = await ask(base, STORY);
    await ask(base, STORY);
    const served = fast.stats.served;
    expect(served).toBeGreaterThan(0);
    // The same story (source and id) re-imported with a new title: its URL stays.
    const dir = mkdtempSync(join(tmpdir(), 'lingwire-fast-'));
    const line = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"id": "w-3"'))!;
    writeFileSync(
      join(dir, 'retitled.jsonl'),
      line.replace('Ports reopen after storm: officials', 'Ports reopen at last after the storm'),
    );
    await importPaths(services.pipeline, [join(dir, 'retitled.jsonl')]);
    rmSync(dir, { recursive: true, force: true });

    const after = await ask(base, STORY);
    expect(after.body.toString()).toContain('Ports reopen at last after the storm');
    expect(after.headers).not.toEqual(before.headers);
    expect(fast.stats.served).toBe(served);
    const again = await ask(base, STORY);
    expect(fast.stats.served).toBe(served + 1);
    expect(again.body.equals(after.body)).toBe(true);
  });

  it('leaves other methods, unknown URLs and uncached pages to Fastify', async () => {
    await ask(base, STORY);
    const served = fast.stats.served;
    expect((await ask(base, STORY, 'POST')).status).toBe(405);
    expect((await ask(base, '/stories/no-such-story')).status).toBe(404);
    expect((await ask(base, '/stories/no-such-story')).status).toBe(404);
    // A long URL is not remembered (the map of URLs would grow by its length each time).
    const long = `${STORY}?x=${'a'.repeat(MAX_REMEMBERED_URL)}`;
    expect((await ask(base, long)).status).toBe(200);
    expect((await ask(base, long)).status).toBe(200);
    expect(fast.stats.served).toBe(served);
  });
});

describe('another process’s import', () => {
  it('reaches the fast-served page within a second (issue #10)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingwire-fast-'));
    try {
      const db = join(dir, 'site.db');
      const fixture = join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl');
      const code = await runCli(['--db', db, 'import', fixture], { out: () => {}, err: () => {} }, {});
      expect(code).toBe(0);
      const store = await openStore(db);
      services = servicesOver(store, { ...DEFAULT_CONFIG, dbPath: db }, { dictionary: null, warn: () => {} });
      app = await buildApp({ services });
      base = await app.listen({ port: 0, host: '127.0.0.1' });
      fast = (app as unknown as { lingwireFastPath: FastPath }).lingwireFastPath;
      const url = '/stories/ports-reopen-after-storm-officials';
      await ask(base, url);
      await ask(base, url);
      expect(fast.stats.served).toBe(1);

      const line = readFileSync(fixture, 'utf8')
        .split('\n')
        .find((l) => l.includes('"id": "w-3"'))!;
      writeFileSync(
        join(dir, 'retitled.jsonl'),
        line.replace('after storm: officials', 'at last after the storm'),
      );
      execFileSync(process.execPath, [
        join(REPO_ROOT, 'bin', 'lingwire.js'),
        '--db',
        db,
        'import',
        join(dir, 'retitled.jsonl'),
      ]);
      const imported = performance.now();
      let body = '';
      while (!body.includes('Ports reopen at last after the storm') && performance.now() - imported < 5000) {
        body = (await ask(base, url)).body.toString();
      }
      expect(body).toContain('Ports reopen at last after the storm');
      expect(performance.now() - imported).toBeLessThan(1000);
      // And the new page is served fast again.
      const served = fast.stats.served;
      await ask(base, url);
      expect(fast.stats.served).toBe(served + 1);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('behind a trusted proxy', () => {
  beforeEach(() => start({ trustProxy: true }));

  it('is off: HSTS depends on the request', async () => {
    const url = '/stories/ports-reopen-after-storm-officials';
    await ask(base, url);
    const https = await ask(base, url, 'GET', { 'x-forwarded-proto': 'https' });
    const http = await ask(base, url);
    expect(https.headers.some((h) => h.startsWith('strict-transport-security: '))).toBe(true);
    expect(http.headers.some((h) => h.startsWith('strict-transport-security: '))).toBe(false);
    expect(fast.stats.served).toBe(0);
  });
});
