/**
 * Sending HTML pages: render a view to bytes once, keep them in the page cache, answer
 * `If-None-Match` with 304, and gzip for clients that accept it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CachedPage, PageCache } from './page-cache.js';
import { makeCachedPage } from './page-cache.js';

const HTML = 'text/html; charset=utf-8';

export function renderHtml(view: VNode): string {
  return `<!doctype html>${renderToString(view)}`;
}

export function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.header('etag', page.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  reply.header('content-type', page.contentType);
  const encodings = request.headers['accept-encoding'];
  if (encodings?.includes('gzip')) return reply.header('content-encoding', 'gzip').send(page.gzipped);
  return reply.send(page.body);
}

/**
 * Serves the page at the request's URL from the cache, or renders it with `render` (which
 * returns null for "not found") and caches the result.
 */
export async function sendPage(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<VNode | null>,
): Promise<FastifyReply> {
  await cache.sync();
  const key = request.url;
  let page = cache.get(key);
  if (!page) {
    const view = await render();
    if (!view) {
      reply.callNotFound();
      return reply;
    }
    page = makeCachedPage(renderHtml(view), HTML);
    cache.set(key, page);
  }
  return sendCached(request, reply, page);
}
