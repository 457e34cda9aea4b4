/**
 * RSS 0.9x and 2.0 (`<rss><channel><item>`), and RSS 1.0 / 0.90 (RDF: `<rdf:RDF>` with
 * `<channel>` and `<item>`s beside it). Dublin Core, `content:encoded`, Media RSS, iTunes and
 * Creative Commons elements are read where the core elements are missing.
 */
import { finishEntry, plainText, type RawEntry } from './entry.js';
import type { Enclosure, FeedFormat, ParsedFeed } from './types.js';
import { all, attr, baseOf, fieldText, first, resolveUrl, text, type XmlNode } from './xml.js';

function enclosuresOf(item: XmlNode, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  const add = (url: string | null, type: string | null, length: string | null) => {
    const resolved = resolveUrl(url, base);
    if (!resolved) return;
    const size = length ? Number(length) : Number.NaN;
    out.push({
      url: resolved,
      type: type?.trim() || null,
      length: Number.isFinite(size) && size > 0 ? size : null,
    });
  };
  for (const e of all(item, 'enclosure')) add(attr(e, 'url'), attr(e, 'type'), attr(e, 'length'));
  for (const holder of [item, ...all(item, 'media:group')]) {
    for (const m of all(holder, 'media:content')) add(attr(m, 'url'), attr(m, 'type'), attr(m, 'fileSize'));
  }
  return out;
}

function atomLink(item: XmlNode, rel: string): string | null {
  const link = all(item, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === rel);
  return attr(link, 'href');
}

function licenseOf(node: XmlNode | undefined): string | null {
  const cc = first(node, 'cc:license');
  return (
    attr(cc, 'rdf:resource') ??
    text(node, 'cc:license') ??
    text(node, 'dcterms:license') ??
    plainText(fieldText(first(node, 'dc:rights'), 'text')) ??
    null
  );
}

function linkOf(item: XmlNode, base: string | null): string | null {
  for (const link of all(item, 'link')) {
    const resolved =
      resolveUrl(link['#text'] as string | undefined, base) ?? resolveUrl(attr(link, 'href'), base);
    if (resolved) return resolved;
  }
  const guid = first(item, 'guid');
  if (guid && attr(guid, 'isPermaLink') !== 'false') {
    const fromGuid = text(item, 'guid');
    if (fromGuid && /^https?:\/\//i.test(fromGuid)) return resolveUrl(fromGuid, base);
  }
  return resolveUrl(atomLink(item, 'alternate'), base) ?? resolveUrl(attr(item, 'rdf:about'), base);
}

function readItem(item: XmlNode, channelBase: string | null, feedLicense: string | null): RawEntry {
  const base = baseOf(item, channelBase);
  const group = first(item, 'media:group');
  return {
    title:
      fieldText(first(item, 'title'), 'html') ??
      fieldText(first(item, 'dc:title'), 'html') ??
      fieldText(first(item, 'media:title'), 'text') ??
      fieldText(first(first(item, 'media:group'), 'media:title'), 'text'),
    link: linkOf(item, base),
    id: text(item, 'guid') ?? attr(item, 'rdf:about') ?? text(item, 'atom:id'),
    dates: [
      text(item, 'pubDate'),
      text(item, 'dc:date'),
      text(item, 'dcterms:issued'),
      text(item, 'dcterms:created'),
      text(item, 'atom:published'),
      text(item, 'dcterms:modified'),
      text(item, 'atom:updated'),
      text(item, 'lastBuildDate'),
    ],
    author: text(item, 'author') ?? text(item, 'dc:creator') ?? text(item, 'itunes:author'),
    content:
      fieldText(first(item, 'content:encoded'), 'html') ??
      fieldText(first(item, 'xhtml:body'), 'html') ??
      fieldText(first(item, 'body'), 'html') ??
      fieldText(first(item, 'fullitem'), 'html'),
    summary:
      fieldText(first(item, 'description'), 'html') ??
      fieldText(first(item, 'dc:description'), 'html') ??
      fieldText(first(item, 'itunes:summary'), 'text') ??
      fieldText(first(group ?? item, 'media:description'), 'text'),
    enclosures: enclosuresOf(item, base),
    license: licenseOf(item) || feedLicense,
    base,
  };
}

/** Reads an `<rss>` or `<rdf:RDF>` root. `url` is the feed's own address, the base for relative links. */
export function readRss(
  root: XmlNode,
  format: Extract<FeedFormat, 'rss' | 'rdf'>,
  url: string | null,
): ParsedFeed {
  const rootBase = baseOf(root, url);
  const channel = first(root, 'channel') ?? root;
  const base = baseOf(channel, rootBase);
  const items = [...all(channel, 'item'), ...(channel === root ? [] : all(root, 'item'))];
  const feedLicense = licenseOf(channel) || plainText(fieldText(first(channel, 'copyright'), 'text')) || null;
  return {
    format,
    title: plainText(
      fieldText(first(channel, 'title'), 'html') ?? fieldText(first(channel, 'dc:title'), 'html'),
    ),
    link: linkOf(channel, base),
    description: plainText(fieldText(first(channel, 'description'), 'html')) || null,
    language: text(channel, 'language') ?? text(channel, 'dc:language'),
    entries: items.map((item) => finishEntry(readItem(item, base, feedLicense))),
  };
}
