import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { buildApp } from './app.js';
import { ASSETS_DIR, CLIENT_DIR, isServableAsset, versionedAssetUrl } from './assets.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp({ services: memoryServices() });
});
afterAll(async () => {
  await app.close();
});

describe('the reader script from src/web/client', () => {
  const source = readFileSync(join(CLIENT_DIR, 'reader.js'));

  it('has a URL that changes with its bytes', () => {
    const hash = createHash('sha1').update(source).digest('hex').slice(0, 12);
    expect(versionedAssetUrl('reader.js')).toBe(`/assets/reader.js?v=${hash}`);
  });

  it('is served under /assets/ as JavaScript, cached for a year', async () => {
    const res = await app.inject(versionedAssetUrl('reader.js'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.equals(source)).toBe(true);
  });

  it('is the only kind of file served from the client folder', () => {
    expect(isServableAsset('/reader.js', CLIENT_DIR)).toBe(true);
    expect(isServableAsset('/notes.md', CLIENT_DIR)).toBe(false);
    expect(isServableAsset('/site.css', ASSETS_DIR)).toBe(true);
  });

  it('leaves the stylesheet where it was', async () => {
    const res = await app.inject(versionedAssetUrl('site.css'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/css/);
  });

  it('names a missing asset', () => {
    expect(() => versionedAssetUrl('missing.js')).toThrow(/assets: no missing\.js in /);
  });
});
