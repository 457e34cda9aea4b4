/**
 * The hostile HTML corpus in `test/fixtures/hostile/` with its placeholders filled: `{{OUT}}` an
 * outside host, `{{BEACON}}` a URL the test watches, and each `{{TEXT}}` an ordinary news
 * paragraph made up from `seed`, so the stories imported from one corpus by different paths are
 * not near-duplicates of each other (a copy's page shows its canonical story instead).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.js';

export const HOSTILE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'hostile');
/** The outside host the payloads name; nothing may ever reach it. */
export const OUTSIDE = 'http://evil.example';

const SUBJECTS = [
  'The council',
  'The harbour authority',
  'A local charity',
  'The school board',
  'The city museum',
  'The bus company',
  'A group of farmers',
  'The hospital',
  'The football club',
  'The water company',
  'A small bakery',
  'The police',
];
const VERBS = [
  'said on Monday',
  'announced on Tuesday',
  'confirmed on Wednesday',
  'told reporters on Thursday',
  'explained on Friday',
  'wrote in a letter on Saturday',
  'admitted on Sunday',
];
const OBJECTS = [
  'that the new bridge',
  'that the winter market',
  'that the old library',
  'that the cycling lane',
  'that the summer festival',
  'that the night bus',
  'that the river path',
  'that the science fair',
  'that the youth centre',
  'that the flower show',
];
const ENDINGS = [
  'would open two months later than planned',
  'had cost far more than anyone expected',
  'would stay open until nine in the evening',
  'was popular with families and students',
  'needed more volunteers before the spring',
  'would be free for children under twelve',
  'had been delayed by heavy rain and wind',
  'could move to a larger site next year',
];
const REASONS = [
  'because steel arrived late',
  'after a long public debate',
  'as prices rose across the region',
  'once the insurance was agreed',
  'because fewer drivers applied',
  'after residents asked for it',
  'while the roads were being repaired',
];

/** A seeded paragraph generator (mulberry32). */
export function paragraphs(seed: string): () => string {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 7);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
  const sentence = () =>
    `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(ENDINGS)}, ${pick(REASONS)}.`;
  return () => `${sentence()} ${sentence()} ${sentence()}`;
}

/** A corpus file with its placeholders filled. */
export function hostileCorpus(
  name: 'fragment.html' | 'page.html' | 'xhtml.xml',
  seed: string,
  beacon = `${OUTSIDE}/beacon`,
): string {
  const text = paragraphs(seed);
  return readFileSync(join(HOSTILE_DIR, name), 'utf8')
    .replaceAll('{{OUT}}', OUTSIDE)
    .replaceAll('{{BEACON}}', beacon)
    .replaceAll('{{TEXT}}', () => text());
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The documents the fixture server answers with, each carrying the corpus its own way. */
export function hostileDocuments(origin: string): Record<string, { type: string; body: string }> {
  const beacon = `${origin}/beacon`;
  const fragment = (seed: string) => hostileCorpus('fragment.html', seed, beacon);
  const page = hostileCorpus('page.html', 'page', beacon).replace('{{FRAGMENT}}', fragment('page'));
  const hostileTitle = (what: string) => `${what} &lt;script&gt;__hit('title')&lt;/script&gt;`;
  const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>${hostileTitle('Harbour Wire')}</title>
  <link>javascript:__hit('channel-link')</link>
  <copyright>javascript:__hit('licence')</copyright>
  <item>
    <title>${hostileTitle('Ferry terminal opens late (RSS content)')}</title>
    <link>${origin}/items/rss-content</link>
    <guid isPermaLink="false">rss-content</guid>
    <dc:creator><![CDATA[<img src=x onerror="__hit('creator')">Jane Roe]]></dc:creator>
    <content:encoded><![CDATA[${fragment('rss-content')}]]></content:encoded>
  </item>
  <item>
    <title>Ferry terminal opens late (RSS description)</title>
    <link>javascript:__hit('item-link')</link>
    <guid isPermaLink="false">rss-description</guid>
    <description>${escapeXml(fragment('rss-description'))}</description>
  </item>
</channel>
</rss>`;
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:__hit('xml-base')">
  <title type="html">${hostileTitle('Harbour Atom')}</title>
  <id>urn:hostile:atom</id>
  <updated>2026-03-01T10:00:00Z</updated>
  <rights>&lt;img src=x onerror=__hit('rights')&gt;</rights>
  <entry>
    <title type="html">${hostileTitle('Ferry terminal opens late (Atom html)')}</title>
    <id>urn:hostile:atom-html</id>
    <link rel="alternate" href="${origin}/items/atom-html"/>
    <updated>2026-03-01T10:00:00Z</updated>
    <author><name>&lt;svg onload=__hit('atom-author')&gt;Kim Poe</name><uri>javascript:__hit('author-uri')</uri></author>
    <content type="html">${escapeXml(fragment('atom-html'))}</content>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Recycling centre opens <script>__hit('xhtml-title')</script>(Atom xhtml)</div></title>
    <id>urn:hostile:atom-xhtml</id>
    <link rel="alternate" href="${origin}/items/atom-xhtml"/>
    <updated>2026-03-01T11:00:00Z</updated>
    <content type="xhtml">${hostileCorpus('xhtml.xml', 'atom-xhtml', beacon)}</content>
  </entry>
</feed>`;
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: "Harbour <script>__hit('json-feed-title')</script> JSON",
    home_page_url: "javascript:__hit('home')",
    items: [
      {
        id: 'json-feed-html',
        url: `${origin}/items/json-feed`,
        title: "Ferry terminal opens late (JSON Feed) <img src=x onerror=__hit('json-title')>",
        authors: [{ name: "<img src=x onerror=__hit('json-author')>Lee Ray", url: "javascript:__hit('a')" }],
        content_html: fragment('json-feed'),
        date_published: '2026-03-01T12:00:00Z',
      },
    ],
  });
  return {
    '/page.html': { type: 'text/html; charset=utf-8', body: page },
    '/feed.rss': { type: 'application/rss+xml', body: rss },
    '/feed.atom': { type: 'application/atom+xml', body: atom },
    '/feed.json': { type: 'application/feed+json', body: json },
  };
}

/** Every text field of a JSON Lines record holding markup, as an editor's file might. */
export function hostileRecord(origin: string): string {
  const fragment = hostileCorpus('fragment.html', 'jsonl', `${origin}/beacon`);
  return `${JSON.stringify({
    id: 'jsonl-hostile',
    title: "Ferry terminal opens late (JSON Lines) <script>__hit('jsonl-title')</script>",
    body: fragment.split('\n').filter(Boolean),
    section: "<img src=x onerror=__hit('jsonl-section')>",
    source: "<svg onload=__hit('jsonl-source')>",
    url: `${origin}/items/jsonl?"><script>__hit('jsonl-url')</script>`,
    tags: ["<script>__hit('tag')</script>", 'ferries'],
    author: "<img src=x onerror=__hit('jsonl-author')>Max Ode",
    license: "javascript:__hit('jsonl-license')",
    feed: `${origin}/feed?x="><img src=x onerror=__hit('jsonl-feed')>`,
    dateline: 'LONDON, March 1 (Wire)',
    date: '2026-03-01',
  })}\n`;
}
