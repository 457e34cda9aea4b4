/**
 * XML feeds to a plain object tree. fast-xml-parser, not feedparser (npm): it is maintained,
 * has no native parts, parses a string synchronously and is lenient with the not-quite-XML real
 * feeds are (stray bytes before `<?xml`, undeclared entities, unescaped `&`), while feedparser
 * is a SAX stream with a fixed item model that hides `xml:base` and raw content from us.
 *
 * fast-xml-parser knows nothing of namespaces, so element names are rewritten to canonical
 * prefixes by namespace URI (`<foo:encoded xmlns:foo="…/content/">` → `content:encoded`; the
 * feed's own namespace, Atom or RSS 1.0, unprefixed). Text fields that may carry markup are
 * kept raw (`stopNodes`) so CDATA, escaped HTML and inline XHTML can be told apart by
 * `fieldText`.
 */
import { XMLParser } from 'fast-xml-parser';

/** A parsed element: attributes as `@_name`, text as `#text` or the value itself. */
export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue | undefined;
}

const ATOM = 'http://www.w3.org/2005/Atom';
const ATOM03 = 'http://purl.org/atom/ns#';

/** Namespace URI → the prefix the readers use. '' is the feed's own vocabulary. */
const CANONICAL: Record<string, string> = {
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://backend.userland.com/creativeCommonsRssModule': 'cc',
  'http://web.resource.org/cc/': 'cc',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

/** Elements whose content may be HTML, XHTML or CDATA: kept raw for `fieldText`. */
const RAW_FIELDS = [
  'title',
  'description',
  'content:encoded',
  'content',
  'summary',
  'subtitle',
  'tagline',
  'info',
  'rights',
  'copyright',
  'dc:rights',
  'dc:description',
  'itunes:summary',
  'xhtml:body',
  'body',
  'fullitem',
  'dc:title',
  'media:title',
];

const ARRAYS = new Set([
  'item',
  'entry',
  'link',
  'enclosure',
  'media:content',
  'author',
  'category',
  'contributor',
]);

/** Maps each declared prefix to its canonical one. */
function prefixMap(xml: string): Map<string, string> {
  const root = /<(?:([\w.-]+):)?(feed|RSS|rss|RDF|rdf)\b[^<>]*>/.exec(xml);
  const rootPrefix = root?.[1] ?? '';
  const declared = new Map<string, string>();
  for (const m of xml.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)) {
    if (!declared.has(m[1] ?? '')) declared.set(m[1] ?? '', m[2]!.trim());
  }
  const rootUri = declared.get(rootPrefix) ?? '';
  const isAtomDoc = rootUri === ATOM || rootUri === ATOM03;
  const map = new Map<string, string>();
  for (const [prefix, uri] of declared) {
    if (!prefix) continue;
    if (uri === ATOM || uri === ATOM03) map.set(prefix, isAtomDoc ? '' : 'atom');
    // Own keys only: a feed may declare any string as a namespace (`constructor`, say).
    else if (Object.hasOwn(CANONICAL, uri)) map.set(prefix, CANONICAL[uri]!);
    else if (Object.hasOwn(CANONICAL, uri.toLowerCase())) map.set(prefix, CANONICAL[uri.toLowerCase()]!);
  }
  // A root with a prefix for the feed's own vocabulary (`<rdf:RDF>`, `<a:feed>`) keeps rdf:.
  if (rootPrefix && (root?.[2] === 'RDF' || root?.[2] === 'rdf')) map.set(rootPrefix, 'rdf');
  return map;
}

/**
 * Real servers put a newline, a BOM or a stray byte before `<?xml`; strict parsers reject that.
 * Everything before the declaration (or the first tag) is dropped.
 */
export function trimProlog(text: string): string {
  const declaration = text.indexOf('<?xml');
  if (declaration > 0 && declaration < 1024) return text.slice(declaration);
  if (declaration === 0) return text;
  const firstTag = text.search(/<[!?a-zA-Z]/);
  return firstTag > 0 ? text.slice(firstTag) : text;
}

