/**
 * What a page says about itself in its head: title, author, publication date, site name,
 * language, canonical address. Read from Open Graph, `article:*`, schema.org JSON-LD, Dublin
 * Core and the common `<meta name>` forms, before readability rewrites the document.
 */
import { parseDate } from '../dates.js';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  lang: string | null;
  canonical: string | null;
}

interface MetaElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
  querySelector(selector: string): MetaElement | null;
  documentElement: MetaElement | null;
  title?: string;
}

const DATE_KEYS = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
];

function metaMap(document: MetaDocument): Map<string, string> {
  const map = new Map<string, string>();
  const metas = document.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const meta = metas[i]!;
    const key = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('itemprop') ??
      ''
    )
      .trim()
      .toLowerCase();
    const content = meta.getAttribute('content')?.trim();
    if (key && content && !map.has(key)) map.set(key, content);
  }
  return map;
}

/** `datePublished` and author from schema.org JSON-LD (NewsArticle and its kin). */
function jsonLd(document: MetaDocument): { published: string | null; author: string | null } {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      const data = JSON.parse(scripts[i]!.textContent ?? '') as unknown;
      const nodes = (
        Array.isArray(data) ? data : [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])]
      ) as Array<Record<string, unknown>>;
      for (const node of nodes) {
        if (!node || typeof node !== 'object' || typeof node.datePublished !== 'string') continue;
        const author = Array.isArray(node.author) ? node.author[0] : node.author;
        const name = typeof author === 'string' ? author : (author as { name?: unknown })?.name;
        return { published: node.datePublished, author: typeof name === 'string' ? name : null };
      }
    } catch {
      // A broken JSON-LD block is common and says nothing about the article.
    }
  }
  return { published: null, author: null };
}

function sameSite(url: string, base: string | null): string | null {
  try {
    const resolved = new URL(url, base ?? undefined);
    if (!/^https?:$/.test(resolved.protocol)) return null;
    if (base && new URL(base).hostname.replace(/^www\./, '') !== resolved.hostname.replace(/^www\./, ''))
      return null;
    return resolved.href;
  } catch {
    return null;
  }
}

export function pageMetadata(doc: unknown, url: string | null): PageMetadata {
  const document = doc as MetaDocument;
  const meta = metaMap(document);
  const ld = jsonLd(document);
  let published: string | null = null;
  for (const key of DATE_KEYS) {
    published = parseDate(meta.get(key));
    if (published) break;
  }
  published ??= parseDate(ld.published);
  published ??= parseDate(
    document.querySelector('time[pubdate], time[itemprop="datePublished"]')?.getAttribute('datetime'),
  );
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return {
    title: meta.get('og:title') ?? meta.get('twitter:title') ?? document.title ?? null,
    byline: meta.get('author') ?? meta.get('article:author') ?? meta.get('dc.creator') ?? ld.author,
    published,
    siteName: meta.get('og:site_name') ?? null,
    lang: document.documentElement?.getAttribute('lang') ?? null,
    canonical: canonical ? sameSite(canonical, url) : null,
  };
}
