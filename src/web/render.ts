/**
 * Sending HTML pages: render a view to bytes once, keep them in the page cache, answer
 * `If-None-Match` with 304, and gzip for clients that accept it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CachedPage, PageCache } from './page-cache.js';
import { makeCachedPage } from './page-cache.js';
import { type KeyQuery, pageKey } from './page-key.js';

const HTML = 'text/html; charset=utf-8';

export function renderHtml(view: VNode): string {
  return `<!doctype html>${renderToString(view)}`;
}

/** Whether the client accepts gzip: named with a q-value above 0 (or `*`), per RFC 9110. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return accepted;
    if (name === '*') star = accepted;
  }
  return star ?? false;
}

/** Whether `If-None-Match` names this ETag: a list, weak (`W/`) forms and `*` all count (weak comparison). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  // The gzip bytes are another representation and get their own validator.
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? page.gzipEtag : page.etag;
  const headers = { etag, 'cache-control': 'no-cache', vary: 'accept-encoding' };
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).headers(headers).send();
  reply.headers({
    ...headers,
    'content-type': page.contentType,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  return reply.send(gzip ? page.gzipped : page.body);
}

/** A view to cache, with the change tags of what it was rendered from (see `PageCache`). */
export interface RenderedView {
  view: VNode;
  tags: readonly string[];
}

/**
 * Serves the page at the request's URL from the cache, or renders it with `render` (which
 * returns null for "not found") and caches the result until one of its tags changes. `query`
 * holds the query values the route reads (validated), the only ones in the cache key
 * (`page-key.ts`): a route that reads none passes nothing.
 */
export async function sendPage(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<RenderedView | null>,
  query: KeyQuery = {},
): Promise<FastifyReply> {
  const syncing = cache.sync();
  if (syncing) await syncing;
  const key = pageKey(request, query);
  let page = cache.get(key);
  if (!page) {
    const epoch = cache.epoch;
    const rendered = await render();
    if (!rendered) {
      reply.callNotFound();
      return reply;
    }
    page = makeCachedPage(renderHtml(rendered.view), HTML);
    cache.set(key, page, rendered.tags, epoch);
  }
  return sendCached(request, reply, page);
}
