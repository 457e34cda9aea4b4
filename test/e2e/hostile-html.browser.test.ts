/**
 * Issue #16, hostile input: the corpus in `test/fixtures/hostile/` goes through every path that
 * takes HTML — a web page, RSS `content:encoded` and `description`, Atom `content` (html and
 * xhtml), JSON Feed `content_html` — and through every text field of a JSON Lines record; then
 * Chromium opens every page lingwire serves from it with the Content-Security-Policy bypassed
 * (so the CSP is not what saves us). No payload may run (each calls `__hit`, raises a dialog or
 * logs), and no request may leave lingwire's own origin (neither to the outside host the payloads
 * name nor to the fixture server's beacon on another 127.0.0.1 port).
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCorpus, hostileDocuments, hostileRecord, OUTSIDE } from '../hostile-corpus.js';
import { BIN, CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, startLingwire } from './browser.js';

const OUT = OUTSIDE;
const run = promisify(execFile);

describe.skipIf(!HAS_BROWSER)('the hostile HTML corpus, imported every way and opened in a browser', () => {
  let dir: string;
  let source: Server;
  let origin: string;
  /** Requests to the fixture server's beacon (or anything it does not serve) after the import. */
  const strayHits: string[] = [];
  let importing = true;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-e2e-corpus-'));
    let docs: ReturnType<typeof hostileDocuments> = {};
    source = createServer((req, res) => {
      const doc = docs[req.url ?? ''];
      if (!importing || !doc) strayHits.push(`${req.method} ${req.url}`);
      if (doc) res.writeHead(200, { 'content-type': doc.type }).end(doc.body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    docs = hostileDocuments(origin);
    const db = join(dir, 'site.db');
    const env = { ...process.env, LINGWIRE_FETCH_HOSTS: '127.0.0.1' };
    // Asynchronously: the server answering the import runs in this process.
    const urls = Object.keys(docs).map((path) => `${origin}${path}`);
    await run(process.execPath, [BIN, '--db', db, 'import', ...urls, '--allow-private'], { env });
    const jsonl = join(dir, 'hostile.jsonl');
    writeFileSync(jsonl, hostileRecord(origin));
    // Markup in a text file is text, so its long attribute runs are allowed through as words here.
    await run(process.execPath, [BIN, '--db', db, 'import', jsonl, '--max-word-chars', '1000'], { env });
    expect(strayHits, 'the import fetched only the corpus').toEqual([]);
    importing = false;
    ({ server, url: base } = await startLingwire(db));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    source?.closeAllConnections();
    await new Promise((resolve) => source?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A browser context that bypasses the CSP, records every request and every sign of a payload running. */
  async function watchedContext(): Promise<{ context: BrowserContext; hits: string[]; requests: string[] }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const hits: string[] = [];
    const requests: string[] = [];
    await context.exposeFunction('__hit', (name: unknown) => {
      hits.push(`__hit(${String(name)})`);
    });
    context.on('request', (request) => {
      requests.push(request.url());
    });
    // Nothing reaches another origin even if something asked: the request is recorded, then refused.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(`${base}/`) ? route.continue() : route.abort(),
    );
    context.on('page', (page) => {
      page.on('dialog', async (dialog) => {
        hits.push(`dialog: ${dialog.message()}`);
        await dialog.dismiss();
      });
      page.on('console', (message) => {
        if (/__hit|pwned/i.test(message.text())) hits.push(`console: ${message.text()}`);
      });
    });
    return { context, hits, requests };
  }

  it('imported a story from every path', async () => {
    const { stories } = (await (await fetch(`${base}/api/stories?limit=50`)).json()) as {
      stories: Array<{ title: string; slug: string }>;
    };
    const titles = stories.map((s) => s.title).sort();
    for (const path of [
      'RSS content',
      'RSS description',
      'Atom html',
      'Atom xhtml',
      'JSON Feed',
      'JSON Lines',
    ]) {
      expect(
        titles.some((t) => t.includes(`(${path})`)),
        `${path} in ${titles.join(' | ')}`,
      ).toBe(true);
    }
    expect(
      titles.some((t) => t.startsWith('Ferry terminal to open in June')),
      'the web page',
    ).toBe(true);
    // Markup in a text file is shown as text: the payloads reach the page, escaped.
    const jsonl = stories.find((s) => s.title.includes('(JSON Lines)'))!;
    const page = await browser.newPage();
    await page.goto(`${base}/stories/${jsonl.slug}`);
    expect(await page.locator('h1').innerText()).toContain("<script>__hit('jsonl-title')</script>");
    expect(await page.locator('.story-body').innerText()).toContain(
      `<img src=x onerror="__hit('img-onerror')">`,
    );
    await page.close();
  });

  it('runs no payload and requests nothing outside lingwire on any page, even with the CSP bypassed', async () => {
    const { stories } = (await (await fetch(`${base}/api/stories?limit=50`)).json()) as {
      stories: Array<{ slug: string }>;
    };
    const { sections } = (await (await fetch(`${base}/api/sections`)).json()) as {
      sections: Array<{ slug: string }>;
    };
    const paths = [
      '/',
      ...stories.map((s) => `/stories/${s.slug}`),
      ...sections.map((s) => `/sections/${s.slug}`),
      ...sections.map((s) => `/sections/${s.slug}/feed.xml`),
      '/feed.xml',
      '/sitemap.xml',
      `/search?q=${encodeURIComponent('ferry')}`,
      `/search?q=${encodeURIComponent("<script>__hit('search')</script>")}`,
      `/search?q=${encodeURIComponent('"><img src=x onerror=__hit(1)>')}`,
      `/stories/${encodeURIComponent("<img src=x onerror=__hit('404')>")}`,
      '/api/stories',
      `/api/stories/${stories[0]!.slug}`,
    ];
    expect(stories.length).toBeGreaterThanOrEqual(7);
    const { context, hits, requests } = await watchedContext();
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    for (const path of paths) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBeLessThan(500);
      if (path.startsWith('/stories/') && response?.status() === 200) {
        // Touch what a reader touches: hover and click words with markup-looking text, then each paragraph.
        const words = page.locator('.reader .w');
        const count = Math.min(await words.count(), 30);
        for (let i = 0; i < count; i += 5) {
          await words
            .nth(i)
            .click({ timeout: 1000 })
            .catch(() => {});
          await page.keyboard.press('Escape');
        }
        for (const p of (await page.locator('.story-body p, .reader p').all()).slice(0, 12)) {
          await p.hover({ timeout: 1000 }).catch(() => {});
        }
      }
      await page.waitForTimeout(150);
      // No element or attribute from the corpus survives as markup.
      const found = await page.evaluate(() => {
        if (!document.documentElement) return [];
        return Array.from(document.querySelectorAll('*')).flatMap((element) => [
          ...(/^(iframe|object|embed|base|frame|frameset|applet|video|audio|picture|source)$/i.test(
            element.localName,
          )
            ? [`<${element.localName}>`]
            : []),
          ...Array.from(element.attributes)
            .filter(
              (a) =>
                /^on/i.test(a.name) ||
                /^\s*(?:javascript|data|vbscript):/i.test(a.value) ||
                a.value.includes('evil.example') ||
                (a.name === 'http-equiv' && /refresh/i.test(a.value)),
            )
            .map((a) => `<${element.localName} ${a.name}="${a.value}">`),
        ]);
      });
      expect(found, path).toEqual([]);
    }
    await page.waitForTimeout(1200); // a 1-second meta refresh would have fired by now
    expect(hits).toEqual([]);
    const outside = requests.filter((url) => !url.startsWith(`${base}/`));
    expect(outside).toEqual([]);
    expect(strayHits, 'requests that reached the fixture server').toEqual([]);
    await context.close();
  }, 120_000);

  it('the hooks would have seen a payload run: the same corpus opened directly trips them', async () => {
    // Proof that the watch works: the raw fragment, fulfilled unsanitised at lingwire's origin in the
    // same kind of context, trips the hooks and asks the outside host.
    const { context, hits, requests } = await watchedContext();
    const page = await context.newPage();
    await page.route(`${base}/__raw`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: hostileCorpus('fragment.html', 'raw', `${origin}/beacon`),
      }),
    );
    await page.goto(`${base}/__raw`);
    await page.waitForTimeout(300);
    expect(hits).toContain('__hit(script)');
    expect(hits).toContain('__hit(img-onerror)');
    expect(requests.some((url) => url.startsWith(OUT))).toBe(true);
    await context.close();
  });
});
