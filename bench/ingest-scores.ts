/**
 * Scores lingwire's feed and page reading on the development set (`../shared/data/ingest-dev`),
 * through the same code path as `lingwire preview` (`readDocument`). Used by
 * `bench/ingest-quality.ts` (prints) and `test/ingest-dev-set.test.ts` (asserts a floor).
 *
 * Expected values come from other parsers (feed-rs, rss-parser, feedparser, readability), so
 * they are projected to what lingwire stores before comparing: expected HTML → plain text
 * (linkedom's textContent, not lingwire's own converter), dates → UTC to the minute.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { AppError } from '../src/core/errors.js';
import {
  type ArticlePreview,
  type FeedPreview,
  type LoadedDocument,
  readDocument,
} from '../src/ingest/preview.js';

export interface Score {
  passed: number;
  total: number;
  /** A few failures, for the report: `file: what`. */
  failures: string[];
}

export type Scores = Record<string, Score>;

function tally(scores: Scores, name: string, ok: boolean, failure: () => string): void {
  scores[name] ??= { passed: 0, total: 0, failures: [] };
  const score = scores[name]!;
  score.total++;
  if (ok) score.passed++;
  else score.failures.push(failure());
}

export function ratio(score: Score | undefined): number {
  return score?.total ? score.passed / score.total : 1;
}

const SPACED = new Set([
  'p',
  'br',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'dt',
  'dd',
  'blockquote',
  'section',
  'pre',
]);

interface TextNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<TextNode>;
}

