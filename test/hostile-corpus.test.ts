/**
 * The hostile HTML corpus through the readers without a browser (issue #16): what each HTML path
 * keeps is the allow-list's markup only, and no payload reaches a stored field. The browser test
 * (`e2e/hostile-html.browser.test.ts`) then shows nothing runs on the pages.
 */
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseFeedText } from '../src/ingest/feeds/parse.js';
import { extractArticle } from '../src/ingest/pages/extract.js';
import { readDocument } from '../src/ingest/preview.js';
import { htmlToParagraphs, sanitizeHtml } from '../src/ingest/sanitize.js';
import { hostileCorpus, hostileDocuments } from './hostile-corpus.js';

const ORIGIN = 'http://127.0.0.1:9';

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
  abbr: ['title'],
  time: ['datetime'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  blockquote: ['cite'],
  q: ['cite'],
};
const FORBIDDEN =
  /^(script|style|svg|math|iframe|frame|frameset|object|embed|applet|base|meta|link|form|input|button|textarea|template|noscript|video|audio|source|picture|title|xmp|noembed|noframes|marquee|details)$/;

/** Every element and attribute of sanitised HTML that the allow-list should not have let through. */
function offences(html: string): string[] {
  const doc = new DOMParser().parseFromString(
    `<!doctype html><html><body>${html}</body></html>`,
    'text/html',
  );
  const found: string[] = [];
  for (const element of Array.from(doc.body.querySelectorAll('*')) as Element[]) {
    const tag = element.localName;
    if (FORBIDDEN.test(tag)) found.push(`<${tag}>`);
    for (const { name, value } of Array.from(element.attributes)) {
      if (!(ALLOWED_ATTRIBUTES[tag] ?? []).includes(name)) found.push(`<${tag} ${name}>`);
      if (['href', 'src', 'cite'].includes(name) && !/^(https?|mailto):/i.test(value)) {
        found.push(`<${tag} ${name}="${value}">`);
      }
    }
  }
  if (html.includes('__hit')) found.push('a payload survives as text or markup');
  return found;
}

describe('the hostile HTML corpus', () => {
  it('sanitises to the allow-list: no script, handler, style, frame, SVG, MathML or script URL', () => {
    const html = sanitizeHtml(hostileCorpus('fragment.html', 'unit'), `${ORIGIN}/story`);
    expect(offences(html)).toEqual([]);
    // The news paragraphs around the payloads are kept.
    expect(htmlToParagraphs(html).filter((p) => p.split(' ').length > 20)).toHaveLength(7);
  });

  it('keeps no payload in the title, text, author or links of a web page', () => {
    const docs = hostileDocuments(ORIGIN);
    const article = extractArticle(docs['/page.html']!.body, `${ORIGIN}/page.html`);
    expect(offences(article.html)).toEqual([]);
    const fields = [article.title, article.byline ?? '', article.siteName ?? '', ...article.paragraphs];
    expect(fields.filter((f) => /__hit|[<>]/.test(f))).toEqual([]);
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(8);
  });

  it.each(['/feed.rss', '/feed.atom', '/feed.json'])('keeps no payload in any entry of %s', (path) => {
    const feed = parseFeedText(hostileDocuments(ORIGIN)[path]!.body, `${ORIGIN}${path}`);
    expect(feed.entries.length).toBeGreaterThan(0);
    for (const entry of feed.entries) {
      expect(offences(entry.html ?? '')).toEqual([]);
      // Titles, authors and licences may be plain text by the format's rule (a JSON Feed title, an
      // Atom text construct), so markup in them is text the page escapes (the browser test); the
      // story's text comes from HTML and keeps none of it, and links are http(s) only.
      expect(entry.text).not.toMatch(/__hit|[<>]/);
      if (entry.link !== null) expect(entry.link).toMatch(/^https?:/);
      expect(entry.text.split('\n').filter((p) => p.split(' ').length > 20).length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(['/page.html', '/feed.rss', '/feed.atom', '/feed.json'])(
    'previews %s with no payload in the text `lingwire preview` prints',
    (path) => {
      const doc = hostileDocuments(ORIGIN)[path]!;
      const preview = readDocument({
        body: new TextEncoder().encode(doc.body),
        url: `${ORIGIN}${path}`,
        contentType: doc.type,
        charset: null,
      });
      const texts = preview.kind === 'feed' ? preview.entries.map((e) => e.text) : [preview.text];
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        expect(text).not.toMatch(/__hit|[<>]/);
        expect(text.length).toBeGreaterThan(300);
      }
    },
  );
});
