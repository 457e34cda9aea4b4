import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { runCli } from '../main.js';

const LONG = Array.from({ length: 90 }, (_, i) => `word${i}`).join(' ');
const FEED = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Local &amp; Co</title><link>/</link>
<item><title>Short one</title><link>/short</link><pubDate>Tue, 05 Mar 2024 08:15:00 GMT</pubDate><description>Just a teaser.</description></item>
<item><title>Long summary</title><link>/long</link><description>${LONG}</description></item>
<item><title>Full</title><link>/full</link><description>Teaser.</description><content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded></item>
</channel></rss>`;
const PAGE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'pages', 'news-article.html'));

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    else if (req.url === '/page')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ALLOW = { LINGWIRE_FETCH_HOSTS: '127.0.0.1' };

describe('lingwire preview', () => {
  it('prints a feed as JSON in document order, saying which entries need their page', async () => {
    const result = await cli(ALLOW, 'preview', `${base}/feed`, '--json', '--allow-private');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ kind: 'feed', title: 'Local & Co', link: `${base}/` });
    expect(json.entries.map((e: { title: string; fetchPage: boolean }) => [e.title, e.fetchPage])).toEqual([
      ['Short one', true],
      ['Long summary', false],
      ['Full', false],
    ]);
    expect(Object.keys(json.entries[0]).slice(0, 6)).toEqual([
      'title',
      'link',
      'published',
      'author',
      'text',
      'fetchPage',
    ]);
    expect(json.entries[0]).toMatchObject({
      link: `${base}/short`,
      published: '2024-03-05T08:15:00.000Z',
      text: 'Just a teaser.',
    });
  });

  it('prints an article as JSON', async () => {
    const result = await cli(ALLOW, 'preview', `${base}/page`, '--json', '--allow-private');
    const json = JSON.parse(result.out);
    expect(Object.keys(json).slice(0, 6)).toEqual(['kind', 'title', 'byline', 'published', 'text', 'url']);
    expect(json).toMatchObject({
      kind: 'article',
      title: 'River town rebuilds after the flood',
      byline: 'Mary Fields',
    });
    expect(json.text.split('\n')).toHaveLength(5);
  });

  it('prints a readable summary without --json', async () => {
    const result = await cli(ALLOW, 'preview', `${base}/feed`, '--allow-private');
    expect(result.out).toContain('Feed (rss): Local & Co');
    expect(result.out).toContain('summary only: polling would fetch the linked page');
  });

  it('refuses a private address without --allow-private, and a host off LINGWIRE_FETCH_HOSTS', async () => {
    const privateRefused = await cli(ALLOW, 'preview', `${base}/feed`);
    expect(privateRefused.code).toBe(1);
    expect(privateRefused.err).toMatch(/loopback, private or link-local address; pass --allow-private/);
    const offList = await cli(
      { LINGWIRE_FETCH_HOSTS: 'feeds.example.com' },
      'preview',
      `${base}/feed`,
      '--allow-private',
    );
    expect(offList.err).toContain('host 127.0.0.1 is not in LINGWIRE_FETCH_HOSTS');
  });

  it('reads a local file', async () => {
    const path = join(REPO_ROOT, 'test', 'fixtures', 'pages', 'news-article.html');
    const result = await cli({}, 'preview', path, '--json');
    expect(JSON.parse(result.out)).toMatchObject({
      kind: 'article',
      url: 'https://courier.example.com/news/river-town-rebuilds',
    });
    const missing = await cli({}, 'preview', join(REPO_ROOT, 'no-such-file.xml'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
  });
});