/** Plain text of expected HTML, independent of lingwire's converter: text nodes, a space after block elements. */
export function expectedText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><div id="x">${html}</div></body></html>`);
  let out = '';
  const walk = (node: TextNode) => {
    if (node.nodeType === 3) out += node.nodeValue ?? '';
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toLowerCase();
    if (tag === 'script' || tag === 'style') return;
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (SPACED.has(tag)) out += ' ';
  };
  walk(document.getElementById('x') as unknown as TextNode);
  return out.replace(/\s+/g, ' ').trim();
}

function norm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

function words(text: string): string[] {
  return norm(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function canonicalUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * `expected` is in `actual` as a subsequence of letters and digits, and `actual` is not much
 * longer: tolerant of markup written without spaces (`by<a>name</a>to`), which other parsers
 * turn into words differently.
 */
function containsLoosely(expected: string, actual: string): boolean {
  const compact = (s: string) => norm(s).replace(/[^\p{L}\p{N}]+/gu, '');
  const want = compact(expected);
  const have = compact(actual);
  if (have.length > want.length * 1.5 + 50) return false;
  let j = 0;
  for (let i = 0; i < have.length && j < want.length; i++) if (have[i] === want[j]) j++;
  return j === want.length;
}

/**
 * Every letter and digit of `expected` is in `actual` as often, and `actual` is not much longer:
 * tolerant of parsers that move an element's text out of place (rss-parser's xml2js puts
 * `by<a>name</a>to` as `byto<a>name</a>`).
 */
function containsLetters(expected: string, actual: string): boolean {
  const compact = (s: string) => norm(s).replace(/[^\p{L}\p{N}]+/gu, '');
  const want = compact(expected);
  const have = compact(actual);
  if (have.length > want.length * 1.5 + 50) return false;
  const counts = new Map<string, number>();
  for (const c of have) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const c of want) {
    const n = counts.get(c) ?? 0;
    if (n === 0) return false;
    counts.set(c, n - 1);
  }
  return true;
}

/** Share of the expected words found in `actual` (as a multiset). */
function recall(expected: string, actual: string): number {
  const want = words(expected);
  if (want.length === 0) return 1;
  const have = new Map<string, number>();
  for (const w of words(actual)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / want.length;
}

function minute(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 16);
}

function readFeedFile(path: string, url: string | null, charset: string | null = null): LoadedDocument {
  let body: Buffer = readFileSync(path);
  if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
  return { body, url, contentType: null, charset };
}

const FEED_URL = 'http://feeds.example.test/feed.xml';

// biome-ignore lint/suspicious/noExplicitAny: other parsers' expected JSON, read loosely and only here.
type Json = Record<string, any>;

interface ExpectedEntry {
  title: string | null;
  link: string | null;
  date: string | null;
  content: string | null;
}

/** feed-rs and rss-parser expectations in one shape. */
function expectedEntries(json: Json): ExpectedEntry[] {
  if (json.feed && Array.isArray(json.feed.items)) {
    return (json.feed.items as Json[]).map((item) => ({
      title: item.title ?? null,
      link: item.link ?? null,
      date: item.isoDate ?? null,
      content: item['content:encoded'] ?? item.content ?? null,
    }));
  }
  return ((json.entries as Json[]) ?? []).map((entry) => {
    const link = ((entry.links as Json[]) ?? []).find((l) => !l.rel || l.rel === 'alternate');
    return {
      title: entry.title?.content ?? null,
      link: link?.href ?? null,
      date: entry.published ?? entry.updated ?? null,
      content: entry.content?.body ?? entry.summary?.content ?? null,
    };
  });
}

/** Feeds with an `.expected.json`: titles, links, dates, text. Feeds without: robustness. */
export function scoreFeeds(dir: string): Scores {
  const scores: Scores = {};
  const names = readdirSync(dir).sort();
  for (const name of names) {
    if (name.includes('.expected.')) continue;
    const path = join(dir, name);
    const expectedName = name.replace(/\.(xml|rss|json|atom)$/, '.expected.json');
    const hasExpected = expectedName !== name && names.includes(expectedName);
    let feed: FeedPreview;
    try {
      const result = readDocument(readFeedFile(path, FEED_URL));
      if (result.kind !== 'feed') throw new Error(`read as ${result.kind}`);
      feed = result;
    } catch (error) {
      tally(scores, 'feeds read', false, () => `${name}: ${(error as Error).message}`);
      continue;
    }
    tally(scores, 'feeds read', feed.entries.length > 0, () => `${name}: no entries`);
    for (const entry of feed.entries) {
      tally(
        scores,
        'entries with a title or link',
        !!(entry.title || entry.link),
        () => `${name}: empty entry`,
      );
    }
    if (!hasExpected) continue;
    const expected = expectedEntries(JSON.parse(readFileSync(join(dir, expectedName), 'utf8')) as Json);
    tally(
      scores,
      'entry count',
      expected.length === feed.entries.length,
      () => `${name}: ${feed.entries.length} entries, expected ${expected.length}`,
    );
    expected.forEach((want, i) => {
      const got = feed.entries[i];
      if (!got) return;
      if (want.title) {
        const plain = expectedText(want.title);
        tally(
          scores,
          'titles as plain text',
          norm(got.title) === norm(plain) && !/<[a-z/][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(got.title),
          () => `${name}#${i}: ${JSON.stringify(got.title)} ≠ ${JSON.stringify(plain)}`,
        );
      }
      if (want.link) {
        let wantLink = want.link;
        try {
          wantLink = new URL(want.link, FEED_URL).href;
        } catch {}
        tally(
          scores,
          'links absolute',
          !!got.link && /^https?:\/\//.test(got.link) && got.link === wantLink,
          () => `${name}#${i}: ${got.link} ≠ ${wantLink}`,
        );
      }
      if (want.date) {
        tally(
          scores,
          'dates to the minute',
          minute(got.published) === minute(want.date),
          () => `${name}#${i}: ${got.published} ≠ ${want.date}`,
        );
      } else {
        tally(
          scores,
          'dates null where expected null',
          got.published === null,
          () => `${name}#${i}: ${got.published} for none`,
        );
      }
      if (want.content) {
        const plain = expectedText(want.content);
        if (words(plain).length > 0) {
          const r = recall(plain, got.text);
          tally(
            scores,
            'text contains the content',
            r >= 0.9 || containsLoosely(plain, got.text) || containsLetters(plain, got.text),
            () => `${name}#${i}: word recall ${r.toFixed(2)}`,
          );
          tally(scores, 'text: strict word recall ≥ 0.9', r >= 0.9, () => `${name}#${i}: ${r.toFixed(2)}`);
        }
      }
    });
  }
  return scores;
}

