/**
 * HTTP caching rules for cached pages (RFC 9110): which encodings a client takes, whether a
 * conditional request may be answered 304, and a cached page's headers. Shared by the normal path
 * (`render.ts`), the in-process fast path (`fast-path.ts`) and the front thread (`front/`), so
 * all three answer alike; kept free of Fastify and Preact so the front thread loads only this.
 */
import type { CachedPage } from './page-cache.js';

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