/** Parses XML text into a tree with canonical element names; the root element's name and node. */
export function parseXml(text: string): { rootName: string; root: XmlNode } | null {
  const xml = trimProlog(text);
  const prefixes = prefixMap(xml);
  const rename = (name: string) => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const prefix = name.slice(0, colon);
    const canonical = prefixes.get(prefix);
    if (canonical === undefined) return name;
    return canonical ? `${canonical}:${name.slice(colon + 1)}` : name.slice(colon + 1);
  };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: false,
    transformTagName: rename,
    transformAttributeName: (name) => (name.startsWith('xmlns') ? name : rename(name)),
    stopNodes: RAW_FIELDS.map((field) => `*.${field}`),
    isArray: (name) => ARRAYS.has(name) || ARRAYS.has(name.replace(/^atom:/, '')),
  });
  let tree: XmlNode;
  try {
    tree = parser.parse(xml) as XmlNode;
  } catch {
    return null;
  }
  for (const [name, value] of Object.entries(tree)) {
    if (name.startsWith('?') || name.startsWith('!') || name === '#text') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) return { rootName: name, root: value };
    if (Array.isArray(value) && value[0] && typeof value[0] === 'object') {
      return { rootName: name, root: value[0] as XmlNode };
    }
  }
  return null;
}

/** The node(s) under `name`, as an array. */
export function all(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'string' ? { '#text': v } : (v as XmlNode)));
}

export function first(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return all(node, name)[0];
}

/** An attribute's value. */
export function attr(node: XmlNode | undefined, name: string): string | null {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? value : null;
}

/** The text of a simple (not raw) element, entities decoded, trimmed; null when absent or empty. */
export function text(node: XmlNode | undefined, name: string): string | null {
  const found = first(node, name);
  if (!found) return null;
  const value = found['#text'];
  const raw = typeof value === 'string' ? value : Array.isArray(value) ? value.join('') : '';
  const trimmed = raw.trim();
  return trimmed ? trimmed : null;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; other named entities are left as written. */
function decodeXmlEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The raw XML inside a stop node, decoded as character data: CDATA taken as is, entities decoded. */
export function characterData(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const start = rest.indexOf('<![CDATA[');
    if (start < 0) return out + decodeXmlEntities(rest);
    out += decodeXmlEntities(rest.slice(0, start));
    const end = rest.indexOf(']]>', start + 9);
    if (end < 0) return out + rest.slice(start + 9);
    out += rest.slice(start + 9, end);
    rest = rest.slice(end + 3);
  }
}

/** The content of a raw field and how to read it. */
export interface FieldText {
  /** HTML (`html`, `xhtml`, and RSS fields), or plain text. */
  kind: 'html' | 'text';
  value: string;
}

/**
 * Reads a raw field. `html` and RSS fields: the character data is HTML. `xhtml`: the markup
 * itself (the wrapping `<div>` and namespace prefixes removed). `text`: plain text, unless it
 * holds inline elements anyway.
 */
export function fieldText(node: XmlNode | undefined, defaultType: 'html' | 'text'): FieldText | null {
  if (!node) return null;
  const raw = typeof node['#text'] === 'string' ? node['#text'] : '';
  const type = (attr(node, 'type') ?? '').toLowerCase();
  const mode = (attr(node, 'mode') ?? '').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const markup = raw
      .replace(/<(\/?)[\w.-]+:/g, '<$1')
      .trim()
      .replace(/^<div\b[^>]*>([\s\S]*)<\/div>$/i, '$1');
    return markup.trim() ? { kind: 'html', value: markup } : null;
  }
  let value = characterData(raw);
  // Atom: a media type that is neither text nor XML is base64 (RFC 4287 4.1.3.3); Atom 0.3 says so with mode.
  const binary = type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type);
  if (mode === 'base64' || binary) value = Buffer.from(value.trim(), 'base64').toString('utf8');
  if (!value.trim()) return null;
  const html =
    type === 'html' || type === 'text/html' || mode === 'escaped' || (type === '' && defaultType === 'html');
  // Atom text that still contains elements (not escaped) is read as markup.
  if (!html && /<[a-z][^>]*>/i.test(raw.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')))
    return { kind: 'html', value };
  return { kind: html ? 'html' : 'text', value };
}

/** `xml:base` of a node resolved against `base`. */
export function baseOf(node: XmlNode | undefined, base: string | null): string | null {
  const own = attr(node, 'xml:base');
  if (!own) return base;
  try {
    return new URL(own.trim(), base ?? undefined).href;
  } catch {
    return base;
  }
}

/** Resolves a possibly relative URL; null when it cannot be made absolute http(s). */
export function resolveUrl(url: string | null | undefined, base: string | null): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url.trim(), base ?? undefined);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}