/** A Python string or tuple literal from a feedparser `Expect:` line. */
function pythonLiteral(text: string): string | number[] | null {
  const t = text.trim();
  const tuple = /^\(([\d,\s]+)\)$/.exec(t);
  if (tuple)
    return tuple[1]!
      .split(',')
      .filter((s) => s.trim())
      .map(Number);
  const str = /^u?(['"])((?:\\.|(?!\1).)*)\1$/s.exec(t);
  if (!str) return null;
  return str[2]!.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

const CASE_FIELDS: Array<[RegExp, string]> = [
  [/^feed\['title(?:_detail'\]\['value)?'\]$/, 'titles'],
  [/^entries\[0\]\['title(?:_detail'\]\['value)?'\]$/, 'titles'],
  [/^(?:feed|entries\[0\])\['link'\]$/, 'links'],
  [/^entries\[0\]\['(?:published|updated|created|issued|modified)_parsed'\]$/, 'dates'],
  [/^entries\[0\]\['content'\]\[0\]\['value'\]$/, 'text'],
  [/^entries\[0\]\['(?:summary|description)'\]$/, 'text'],
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.xml') ? [join(dir, e.name)] : [],
  );
}

/**
 * feedparser's wellformed micro-cases whose `Expect:` is one comparison of a field lingwire keeps
 * (titles, links, entry dates, content/summary text) with a literal. HTTP-header cases are left
 * out (feedparser takes `Content-Location` as the base, which lingwire does not).
 */
export function scoreFeedparserCases(dir: string): Scores {
  const scores: Scores = {};
  for (const path of walk(join(dir, 'wellformed')).sort()) {
    const source = readFileSync(path, 'latin1');
    // HTTP-header cases need feedparser's mock server; CDF is Microsoft's 1997 format, not a feed lingwire reads.
    if (/^Header:/m.test(source) || path.includes('/cdf/')) continue;
    const expect = /^Expect:\s*(?:not bozo and )?(.+?)\s*$/m.exec(source)?.[1];
    if (!expect) continue;
    const m = /^((?:feed|entries\[0\])(?:\[[^\]]+\])+)\s*==\s*(.+)$/.exec(expect);
    if (!m) continue;
    const field = CASE_FIELDS.find(([re]) => re.test(m[1]!));
    const literal = pythonLiteral(m[2]!);
    if (!field || literal === null) continue;
    const name = relative(dir, path);
    const url = `http://127.0.0.1:8097/tests/${name}`;
    let feed: FeedPreview;
    try {
      const result = readDocument(readFeedFile(path, url));
      if (result.kind !== 'feed') throw new Error('not a feed');
      feed = result;
    } catch (error) {
      tally(scores, `cases: ${field[1]}`, false, () => `${name}: ${(error as Error).message}`);
      continue;
    }
    const onFeed = m[1]!.startsWith('feed');
    const entry = feed.entries[0];
    let ok = false;
    let got: unknown = null;
    if (field[1] === 'dates' && Array.isArray(literal)) {
      got = entry?.published ?? null;
      const [y, mo, d, h, mi] = literal;
      ok =
        minute(entry?.published) === new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!)).toISOString().slice(0, 16);
    } else if (typeof literal === 'string') {
      if (field[1] === 'titles') {
        got = onFeed ? feed.title : entry?.title;
        // feedparser keeps text constructs as HTML, except plain text it leaves as written.
        ok = [expectedText(literal), literal].some((want) => norm(String(got ?? '')) === norm(want));
      } else if (field[1] === 'links') {
        got = onFeed ? feed.link : entry?.link;
        ok = got === literal || (!!literal && got === canonicalUrl(literal)) || (!literal && got === null);
      } else {
        // Summary cases only count where the summary is what lingwire stores.
        if (
          /summary|description/.test(m[1]!) &&
          entry &&
          !entry.fetchPage &&
          entry.text &&
          /content/i.test(source)
        )
          continue;
        got = entry?.text;
        ok = [expectedText(literal), literal].some((want) => norm(String(got ?? '')) === norm(want));
      }
    } else continue;
    tally(
      scores,
      `cases: ${field[1]}`,
      ok,
      () => `${name}: ${JSON.stringify(got)} vs ${JSON.stringify(literal)}`,
    );
  }
  return scores;
}

