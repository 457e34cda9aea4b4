/**
 * Issue #16, defect 1 (cache busting): only parameters a route uses reach the page-cache key, so
 * no URL variant can add cache entries (each would evict a real page) or force a re-render.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { importPaths } from '../ingest/import.js';
import type { Services } from '../services.js';
import { buildApp } from './app.js';
import type { PageCache } from './page-cache.js';

let services: Services;
let app: FastifyInstance;
let cache: PageCache;

beforeEach(async () => {
  services = memoryServices();
  app = await buildApp({ services });
  cache = (app as unknown as { lingwireCache: PageCache }).lingwireCache;
  await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl')]);
});
afterEach(async () => {
  await app.close();
});

const STORY = '/stories/ports-reopen-after-storm-officials';

describe('the page-cache key', () => {
  it('ignores query parameters a page does not read: one entry, and every variant is a hit', async () => {
    const first = await app.inject(STORY);
    expect(first.statusCode).toBe(200);
    expect(cache.size).toBe(1);
    const misses = cache.stats.misses;
    for (const variant of [
      `${STORY}?page=2`,
      `${STORY}?page=abc`,
      `${STORY}?x=${Math.random()}`,
      `${STORY}?page=3&x=1&page=4`,
      `${STORY}/`,
      STORY.replace('ports', 'p%6frts'),
    ]) {
      const res = await app.inject(variant);
      expect(res.statusCode, variant).toBe(200);
      expect(res.headers.etag, variant).toBe(first.headers.etag);
    }
    expect(cache.size).toBe(1);
    expect(cache.stats.misses).toBe(misses);
  });

  it('the front page and the about page ignore ?page= too', async () => {
    for (const path of ['/', '/about']) {
      await app.inject(path);
      const before = cache.size;
      for (const q of ['?page=2', '?page=abc', '?x=1']) {
        expect((await app.inject(`${path}${q}`)).statusCode).toBe(200);
      }
      expect(cache.size, path).toBe(before);
    }
  });

  it('a section page keys on its page number, page 1 spelled either way is one entry', async () => {
    const { slug } = (await services.reading.listSections())[0]!;
    const plain = await app.inject(`/sections/${slug}`);
    expect(plain.statusCode).toBe(200);
    const size = cache.size;
    const one = await app.inject(`/sections/${slug}?page=1&utm_source=x`);
    expect(one.headers.etag).toBe(plain.headers.etag);
    expect(cache.size).toBe(size);
  });

  it('a malformed page number is a 400 and an out-of-range one a 404, neither cached', async () => {
    const { slug } = (await services.reading.listSections())[0]!;
    await app.inject(`/sections/${slug}`);
    const size = cache.size;
    for (const q of ['abc', '0', '-1', '1.5', '99999999']) {
      expect((await app.inject(`/sections/${slug}?page=${q}`)).statusCode, q).toBe(400);
    }
    expect((await app.inject(`/sections/${slug}?page=2`)).statusCode).toBe(404);
    expect((await app.inject(`/sections/${slug}?page=999`)).statusCode).toBe(404);
    expect(cache.size).toBe(size);
  });
});
