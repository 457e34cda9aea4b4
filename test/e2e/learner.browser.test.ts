/**
 * A learner end to end (issue #14's "Done means"): the real `lingwire serve` on the seed story and
 * a real browser (Debian's chromium through playwright-core). The learner registers through the
 * form, opens the seed story, marks `cessation` as learning from the popup with the keyboard, adds
 * `hostilities` to the 生词本 with its sentence, reviews it on the review page, and sees the due
 * count in the header go from 1 to 0.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../shared-data.js';
import { HAS_BROWSER, openSeededSite, type SeededSite, STORY_PATH } from './browser.js';

describe.skipIf(!HAS_BROWSER || !HAS_SHARED)('a learner in a real browser', () => {
  let site: SeededSite;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    site = await openSeededSite('lingwire-learner-e2e-');
    ({ base, browser } = site);
  }, 60_000);

  afterAll(async () => {
    await site?.close();
  });

  it('registers, marks a word learning with the keyboard, keeps one in the 生词本, reviews it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.dismiss());

    await page.goto(`${base}/register?next=${encodeURIComponent(STORY_PATH)}`);
    await page.fill('#email', 'learner@example.com');
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL(`${base}${STORY_PATH}`), page.click('main button[type=submit]')]);

    // Logged in: the header shows the account and a due count of 0; the story shows marks.
    await page.waitForSelector('[data-account][data-user="learner@example.com"]');
    await page.waitForSelector('.due-count[data-due="0"]');
    await page.waitForSelector('.reader.learner-marks .w.lw-u');

    // cessation: focus it, Enter opens the popup, 1 marks it learning (stage 1).
    const cessation = page.locator('.reader .w', { hasText: /^cessation$/ }).first();
    await cessation.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.lookup:not([hidden]) .lookup-learner');
    await page.keyboard.press('1');
    await page.waitForSelector('.reader .w.lw-l[data-lw-stage="1"]');
    expect(await cessation.getAttribute('class')).toContain('lw-l');
    // Every cessation in the story is marked, not only the one opened.
    const learningWords = await page.locator('.reader .w.lw-l').allTextContents();
    expect(learningWords.length).toBeGreaterThan(1);
    expect(new Set(learningWords.map((w) => w.toLowerCase()))).toEqual(new Set(['cessation']));
    await page.keyboard.press('Escape');

    // hostilities: A adds it to the 生词本 with its sentence; the header's due count becomes 1.
    const hostilities = page.locator('.reader .w', { hasText: /^hostilities$/ }).first();
    await hostilities.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.lookup:not([hidden]) .lookup-learner');
    await page.keyboard.press('a');
    await page.waitForSelector('.lookup-note:text("已加入生词本")');
    await page.waitForSelector('.due-count[data-due="1"]');

    const words = await page.evaluate(async () => (await fetch('/api/me/words?status=learning')).json());
    expect(words.words.map((w: { lemma: string }) => w.lemma)).toEqual(
      expect.arrayContaining(['cessation', 'hostilities']),
    );
    const book = await page.evaluate(async () => (await fetch('/api/me/wordbook')).json());
    expect(book.entries).toEqual([
      expect.objectContaining({
        word: 'hostilities',
        sentence: expect.stringMatching(/^Russian Foreign Minister .*cessation of hostilities in Syria\.$/),
        meaning: expect.stringContaining('战争'),
      }),
    ]);

    // The review page: the word in its sentence, Space reveals, 3 (Good) answers; nothing due after.
    await page.goto(`${base}/review`);
    await page.waitForSelector('[data-review-card]:not([hidden]) mark:text("hostilities")');
    await page.keyboard.press(' ');
    await page.waitForSelector('[data-review-answer]:not([hidden]):has-text("战争")');
    await page.keyboard.press('3');
    await page.waitForSelector('[data-review-status]:has-text("Nothing is due now")');
    await page.waitForSelector('.due-count[data-due="0"]');
    const due = await page.evaluate(async () => (await fetch('/api/me/reviews/due')).json());
    expect(due.due).toBe(0);
    const after = await page.evaluate(async () => (await fetch('/api/me/wordbook')).json());
    expect(Date.parse(after.entries[0].due)).toBeGreaterThan(Date.now());
    expect(errors).toEqual([]);
  }, 60_000);
});

describe.skipIf(!HAS_BROWSER || !HAS_SHARED)('注释模式 gloss mode in a real browser', () => {
  let site: SeededSite;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    site = await openSeededSite('lingwire-gloss-e2e-');
    ({ base, browser } = site);
  }, 60_000);

  afterAll(async () => {
    await site?.close();
  });

  it('prints short meanings above the words the learner does not know, kept on across pages, off again', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/register?next=${encodeURIComponent(STORY_PATH)}`);
    await page.fill('#email', 'gloss@example.com');
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL(`${base}${STORY_PATH}`), page.click('main button[type=submit]')]);
    await page.waitForSelector('.reader.learner-marks .w.lw-u');
    // Before the mode is on, the page's words stand alone.
    expect(await page.locator('.reader ruby').count()).toBe(0);

    // "the" known, "cessation" learning: only words not known yet get a gloss.
    await page.evaluate(async () => {
      const { csrfToken } = await (await fetch('/api/auth/session')).json();
      const put = (word: string, body: object) =>
        fetch(`/api/me/words/${word}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify(body),
        });
      await put('the', { status: 'known' });
      await put('cessation', { status: 'learning', stage: 2 });
    });
    await page.reload();
    await page.waitForSelector('.reader.learner-marks .w.lw-l');

    // The toggle is a button reached with the keyboard: focus, Enter.
    const toggle = page.locator('button.gloss-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.reader.glossed ruby.lw-gloss');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const glossOf = (word: string) =>
      page.evaluate((w) => {
        const span = Array.from(document.querySelectorAll('.reader .w')).find((s) => s.textContent === w);
        const ruby = span?.parentElement?.tagName === 'RUBY' ? span.parentElement : null;
        return ruby ? (ruby.querySelector('rt')?.textContent ?? '') : null;
      }, word);
    expect(await glossOf('cessation')).toMatch(/停止|中止/);
    expect(await glossOf('the')).toBeNull();
    // The gloss sits above its word.
    const rt = page.locator('ruby.lw-gloss:has(.w:text-is("cessation")) rt').first();
    const word = page.locator('ruby.lw-gloss .w:text-is("cessation")').first();
    const [rtBox, wordBox] = [await rt.boundingBox(), await word.boundingBox()];
    expect(rtBox && wordBox && rtBox.y + rtBox.height <= wordBox.y + 2).toBe(true);
    // Names are never glossed (Lavrov is a name in the seed story).
    expect(await glossOf('Lavrov')).toBeNull();

    // Kept across pages (localStorage); marking a word known from the popup takes its gloss away.
    await page.reload();
    await page.waitForSelector('.reader.glossed ruby.lw-gloss');
    expect(await page.locator('button.gloss-toggle').getAttribute('aria-pressed')).toBe('true');
    const cessation = page.locator('.reader .w', { hasText: /^cessation$/ }).first();
    await cessation.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.lookup:not([hidden]) .lookup-learner');
    await page.keyboard.press('k');
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.reader ruby .w')).some((w) => w.textContent === 'cessation'),
    );
    await page.keyboard.press('Escape');

    // Off again: every ruby gone, the words where they were.
    const before = await page.locator('.reader .w').count();
    await page.locator('button.gloss-toggle').focus();
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelectorAll('.reader ruby').length === 0);
    expect(await page.locator('.reader .w').count()).toBe(before);
    expect(await page.evaluate(() => localStorage.getItem('lingwire.gloss'))).toBe('0');
    expect(errors).toEqual([]);
  }, 60_000);
});
