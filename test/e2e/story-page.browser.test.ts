/**
 * End to end: the real `lingwire` command imports the seed, serves it, and a real browser
 * (Debian's chromium through playwright-core) opens the story page. Then stories imported from a
 * feed and a page full of hostile HTML (scripts, event handlers, javascript: links) are opened,
 * and nothing from them runs.
 */
import { type ChildProcess, execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO_ROOT, SEED_STORY_PATH } from '../shared-data.js';
import { BIN, CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, STORY_PATH, startLingwire } from './browser.js';

describe.skipIf(!HAS_BROWSER || !HAS_SHARED)('the seed story in a real browser', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-e2e-'));
    const db = join(dir, 'site.db');
    execFileSync(process.execPath, [BIN, '--db', db, 'import', SEED_STORY_PATH]);
    ({ server, url: base } = await startLingwire(db));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the section-prefixed title, the dateline and the ten related entries', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}${STORY_PATH}`);
    expect(response?.status()).toBe(200);

    const title = page.locator('h1');
    await expect.poll(() => title.isVisible()).toBe(true);
    expect(await title.innerText()).toBe(
      '国际英语新闻:Lavrov, Kerry discuss conditions for hostilities cessation in Syria',
    );
    await page.locator('h1 a').click();
    expect(new URL(page.url()).pathname).toBe('/sections/world');
    await page.goBack();

    const dateline = page.locator('.dateline');
    expect(await dateline.isVisible()).toBe(true);
    expect(await dateline.innerText()).toBe('MOSCOW, Feb. 21 (Xinhua)');
    const firstParagraph = await page.locator('.story-body p').first().innerText();
    expect(firstParagraph.startsWith('Russian Foreign Minister Sergei Lavrov')).toBe(true);
    expect(await page.locator('.story-body p').count()).toBe(7);

    const related = page.locator('.related li');
    expect(await related.count()).toBe(10);
    for (let i = 0; i < 10; i++) expect(await related.nth(i).isVisible()).toBe(true);
    expect(await related.first().innerText()).toBe(
      '欧美文化:Emergency rooms see more gun violence victims in U.S. in 1st year of pandemic: CNN',
    );
    expect(await page.locator('.related h2').innerText()).toBe('相关文章');
    expect(await page.title()).toContain('Lavrov, Kerry discuss');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.close();
  });

  it('reads well on a phone and on a desktop: no sideways scrolling, a 60–80 character measure', async () => {
    for (const viewport of [
      { width: 375, height: 740 },
      { width: 1280, height: 900 },
    ]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${base}${STORY_PATH}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${viewport.width}px`).toBeLessThanOrEqual(0);
      if (viewport.width > 1000) {
        // Average characters per rendered line of the body text.
        const perLine = await page.evaluate(() => {
          const p = document.querySelector('.story-body p') as HTMLElement;
          const lineHeight = Number.parseFloat(getComputedStyle(p).lineHeight);
          const lines = Math.round(p.getBoundingClientRect().height / lineHeight);
          return (p.textContent ?? '').length / lines;
        });
        expect(perLine).toBeGreaterThan(55);
        expect(perLine).toBeLessThan(85);
      }
      await page.close();
    }
  });

  it('looks a clicked word up in a popup that does not move the text, and works from the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}${STORY_PATH}`);
    const word = page.locator('.reader .w', { hasText: /^cessation$/ }).first();
    const before = await word.boundingBox();
    await word.click();
    const popup = page.locator('.lookup');
    await popup.locator('.lookup-meanings').waitFor();
    expect(await popup.locator('.lookup-word').innerText()).toBe('cessation');
    expect(await popup.locator('.lookup-meanings').innerText()).toContain('停止');
    expect(await popup.locator('.lookup-labels').innerText()).toContain('GRE');
    expect(await word.boundingBox()).toEqual(before);
    const box = await popup.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 900).toBe(true);

    // A plural with a sense of its own, a noun in its sentence, opens that sense first.
    await page
      .locator('.reader .w', { hasText: /^hostilities$/ })
      .first()
      .click();
    await expect.poll(() => popup.locator('.lookup-meanings li').first().innerText()).toContain('战争行动');

    // Escape closes and gives focus back to the word; arrows move; Enter opens.
    await page.keyboard.press('Escape');
    expect(await popup.isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('hostilities');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('in');
    await page.keyboard.press('Enter');
    await expect.poll(() => popup.locator('.lookup-word').innerText()).toBe('in');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('shows the last word clicked even when an earlier lookup answers late, and retries a failed one', async () => {
    const page = await browser.newPage();
    await page.route('**/api/lookup?word=secretary*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    let failOnce = true;
    await page.route('**/api/lookup?word=modality*', async (route) => {
      if (failOnce) {
        failOnce = false;
        await route.abort();
      } else await route.continue();
    });
    await page.goto(`${base}${STORY_PATH}`);
    const popup = page.locator('.lookup');
    await page
      .locator('.reader .w', { hasText: /^Secretary$/ })
      .first()
      .click();
    await page
      .locator('.reader .w', { hasText: /^discussion$/ })
      .first()
      .click();
    await expect.poll(() => popup.locator('.lookup-word').innerText()).toBe('discussion');
    await page.waitForTimeout(1000);
    expect(await popup.locator('.lookup-word').innerText()).toBe('discussion');

    const modalities = page.locator('.reader .w', { hasText: /^modalities$/ }).first();
    await modalities.click();
    await expect.poll(() => popup.innerText()).toContain('try again');
    await modalities.click();
    await expect.poll(() => popup.locator('.lookup-lemma').innerText()).toContain('modality');
    await page.close();
  });

  it('marks exam words from the chosen band up without reloading or moving text', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}${STORY_PATH}`);
    const paragraph = page.locator('.reader p').first();
    const before = await paragraph.boundingBox();
    const marked = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.reader .w'))
          .filter((w) => getComputedStyle(w).textDecorationLine === 'underline')
          .map((w) => w.textContent),
      );
    expect(await marked()).toEqual([]);
    await page.selectOption('.mark-level', '4');
    const fromCet6 = await marked();
    expect(fromCet6).toContain('cessation');
    expect(fromCet6).toContain('hostilities');
    expect(fromCet6).not.toContain('discussion');
    expect(fromCet6).not.toContain('Lavrov');
    await page.selectOption('.mark-level', '8');
    const fromGre = await marked();
    expect(fromGre).toContain('cessation');
    expect(fromGre).not.toContain('hostilities');
    expect(await paragraph.boundingBox()).toEqual(before);

    // The vocabulary list follows the same level, and its words jump to their sentence.
    const visibleWords = () => page.locator('.vocab-list li:visible .vocab-word').allInnerTexts();
    expect(await page.locator('.vocab-level').inputValue()).toBe('8');
    expect(await visibleWords()).toContain('cessation');
    expect(await visibleWords()).not.toContain('hostility');
    await page.locator('.vocab-word', { hasText: 'cessation' }).click();
    expect(new URL(page.url()).hash).toBe('#s0');
    await page.close();
  });

  it('reads aloud sentence by sentence, and a click on a sentence starts there', async () => {
    // A stand-in speech engine (headless Chromium has no voices): each utterance "ends" after
    // 400 ms, so the reader's own logic — order, highlighting, jumping, stopping — is what is tested.
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let current: { onend?: () => void; onerror?: (e: { error: string }) => void } | null = null;
      // A voice and an utterance of its own: the browser's would refuse a made-up voice.
      const voice = { lang: 'en-US', name: 'Stand-in', default: true, localService: true, voiceURI: 'x' };
      (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
        text: string;
        constructor(text: string) {
          this.text = text;
        }
      };
      const fake = {
        getVoices: () => [voice],
        addEventListener: () => {},
        speak(u: { text: string; onend?: () => void }) {
          spoken.push(u.text);
          current = u;
          timer = setTimeout(() => u.onend?.(), 400);
        },
        cancel() {
          clearTimeout(timer);
          current?.onerror?.({ error: 'interrupted' });
          current = null;
        },
      };
      Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
    });
    await page.goto(`${base}${STORY_PATH}`);
    const button = page.locator('.read-aloud');
    await button.click();
    await expect.poll(() => page.locator('.s.speaking').getAttribute('id')).toBe('s0');
    await expect.poll(() => page.locator('.s.speaking').getAttribute('id')).toBe('s1');
    await page.locator('#s4 .w').first().click();
    await expect.poll(() => page.locator('.s.speaking').getAttribute('id')).toBe('s4');
    await expect.poll(() => page.locator('.s.speaking').getAttribute('id')).toBe('s5');
    expect(await page.locator('.lookup').isHidden()).toBe(true);
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    expect(spoken[0]?.startsWith('Russian Foreign Minister Sergei Lavrov')).toBe(true);
    await button.click();
    expect(await page.locator('.s.speaking').count()).toBe(0);
    // After stopping, a click looks a word up again.
    await page
      .locator('.reader .w', { hasText: /^cessation$/ })
      .first()
      .click();
    await page.locator('.lookup .lookup-meanings').waitFor();
    await page.close();
  });

  it('says so when the browser has no English voice, and words still open', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const fake = { getVoices: () => [], addEventListener: () => {}, speak() {}, cancel() {} };
      Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
    });
    await page.goto(`${base}${STORY_PATH}`);
    const button = page.locator('.read-aloud');
    await expect.poll(() => button.innerText(), { timeout: 5000 }).toContain('没有英文语音');
    expect(await button.isDisabled()).toBe(true);
    await page
      .locator('.reader .w', { hasText: /^cessation$/ })
      .first()
      .click();
    await page.locator('.lookup .lookup-meanings').waitFor();
    await page.close();
  });

  it('works under the Content-Security-Policy with no violation on any page (#16 defect 6)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const holder = window as unknown as { cspViolations?: string[] };
        holder.cspViolations = [
          ...(holder.cspViolations ?? []),
          `${event.violatedDirective} ${event.blockedURI}`,
        ];
      });
    });
    page.setDefaultTimeout(5000);
    const response = await page.goto(`${base}${STORY_PATH}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Everything the reader does: look a word up, mark words, the vocabulary list, read aloud.
    await page
      .locator('.reader .w', { hasText: /^cessation$/ })
      .first()
      .click();
    await page.locator('.lookup .lookup-meanings').waitFor();
    await page.keyboard.press('Escape');
    await page.selectOption('.mark-level', '3');
    await page.selectOption('.vocab-level', '8');
    await page.locator('.vocab-word', { hasText: 'cessation' }).click();
    const readAloud = page.locator('.read-aloud');
    if ((await readAloud.isVisible()) && (await readAloud.isEnabled())) await readAloud.click();
    // Reported in the page (gone at the next navigation), so read after each page.
    const reported = () =>
      page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    await page.waitForTimeout(200);
    expect(await reported()).toEqual([]);
    for (const path of ['/', '/sections/world', '/about', '/api/docs', '/no/such/page']) {
      await page.goto(`${base}${path}`);
      await page.waitForTimeout(100);
      expect(await reported(), path).toEqual([]);
    }
    expect(violations).toEqual([]);
    await page.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe.skipIf(!HAS_BROWSER)('stories from hostile feeds and pages in a real browser', () => {
  const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
  let dir: string;
  let source: Server;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-e2e-hostile-'));
    source = createServer((req, res) => {
      if (req.url === '/hostile.xml') {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(readFileSync(join(FIXTURES, 'feeds', 'hostile.xml')));
      } else if (req.url === '/hostile.html' || req.url === '/stories/bridge') {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(readFileSync(join(FIXTURES, 'pages', 'hostile-article.html')));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    const db = join(dir, 'site.db');
    // Asynchronously: the server answering the import runs in this process.
    await promisify(execFile)(
      process.execPath,
      [BIN, '--db', db, 'import', `${origin}/hostile.xml`, `${origin}/hostile.html`, '--allow-private'],
      { env: { ...process.env, LINGWIRE_FETCH_HOSTS: '127.0.0.1' } },
    );
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

  it('runs no script from the imported HTML on the story pages or the front page', async () => {
    const stories = (await (await fetch(`${base}/api/stories`)).json()) as {
      stories: Array<{ slug: string; title: string }>;
    };
    expect(stories.stories.map((s) => s.title).sort()).toEqual([
      'Council approves the new bridge',
      'Library opens late on weekdays',
      'Market reopens after the storm',
    ]);
    const paths = ['/', ...stories.stories.map((s) => `/stories/${s.slug}`)];
    for (const path of paths) {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(200);
      // Hover and click everything a reader might touch.
      for (const p of await page.locator('.story-body p, .reader p').all()) {
        await p.hover();
        await p.click({ position: { x: 2, y: 2 } }).catch(() => {});
        await page.keyboard.press('Escape');
      }
      await page.waitForTimeout(200);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
        path,
      ).toBeUndefined();
      expect(dialogs, path).toEqual([]);
      // Hostile text may be shown as text; no attribute may carry a handler or a script URL.
      const badAttributes = await page.evaluate(() =>
        Array.from(document.querySelectorAll('*')).flatMap((element) =>
          Array.from(element.attributes)
            .filter((a) => /^on/i.test(a.name) || /^\s*(?:javascript|data|vbscript):/i.test(a.value))
            .map((a) => `<${element.tagName.toLowerCase()} ${a.name}="${a.value}">`),
        ),
      );
      expect(badAttributes, path).toEqual([]);
      // The only scripts are lingwire's own.
      // JSON-LD (`type="application/ld+json"`) is data, never run.
      const scripts = await page
        .locator('script:not([type="application/ld+json"])')
        .evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).src));
      expect(
        scripts.every((src) => src.startsWith(`${base}/`)),
        path,
      ).toBe(true);
      // The site's own header search box is the one form a page may have.
      expect(
        await page.locator('iframe, object, embed, form:not(.site-search), svg, img').count(),
        path,
      ).toBe(0);
      await page.close();
    }
  });

  it('shows the story text with its dateline and credits the source with a safe link', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/stories/council-approves-the-new-bridge`);
    expect(await page.locator('.dateline').innerText()).toBe('LONDON, March 3 (Wire)');
    expect(await page.locator('.credit-source a').first().getAttribute('href')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/stories\/bridge$/,
    );
    expect(await page.locator('.credit-author').innerText()).toBe('作者 By: Jane Roe');
    // A licence that is not an http(s) address is shown as text, never as a link.
    expect(await page.locator('.credit-license a').count()).toBe(0);
    await page.close();
  });
});
