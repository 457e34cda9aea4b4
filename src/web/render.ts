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
  if (request.headers['if-none-match'] === page.etag) {
    return reply
      .code(304)
      .headers({ etag: page.etag, 'cache-control': 'no-cache', vary: 'accept-encoding' })
      .send();
  }
  const gzip = request.headers['accept-encoding']?.includes('gzip') ?? false;
  reply.headers({
    'content-type': page.contentType,
    etag: page.etag,
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  return reply.send(gzip ? page.gzipped : page.body);
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
  cache.sync();
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
