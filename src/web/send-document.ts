/**
 * Sending a cached document that is not an HTML view (a feed, the sitemap), through the same page
 * cache as pages: bytes, gzip and ETag kept until one of its change tags moves, `If-None-Match`
 * answered with 304. The key is chosen by the route from what it reads, never the raw URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { makeCachedPage, type PageCache } from './page-cache.js';
import { sendCached } from './render.js';

export interface RenderedDocument {
  body: string;
  tags: readonly string[];
}

export async function sendDocument(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  contentType: string,
  render: () => Promise<RenderedDocument | null>,
  /** Where a document that does not exist has moved (asked only then); null: a 404. */
  moved?: () => Promise<string | null>,
): Promise<FastifyReply> {
  const syncing = cache.sync();
  if (syncing) await syncing;
  let page = cache.get(key);
  if (!page) {
    const epoch = cache.epoch;
    const rendered = await render();
    if (!rendered) {
      const to = moved ? await moved() : null;
      if (to) return reply.redirect(to, 301);
      reply.callNotFound();
      return reply;
    }
    page = makeCachedPage(rendered.body, contentType);
    cache.set(key, page, rendered.tags, epoch);
  }
  cache.remember(request.raw.url ?? request.url, key);
  return sendCached(request, reply, page);
}
