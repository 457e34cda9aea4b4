/**
 * End to end: the real `lingwire` command imports the seed, serves it, and a real browser
 * (Debian's chromium through playwright-core) opens the story page.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO_ROOT, SEED_STORY_PATH } from '../shared-data.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_BROWSER = existsSync(CHROMIUM);
if (!HAS_BROWSER) {
  const message = `[lingwire tests] ${CHROMIUM} is missing: browser tests skipped (apt-get install -y chromium).`;
  if (process.env.LINGWIRE_REQUIRE_BROWSER) throw new Error(message);
  console.warn(message);
}

const BIN = join(REPO_ROOT, 'bin', 'lingwire.js');
const STORY_PATH = '/stories/lavrov-kerry-discuss-conditions-for-hostilities-cessation-in-syria';

/** The flags a root sandbox with no network needs (see the machine notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startLingwire(db: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving (http:\/\/\S+?)\/? /.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`lingwire serve exited with ${code}: ${seen}`)));
  });
  return { server, url };
}

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

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
