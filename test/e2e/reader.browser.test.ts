/**
 * The reader as learners use it, in a real browser on the seed story: meanings that fit the
 * sentence, names as names, the popup from the keyboard alone, one level setting that includes the
 * level named, the 生词表 jump, and axe-core (WCAG 2.1 A/AA and best practices) with the popup open,
 * the 生词表 shown and words marked.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO_ROOT, SEED_STORY_PATH } from '../shared-data.js';
import { BIN, CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, STORY_PATH, startLingwire } from './browser.js';

const AXE = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Violations axe-core finds on the page as it is now (WCAG 2.1 A/AA and best practices). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`,
  );
}

const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const activeClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '');

describe.skipIf(!HAS_BROWSER || !HAS_SHARED)('the reader, judged by learners', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-e2e-reader-'));
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

  it('opens "implemented" in "to be implemented soon" on a verb meaning', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}${STORY_PATH}`);
    await page.locator('.reader .w', { hasText: /^implemented$/ }).click();
    const first = page.locator('.lookup .lookup-meanings li').first();
    await first.waitFor();
    expect(await first.innerText()).toMatch(/^vt?\. 实现/);
    // The 生词表 line for counterpart is its "opposite number" sense, not 副本.
    const counterpart = page.locator('.vocab-list li', {
      has: page.locator('.vocab-word', { hasText: /^counterpart$/ }),
    });
    expect(await counterpart.locator('.meaning').innerText()).toMatch(/^n\. 配对物/);
    await page.close();
  });

  it('shows Lavrov as a name without a failed request, and Syria with its Chinese name', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failures: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') failures.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${base}${STORY_PATH}`);
    const popup = page.locator('.lookup');
    await page
      .locator('.reader .w', { hasText: /^Lavrov$/ })
      .first()
      .click();
    await popup.locator('.lookup-name').waitFor();
    expect(await popup.locator('.lookup-word').innerText()).toBe('Lavrov');
    expect(await popup.locator('.lookup-name').innerText()).toContain('人名');
    expect(await popup.innerText()).not.toContain('词典里没有这个词');
    await page.keyboard.press('Escape');
    await page
      .locator('.reader .w', { hasText: /^Syria$/ })
      .first()
      .click();
    await expect.poll(() => popup.locator('.lookup-name').innerText()).toContain('地名');
    expect(await popup.locator('.lookup-zh').innerText()).toBe('叙利亚');
    await page.keyboard.press('Escape');
    await page
      .locator('.reader .w', { hasText: /^Kerry$/ })
      .first()
      .click();
    await expect.poll(() => popup.locator('.lookup-word').innerText()).toBe('Kerry');
    expect(await popup.locator('.lookup-name').innerText()).toContain('人名');
    // kerry, a breed of cattle, is another word: not shown for the name.
    expect(await popup.innerText()).not.toContain('乳牛');
    expect(failures).toEqual([]);
    // Names are never marked, whatever the level.
    await page.selectOption('.mark-level', '1');
    expect(await page.locator('.reader .w.mk[data-n]').count()).toBe(0);
    expect(await page.locator('.vocab-word', { hasText: /^Lavrov$/ }).count()).toBe(0);
    await page.close();
  });

  it('is driven from the keyboard alone: open, Tab round the popup, Escape back to the word, move by line', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}${STORY_PATH}`);
    // Tab from the page's start reaches the story's words (one tab stop) after the tools.
    for (let i = 0; i < 40 && !(await activeClass(page)).startsWith('w'); i++)
      await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Russian');
    await page.keyboard.press('ArrowRight');
    expect(await activeText(page)).toBe('Foreign');
    await page.keyboard.press('End');
    const lastOfParagraph = await activeText(page);
    expect(lastOfParagraph).toBe('Syria');
    await page.keyboard.press('Home');
    expect(await activeText(page)).toBe('Russian');
    const lineOf = () =>
      page.evaluate(() => Math.round((document.activeElement as HTMLElement).getBoundingClientRect().top));
    const top = await lineOf();
    await page.keyboard.press('ArrowDown');
    const below = await lineOf();
    expect(below).toBeGreaterThan(top);
    await page.keyboard.press('ArrowUp');
    expect(await lineOf()).toBe(top);

    // Open "modalities" (no phrase, an English definition) from the keyboard.
    await page
      .locator('.reader .w', { hasText: /^modalities$/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    const popup = page.locator('.lookup');
    await popup.locator('.lookup-meanings').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lookup');
    expect(await popup.getAttribute('role')).toBe('dialog');
    expect(await popup.getAttribute('aria-labelledby')).toBe('lookup-word');
    const described = (await popup.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''),
      described,
    );
    expect(description.join(' ')).toMatch(/mәu'dæliti|modality|方式|形式/);
    // Tab goes round the close button and the English definition, and stays in the popup.
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      seen.push(
        await page.evaluate(() =>
          document.activeElement?.closest('.lookup') ? document.activeElement.tagName : 'OUT',
        ),
      );
    }
    expect(seen).not.toContain('OUT');
    expect(seen).toContain('BUTTON');
    expect(seen).toContain('SUMMARY');
    // Enter on the definition opens it.
    while ((await page.evaluate(() => document.activeElement?.tagName)) !== 'SUMMARY')
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await popup.locator('.lookup-definition').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Escape');
    expect(await popup.isHidden()).toBe(true);
    expect(await activeText(page)).toBe('modalities');

    // A word in a phrase offers the phrase, reachable by Tab; opening it keeps focus in the popup.
    await page
      .locator('.reader .w', { hasText: /^paid$/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await popup.locator('.lookup-phrase').waitFor();
    while (!(await activeClass(page)).includes('lookup-phrase')) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => popup.locator('.lookup-word').innerText()).toBe('pay off');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.lookup')))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await activeText(page)).toBe('paid');
    await page.close();
  });

  it('marks 四级 words at 四级以上, shares the level with the 生词表 and remembers it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}${STORY_PATH}`);
    const levels = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.reader .w[data-r="3"]')).map((w) => w.textContent),
    );
    expect(levels.length).toBeGreaterThan(0);
    await page.selectOption('.mark-level', '3');
    const marked = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.reader .w'))
        .filter((w) => getComputedStyle(w).textDecorationLine === 'underline')
        .map((w) => (w as HTMLElement).dataset.r),
    );
    expect(marked).toContain('3');
    expect(marked.every((r) => Number(r) >= 3)).toBe(true);
    expect(await page.locator('.vocab-level').inputValue()).toBe('3');
    expect(await page.locator('.mark-level option:checked').innerText()).toBe('四级以上');
    expect(await page.locator('.vocab-level option:checked').innerText()).toBe('四级以上');
    const listed = await page
      .locator('.vocab-list li:visible')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.r));
    expect(listed).toContain('3');

    // The 生词表 selector moves the marking too, and the choice outlives a reload.
    await page.selectOption('.vocab-level', '6');
    expect(await page.locator('.mark-level').inputValue()).toBe('6');
    await page.reload();
    expect(await page.locator('.mark-level').inputValue()).toBe('6');
    expect(await page.locator('.vocab-level').inputValue()).toBe('6');
    await context.close();
  });

  it('jumps from the 生词表 to the sentence with room above it and lights the word up', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await page.goto(`${base}${STORY_PATH}`);
    await page.selectOption('.vocab-level', '3');
    await page.locator('.vocab-word', { hasText: /^besiege$/ }).click();
    const word = page.locator('.reader .w.flash');
    await word.waitFor();
    expect(await word.innerText()).toBe('besieged');
    await expect
      .poll(() => word.evaluate((w) => Math.round(w.getBoundingClientRect().top)), { timeout: 3000 })
      .toBeGreaterThan(100);
    const top = await page.evaluate(
      () => document.querySelector('.reader .w.flash')?.getBoundingClientRect().top ?? 0,
    );
    expect(top).toBeLessThan(700 - 50);
    expect(await activeText(page)).toBe('besieged');
    await expect.poll(() => page.locator('.reader .w.flash').count(), { timeout: 4000 }).toBe(0);
    await page.close();
  });

  it('explains the levels on the story page and on /about', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}${STORY_PATH}`);
    const legend = page.locator('.levels-legend');
    expect(await legend.count()).toBe(1);
    await legend.locator('summary').click();
    expect(await legend.innerText()).toMatch(/B2[\s\S]*六级/);
    expect(await legend.innerText()).toContain('难度');
    await page.goto(`${base}/about`);
    expect(await page.locator('.levels-legend').innerText()).toMatch(/C1[\s\S]*雅思/);
    await page.close();
  });

  it('has no axe-core violation with the popup open, the 生词表 shown and words marked', async () => {
    for (const [viewport, colorScheme] of [
      [{ width: 1280, height: 900 }, 'light'],
      [{ width: 375, height: 740 }, 'dark'],
    ] as const) {
      // axe-core is injected as a script: the CSP would block it (issue 16: bypassCSP for injected scripts).
      const page = await browser.newPage({ viewport, colorScheme, bypassCSP: true });
      await page.goto(`${base}${STORY_PATH}`);
      await page.selectOption('.mark-level', '3');
      await page.locator('.levels-legend summary').click();
      await page
        .locator('.reader .w', { hasText: /^cessation$/ })
        .first()
        .click();
      await page.locator('.lookup .lookup-meanings').waitFor();
      expect(await page.locator('.vocab-list li:visible').count()).toBeGreaterThan(0);
      expect(await axeViolations(page), `${viewport.width}px ${colorScheme}`).toEqual([]);
      await page.keyboard.press('Escape');
      await page
        .locator('.reader .w', { hasText: /^Lavrov$/ })
        .first()
        .click();
      await page.locator('.lookup .lookup-name').waitFor();
      expect(await axeViolations(page), `${viewport.width}px ${colorScheme}, a name`).toEqual([]);
      await page.close();
    }
  });
});
