/**
 * An editor on the desk end to end (issue #15's "Done means"): the real `lingwire serve` on the
 * seed story and a real browser. The editor logs in through the form, finds the story on the
 * desk's list by searching, changes its title on the edit page, and sees the public page change
 * at the same address.
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../shared-data.js';
import { BIN, HAS_BROWSER, openSeededSite, type SeededSite, STORY_PATH } from './browser.js';

describe.skipIf(!HAS_BROWSER || !HAS_SHARED)('an editor on the desk in a real browser', () => {
  let site: SeededSite;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    site = await openSeededSite('lingwire-desk-e2e-', (db) =>
      execFileSync(
        process.execPath,
        [BIN, '--db', db, 'user', 'add', 'editor@example.com', '--role', 'editor', '--password-stdin'],
        { input: 'correct horse battery\n' },
      ),
    );
    ({ base, browser } = site);
  }, 60_000);

  afterAll(async () => {
    await site?.close();
  });

  it("edits a story's title on the desk and sees the public page change", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // The public page first (so a cached copy exists that the edit must replace).
    await page.goto(`${base}${STORY_PATH}`);
    const oldTitle = (await page.locator('h1').first().textContent())?.trim();
    expect(oldTitle).toMatch(/Lavrov/);
    await page.goto(`${base}/desk/stories`);
    await page.waitForURL(/\/login\?next=/);
    await page.fill('#email', 'editor@example.com');
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL(`${base}/desk/stories`), page.click('main button[type=submit]')]);
    await page.fill('.desk-filters input[name=q]', 'Lavrov');
    await Promise.all([page.waitForURL(/q=Lavrov/), page.click('.desk-filters button[type=submit]')]);
    await Promise.all([page.waitForURL(/\/desk\/stories\/\d+$/), page.click('.desk-table tbody a >> nth=0')]);
    await page.fill('.desk-form input[name=title]', 'Lavrov and Kerry talk about a ceasefire in Syria');
    await Promise.all([page.waitForURL(/done=saved/), page.click('.desk-form button[type=submit]')]);
    await page.waitForSelector('.desk-notice');
    expect(await page.locator('.desk-history').textContent()).toContain('editor@example.com');

    await page.goto(`${base}${STORY_PATH}`);
    const newTitle = await page.locator('h1').first().textContent();
    expect(newTitle).toContain('Lavrov and Kerry talk about a ceasefire in Syria');
    expect(newTitle).not.toContain(oldTitle!.replace(/^.*:/, ''));
    expect(errors).toEqual([]);
  }, 60_000);
});
