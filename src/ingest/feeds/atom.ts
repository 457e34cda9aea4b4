/**
 * Atom 1.0 (and the 0.3 drafts still served here and there: `issued`, `modified`, `tagline`,
 * `mode="escaped"`). Text constructs default to plain text, as the RFC says; `type="html"`
 * is escaped HTML and `type="xhtml"` inline markup. `xml:base` is honoured on the feed, the
 * entry, each link and the content.
 */
import { finishEntry, plainText, type RawEntry } from './entry.js';
import type { Enclosure, ParsedFeed } from './types.js';
import { all, attr, baseOf, fieldText, first, resolveUrl, text, type XmlNode } from './xml.js';

/** The `alternate` link, preferring an HTML page over other types. */
function alternate(node: XmlNode, base: string | null): string | null {
  const links = all(node, 'link').filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const html = links.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html')) ?? links[0];
  return html ? resolveUrl(attr(html, 'href'), baseOf(html, base)) : null;
}

function linksWithRel(node: XmlNode, rel: string, base: string | null): XmlNode[] {
  return all(node, 'link').filter(
    (l) => attr(l, 'rel') === rel && resolveUrl(attr(l, 'href'), baseOf(l, base)),
  );
}

function enclosuresOf(entry: XmlNode, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  for (const l of linksWithRel(entry, 'enclosure', base)) {
    const length = Number(attr(l, 'length'));
    out.push({
      url: resolveUrl(attr(l, 'href'), baseOf(l, base))!,
      type: attr(l, 'type'),
      length: Number.isFinite(length) && length > 0 ? length : null,
    });
  }
  for (const holder of [entry, ...all(entry, 'media:group')]) {
    for (const m of all(holder, 'media:content')) {
      const url = resolveUrl(attr(m, 'url'), base);
      if (url) out.push({ url, type: attr(m, 'type'), length: Number(attr(m, 'fileSize')) || null });
    }
  }
  return out;
}

function authorOf(node: XmlNode | undefined): string | null {
  const author = first(node, 'author');
  return text(author, 'name') ?? text(author, 'email') ?? (author ? text(node, 'author') : null);
}

function licenseOf(node: XmlNode, base: string | null): string | null {
  const link = linksWithRel(node, 'license', base)[0];
  if (link) return resolveUrl(attr(link, 'href'), baseOf(link, base));
  return (
    plainText(fieldText(first(node, 'rights'), 'text')) ||
    plainText(fieldText(first(node, 'copyright'), 'text')) ||
    null
  );
}

function contentOf(entry: XmlNode, base: string | null) {
  const content = first(entry, 'content');
  // Out-of-line content (`src=`) is a link to the story, not its text.
  if (!content || attr(content, 'src')) return { content: null, base };
  return { content: fieldText(content, 'text'), base: baseOf(content, base) };
}

function readEntry(
  entry: XmlNode,
  feedBase: string | null,
  feed: XmlNode,
  feedLicense: string | null,
): RawEntry {
  const base = baseOf(entry, feedBase);
  const { content, base: contentBase } = contentOf(entry, base);
  const group = first(entry, 'media:group');
  return {
    title: fieldText(first(entry, 'title'), 'text'),
    link: alternate(entry, base),
    id: text(entry, 'id'),
    dates: [
      text(entry, 'published'),
      text(entry, 'issued'),
      text(entry, 'created'),
      text(entry, 'dc:date'),
      text(entry, 'updated'),
      text(entry, 'modified'),
    ],
    author: authorOf(entry) ?? text(entry, 'dc:creator') ?? authorOf(feed),
    content,
    summary:
      fieldText(first(entry, 'summary'), 'text') ??
      fieldText(first(group ?? entry, 'media:description'), 'text'),
    enclosures: enclosuresOf(entry, base),
    license: licenseOf(entry, base) ?? feedLicense,
    base: contentBase,
  };
}

export function readAtom(root: XmlNode, url: string | null): ParsedFeed {
  const base = baseOf(root, url);
  const feedLicense = licenseOf(root, base);
  return {
    format: 'atom',
    title: plainText(fieldText(first(root, 'title'), 'text')),
    link: alternate(root, base),
    description:
      plainText(fieldText(first(root, 'subtitle'), 'text') ?? fieldText(first(root, 'tagline'), 'text')) ||
      null,
    language: attr(root, 'xml:lang'),
    entries: all(root, 'entry').map((entry) => finishEntry(readEntry(entry, base, root, feedLicense))),
  };
}