/** Texts in the source page that are not the article: navigation, share bars, comments, scripts. */
export function boilerplateSnippets(source: string, expectedPlain: string): string[] {
  const { document } = parseHTML(source);
  const selector = [
    'nav',
    'footer',
    'aside',
    'form',
    'script',
    'style',
    '[class*="share"]',
    '[class*="social"]',
    '[class*="comment"]',
    '[id*="comment"]',
    '[class*="related"]',
    '[class*="promo"]',
    '[class*="advert"]',
    '[class*="newsletter"]',
  ].join(', ');
  const expected = norm(expectedPlain);
  const snippets = new Set<string>();
  for (const node of Array.from(document.querySelectorAll(selector))) {
    for (const block of (node.textContent ?? '').split(/\n|\s{3,}/)) {
      const text = norm(block);
      if (words(text).length >= 5 && text.length <= 300 && !expected.includes(text)) snippets.add(text);
    }
  }
  return [...snippets];
}

function paragraphsOf(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return Array.from(document.querySelectorAll('p'))
    .filter((p) => !p.closest('figure, figcaption, aside, nav'))
    .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => words(t).length >= 4);
}

/** readability's test pages: first and last paragraph present, boilerplate absent, length, metadata. */
export function scorePages(dir: string): Scores {
  const scores: Scores = {};
  for (const name of readdirSync(dir).sort()) {
    const source = readFileSync(join(dir, name, 'source.html'));
    const expectedHtml = readFileSync(join(dir, name, 'expected.html'), 'utf8');
    const meta = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Json;
    let page: ArticlePreview;
    try {
      const result = readDocument({
        body: source,
        url: 'http://fakehost/test/page.html',
        contentType: 'text/html',
        charset: null,
      });
      if (result.kind !== 'article') throw new Error(`read as ${result.kind}`);
      page = result;
    } catch (error) {
      const message = error instanceof AppError ? error.code : (error as Error).message;
      tally(scores, 'pages read', false, () => `${name}: ${message}`);
      continue;
    }
    tally(scores, 'pages read', true, () => '');
    const text = norm(page.text);
    const paragraphs = paragraphsOf(expectedHtml);
    if (paragraphs.length > 0) {
      const firstP = norm(paragraphs[0]!);
      const lastP = norm(paragraphs[paragraphs.length - 1]!);
      tally(
        scores,
        'first paragraph present',
        text.includes(firstP),
        () => `${name}: ${firstP.slice(0, 80)}`,
      );
      tally(scores, 'last paragraph present', text.includes(lastP), () => `${name}: ${lastP.slice(0, 80)}`);
    }
    const expectedPlain = expectedText(expectedHtml);
    const snippets = boilerplateSnippets(source.toString('utf8'), expectedPlain);
    const leaked = snippets.filter((s) => text.includes(s));
    tally(scores, 'boilerplate absent', leaked.length === 0, () => `${name}: ${leaked[0]?.slice(0, 80)}`);
    const ratioWords = words(page.text).length / Math.max(1, words(expectedPlain).length);
    tally(
      scores,
      'word count within ±30%',
      ratioWords >= 0.7 && ratioWords <= 1.3,
      () => `${name}: ${ratioWords.toFixed(2)}×`,
    );
    if (meta.title) {
      tally(
        scores,
        'metadata: title',
        norm(page.title) === norm(String(meta.title)),
        () => `${name}: ${page.title} ≠ ${meta.title}`,
      );
    }
    if (meta.publishedTime) {
      tally(
        scores,
        'metadata: published',
        minute(page.published) === minute(String(meta.publishedTime)),
        () => `${name}: ${page.published} ≠ ${meta.publishedTime}`,
      );
    }
  }
  return scores;
}

/** The criteria held to 0.95. */
export const TARGETED = [
  'titles as plain text',
  'links absolute',
  'dates to the minute',
  'text contains the content',
  'first paragraph present',
  'last paragraph present',
  'boilerplate absent',
];
