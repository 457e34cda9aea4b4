/**
 * End to end: the real `lingwire` command imports the seed among the freely-licensed corpus and
 * serves it; a real browser (Debian's chromium through playwright-core) types the words a reader
 * remembers into the header's search box on the front page, and lands on the results with the
 * seed story first, its words highlighted and the query kept in the box.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, NEWS_DIR, SEED_STORY_PATH } from '../shared-data.js';
import { BIN, CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, startLingwire } from './browser.js';

describe.skipIf(!HAS_BROWSER || !HAS_SHARED)('searching from the header box in a real browser', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-e2e-search-'));
    const db = join(dir, 'site.db');
    execFileSync(process.execPath, [
      BIN,
      '--db',
      db,
      'import',
      '--no-related',
      join(NEWS_DIR, 'freely-licensed.jsonl'),
      SEED_STORY_PATH,
    ]);
    ({ server, url: base } = await startLingwire(db, ['--no-writer']));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the seed story first, highlighted, with the query kept', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const box = page.locator('header form.site-search input[name="q"]');
    await box.fill('discussed ceasefire');
    await Promise.all([page.waitForURL(/\/search\?q=discussed\+ceasefire/), box.press('Enter')]);
    expect(await page.locator('main input[name="q"]').inputValue()).toBe('discussed ceasefire');
    const first = page.locator('ol.search-results > li').first();
    expect(await first.locator('a.story-link').innerText()).toContain(
      'Lavrov, Kerry discuss conditions for hostilities cessation in Syria',
    );
    const marks = await first.locator('.snippet mark').allInnerTexts();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['discussed', 'ceasefire']));
    // The result leads to the story.
    await Promise.all([page.waitForURL(/\/stories\/lavrov-kerry/), first.locator('a.story-link').click()]);
    expect(await page.locator('h1').innerText()).toContain('Lavrov, Kerry discuss conditions');
    await page.close();
  }, 60_000);
});
