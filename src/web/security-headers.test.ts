import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { openDictionary } from '../dictionary/index.js';
import { importPaths } from '../ingest/import.js';
import { buildApp } from './app.js';
import { versionedAssetUrl } from './assets.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

async function appWith(options: { publicUrl?: string; trustProxy?: boolean; dictionary?: boolean } = {}) {
  const services = memoryServices({ dictionary: options.dictionary ? openDictionary() : null });
  const app = await buildApp({ services, publicUrl: options.publicUrl, trustProxy: options.trustProxy });
  await importPaths(services.pipeline, [join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl')]);
  return app;
}

const STORY = '/stories/museum-opens-new-wing-for-modern-art';

describe('security headers (#16 defect 6)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith({ dictionary: true });
  });
  afterAll(() => app.close());

  it.each([
    ['a page', '/'],
    ['a story', STORY],
    ['a section', '/sections/world'],
    ['JSON', '/api/sections'],
    ['a JSON error', '/api/stories/nothing'],
    ['a 404 page', '/nothing/here'],
    ['an asset', versionedAssetUrl('reader.js')],
    ['a 400 page', '/sections/world?page=zero'],
  ])('on %s', async (_, url) => {
    const res = await app.inject(url);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('on a 304 and a 405 too', async () => {
    const first = await app.inject(STORY);
    const again = await app.inject({ url: STORY, headers: { 'if-none-match': first.headers.etag! } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const post = await app.inject({ method: 'POST', url: STORY });
    expect(post.statusCode).toBe(405);
    expect(post.headers['x-content-type-options']).toBe('nosniff');
  });

  it('allows only scripts and styles from the site, and no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('pages carry no inline script, event handler, style attribute or javascript: URL', async () => {
    for (const url of ['/', STORY, '/sections/world', '/about', '/api/docs', '/nothing/here']) {
      const html = (await app.inject(url)).body;
      for (const script of html.match(/<script\b[^>]*>/g) ?? []) {
        // External scripts, or JSON-LD data (not executed, so CSP does not apply to it).
        expect(script, url).toMatch(/\bsrc="\/assets\/|type="application\/ld\+json"/);
      }
      expect(html, url).not.toMatch(/\son[a-z]+=/i);
      expect(html, url).not.toMatch(/\sstyle=/i);
      expect(html, url).not.toMatch(/javascript:/i);
      expect(html, url).not.toMatch(/<style\b/i);
    }
    expect((await app.inject(STORY)).body).toContain('<script src="/assets/reader.js?v=');
  });
});

describe('HSTS only behind https', () => {
  it('is sent on every response when the public URL is https', async () => {
    const app = await appWith({ publicUrl: 'https://news.example' });
    for (const url of ['/', '/api/sections', '/nothing']) {
      expect((await app.inject(url)).headers['strict-transport-security']).toBe('max-age=63072000');
    }
    await app.close();
  });

  it('follows X-Forwarded-Proto only when the proxy is trusted', async () => {
    const trusted = await appWith({ trustProxy: true });
    const https = { 'x-forwarded-proto': 'https' };
    expect((await trusted.inject({ url: '/', headers: https })).headers['strict-transport-security']).toBe(
      'max-age=63072000',
    );
    expect((await trusted.inject('/')).headers['strict-transport-security']).toBeUndefined();
    await trusted.close();
    const untrusted = await appWith();
    expect(
      (await untrusted.inject({ url: '/', headers: https })).headers['strict-transport-security'],
    ).toBeUndefined();
    await untrusted.close();
  });
});
