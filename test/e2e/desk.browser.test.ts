/**
 * The editors' desk end to end (issue #15's "Done means"): the real `lingwire serve` and a real
 * browser. An editor logs in, files a story from the 待分类 inbox with one click (it leaves the
 * inbox and appears on the section's page), and adds a feed after previewing it (the feed is served
 * by the test on 127.0.0.1, which the operator's allow-list `LINGWIRE_FETCH_HOSTS` names), then
 * "poll now" has the writer thread bring its story in.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedInbox } from '../desk.js';
import { learnerServices } from '../learner.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, startLingwire } from './browser.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk test wire</title><link>http://127.0.0.1/</link>
<item><title>Harbour reopens after the storm</title><link>http://127.0.0.1/a</link><guid>a</guid>
<description>${'The harbour reopened on Monday after a week of storms kept the fishing boats in port. '.repeat(10)}</description></item>
</channel></rss>`;

describe.skipIf(!HAS_BROWSER)('an editor at the desk in a real browser', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;
  let feedServer: Server;
  let feedUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-desk-e2e-'));
    const db = join(dir, 'site.db');
    const services = learnerServices({ dbPath: db });
    await seedInbox(services);
    await services.learner.accounts.register('editor@example.com', 'correct horse battery', 'editor');
    await services.close();
    feedServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS);
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;
    process.env.LINGWIRE_FETCH_HOSTS = '127.0.0.1';
    ({ server, url: base } = await startLingwire(db));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await new Promise((resolve) => feedServer?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function logIn(next: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${base}${next}`);
    // Not logged in: the desk sends the editor to log in, and back after.
    await page.waitForURL(/\/login\?next=/);
    await page.fill('#email', 'editor@example.com');
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL(`${base}${next}`), page.click('main button[type=submit]')]);
    return page;
  }

  it('files a story from the inbox with one click: it leaves the inbox and appears on the section page', async () => {
    const page = await logIn('/desk/inbox');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const story = page.locator('.desk-inbox-story', { hasText: 'Unclear story 100' });
    await story.waitFor();
    const guess = story.locator('.desk-guesses form').first();
    const section = await guess.locator('input[name=section]').getAttribute('value');
    expect(['sports', 'business']).toContain(section);
    await Promise.all([
      page.waitForURL(`${base}/desk/inbox?filed=${section}`),
      guess.locator('button').click(),
    ]);
    expect(await page.locator('.desk-inbox-story').count()).toBe(0);
    expect(await page.locator('.desk-done').textContent()).toContain('Filed into');
    await page.goto(`${base}/sections/${section}`);
    expect(await page.locator('main').textContent()).toContain('Unclear story 100');
    expect(errors).toEqual([]);
  }, 60_000);

  it('adds a feed after previewing it', async () => {
    const page = await logIn('/desk/feeds');
    await page.fill('input[name=url]', feedUrl);
    await page.fill('input[name=interval]', '45');
    await Promise.all([
      page.waitForURL(`${base}/desk/feeds/preview`),
      page.click('button:has-text("Preview")'),
    ]);
    await page.waitForSelector('.desk-preview h2:text("Harbour reopens after the storm")');
    await Promise.all([
      page.waitForURL(`${base}/desk/feeds?done=added`),
      page.click('button:has-text("Add this feed")'),
    ]);
    const feed = page.locator('.desk-feeds li', { hasText: feedUrl });
    await feed.waitFor();
    expect(await feed.locator('input[name=interval]').inputValue()).toBe('45');
    const listed = await page.evaluate(async () => (await fetch('/api/desk/feeds')).json());
    expect(listed.feeds).toEqual([
      expect.objectContaining({
        url: expect.stringContaining('/feed.xml'),
        intervalMinutes: 45,
        paused: false,
      }),
    ]);

    // Poll now: the writer thread is woken and polls it (its own timer would wait a minute).
    await Promise.all([
      page.waitForURL(`${base}/desk/feeds?done=polling`),
      feed.locator('button:has-text("Poll now")').click(),
    ]);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page
            .locator('.desk-feeds li', { hasText: feedUrl })
            .locator('.desk-feed-state')
            .textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('1 stored');
    await page.goto(`${base}/`);
    expect(await page.locator('main').textContent()).toContain('Harbour reopens after the storm');
  }, 60_000);
});
