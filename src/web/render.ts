/**
 * Sending HTML pages: render a view to bytes once, keep them in the page cache, answer
 * `If-None-Match` with 304, and gzip for clients that accept it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CachedPage, PageCache } from './page-cache.js';
import { gzipOf, makeCachedPage } from './page-cache.js';
import { type KeyQuery, pageKey } from './page-key.js';
import { RenderQueue } from './render-queue.js';

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

/**
 * Whether a conditional GET may be answered 304 (RFC 9110 §13.2.2): `If-None-Match` when sent
 * (and then `If-Modified-Since` is ignored), else `If-Modified-Since` at or after the page's
 * `Last-Modified`. An unreadable date, or one in the future, is ignored.
 */
export function notModified(
  headers: { 'if-none-match'?: string; 'if-modified-since'?: string },
  etag: string,
  lastModified: number | null,
): boolean {
  if (headers['if-none-match'] !== undefined) return etagMatches(headers['if-none-match'], etag);
  const since = headers['if-modified-since'];
  if (since === undefined || lastModified === null) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && date <= Date.now() && lastModified <= date;
}

/**
 * A cached page's headers (after the security headers), in the order sent, as a flat list:
 * `name, value, name, value, …`. Both ways of sending a cached page use it, so the fast path
 * (`fast-path.ts`, which adds `content-length`) and `sendCached` answer alike.
 */
export function cachedPageHeaders(page: CachedPage, gzip: boolean, status: 200 | 304): string[] {
  // The gzip bytes are another representation and get their own validator.
  const list = ['etag', gzip ? page.gzipEtag : page.etag];
  if (page.lastModified !== null) list.push('last-modified', new Date(page.lastModified).toUTCString());
  list.push('cache-control', 'no-cache', 'vary', 'accept-encoding');
  if (status === 304) return list;
  list.push('content-type', page.contentType);
  if (gzip) list.push('content-encoding', 'gzip');
  return list;
}

function headerObject(list: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) headers[list[i]!] = list[i + 1]!;
  return headers;
}

/** Sends `page`: 304 when the request's validators match, else its bytes, gzipped when accepted. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
): FastifyReply | Promise<FastifyReply> {
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  if (notModified(request.headers, gzip ? page.gzipEtag : page.etag, page.lastModified))
    return reply
      .code(304)
      .headers(headerObject(cachedPageHeaders(page, gzip, 304)))
      .send();
  // The headers once the bytes exist: a gzip that fails leaves an error reply not labelled gzip.
  const send = (bytes: Buffer) => reply.headers(headerObject(cachedPageHeaders(page, gzip, 200))).send(bytes);
  if (!gzip) return send(page.body);
  const gzipped = gzipOf(page);
  return Buffer.isBuffer(gzipped) ? send(gzipped) : gzipped.then(send);
}

/** A view to cache, with the change tags of what it was rendered from (see `PageCache`). */
export interface RenderedView {
  view: VNode;
  tags: readonly string[];
  /**
   * Bytes made beforehand that take the place of `marker` (which the view renders once, as raw
   * HTML): the long story body, built in slices off the virtual DOM (`reader/story-html.ts`).
   */
  splice?: { marker: string; bytes: Buffer };
}

/** The page's bytes: the view's HTML with the splice, if any, in place of its marker. */
export function pageBytes(rendered: RenderedView): Buffer {
  const html = renderHtml(rendered.view);
  const { splice } = rendered;
  const at = splice ? html.indexOf(splice.marker) : -1;
  if (!splice || at < 0) return Buffer.from(html);
  return Buffer.concat([
    Buffer.from(html.slice(0, at)),
    splice.bytes,
    Buffer.from(html.slice(at + splice.marker.length)),
  ]);
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
  query?: KeyQuery,
  /** Where a page that does not exist has moved (asked only then); null: a 404. */
  moved?: () => Promise<string | null>,
): Promise<FastifyReply> {
  const syncing = cache.sync();
  if (syncing) await syncing;
  const key = pageKey(request, query);
  let page: CachedPage | null | undefined = cache.get(key);
  if (!page) {
    // Requests for one page that is not cached share one render (a cold page under load, or the
    // longest story, would otherwise be rendered once per waiting request); not across an
    // invalidation, which would hand a later request what it changed.
    const flight = `${cache.epoch} ${key}`;
    let rendering = inFlight.get(cache)?.get(flight);
    if (!rendering) {
      rendering = renderPage(cache, key, render);
      const pages = inFlight.get(cache) ?? new Map<string, Promise<CachedPage | null>>();
      inFlight.set(cache, pages);
      pages.set(flight, rendering);
      rendering.then(
        () => pages.delete(flight),
        () => pages.delete(flight),
      );
    }
    page = await rendering;
    if (!page) {
      const to = moved ? await moved() : null;
      if (to) return reply.redirect(to, 301);
      reply.callNotFound();
      return reply;
    }
  }
  cache.remember(request.raw.url ?? request.url, key);
  return sendCached(request, reply, page);
}

/** Renders being made, per cache and epoch-and-key. */
const inFlight = new WeakMap<PageCache, Map<string, Promise<CachedPage | null>>>();
/** Renders take turns, per cache (`render-queue.ts`). */
const queues = new WeakMap<PageCache, RenderQueue>();

function renderPage(
  cache: PageCache,
  key: string,
  render: () => Promise<RenderedView | null>,
): Promise<CachedPage | null> {
  let queue = queues.get(cache);
  if (!queue) {
    queue = new RenderQueue();
    queues.set(cache, queue);
  }
  return queue.run(async () => {
    // Read when the render starts: it renders what is stored from then on.
    const epoch = cache.epoch;
    const rendered = await render();
    if (!rendered) return null;
    const page = makeCachedPage(pageBytes(rendered), HTML);
    cache.set(key, page, rendered.tags, epoch);
    return page;
  });
}
