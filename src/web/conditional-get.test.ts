/** Conditional GET on pages and feeds: ETag and Last-Modified, If-None-Match before If-Modified-Since. */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { importPaths } from '../ingest/import.js';
import type { Services } from '../services.js';
import { buildApp } from './app.js';

let services: Services;
let app: FastifyInstance;

beforeAll(async () => {
  services = memoryServices();
  app = await buildApp({ services, publicUrl: 'https://news.example' });
  await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl')]);
});
afterAll(async () => {
  await app.close();
});

const URLS = [
  '/',
  '/sections/world',
  '/stories/museum-opens-new-wing-for-modern-art',
  '/feed.xml',
  '/rss.xml',
];

const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('conditional GET', () => {
  it('pages and feeds carry Last-Modified and answer If-Modified-Since with 304 at or after it', async () => {
    for (const url of URLS) {
      const first = await app.inject(url);
      expect(first.statusCode, url).toBe(200);
      const lastModified = first.headers['last-modified'] as string;
      expect(lastModified, url).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
      expect(Date.parse(lastModified), url).toBeLessThanOrEqual(Date.now());
      const same = await app.inject({ url, headers: { 'if-modified-since': lastModified } });
      expect(same.statusCode, url).toBe(304);
      expect(same.body, url).toBe('');
      expect(same.headers['last-modified'], url).toBe(lastModified);
      const older = httpDate(Date.parse(lastModified) - 1000);
      expect((await app.inject({ url, headers: { 'if-modified-since': older } })).statusCode, url).toBe(200);
    }
  });

  it('If-None-Match decides when both are sent; an unreadable or future If-Modified-Since is ignored', async () => {
    const url = '/feed.xml';
    const first = await app.inject(url);
    const lastModified = first.headers['last-modified'] as string;
    const etag = first.headers.etag as string;
    // A date that would allow 304, with an ETag that does not match: the ETag wins, 200.
    const stale = await app.inject({
      url,
      headers: { 'if-none-match': '"old"', 'if-modified-since': lastModified },
    });
    expect(stale.statusCode).toBe(200);
    // A matching ETag with a date that would not: 304.
    const fresh = await app.inject({
      url,
      headers: { 'if-none-match': etag, 'if-modified-since': httpDate(Date.parse(lastModified) - 60_000) },
    });
    expect(fresh.statusCode).toBe(304);
    for (const since of ['yesterday', httpDate(Date.now() + 3_600_000)]) {
      expect((await app.inject({ url, headers: { 'if-modified-since': since } })).statusCode, since).toBe(
        200,
      );
    }
  });

  it('a change to what a feed shows is never answered 304 for an If-Modified-Since from before it', async () => {
    const url = '/rss.xml';
    const before = await app.inject(url);
    const lastModified = before.headers['last-modified'] as string;
    await services.pipeline.saveStories([
      {
        source: 'desk',
        externalId: 'late',
        section: 'world',
        title: 'Late news',
        dateline: null,
        publishedAt: '2031-01-01',
        url: null,
        tags: [],
        paragraphs: ['Something happened.'],
        pinnedRelated: [],
      },
    ]);
    const after = await app.inject({ url, headers: { 'if-modified-since': lastModified } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Late news');
    // Its date, when it has one, is after the old bytes' date.
    const moved = after.headers['last-modified'] as string | undefined;
    if (moved !== undefined) expect(Date.parse(moved)).toBeGreaterThan(Date.parse(lastModified));
  });
});
