/**
 * Cached pages answered before Fastify (issue #16: the story page at ≥ 0.8× a bare `node:http`
 * server). A cached page's response depends only on its URL and three request headers
 * (`Accept-Encoding`, `If-None-Match`, and GET or HEAD), so once the normal path has served a URL
 * from the page cache (`sendPage`, `sendDocument` call `remember`), the same URL is answered here:
 * one map lookup, the cache's change check, and one `writeHead` + `end` with a header list built
 * once per page. Routing, hooks, the reply object and its header merging, about two thirds of a
 * cached page's CPU, are skipped.
 *
 * The bytes and headers are the normal path's: the same `CachedPage`, the same gzip and ETag
 * rules (`render.ts`), the same security headers (a constant set; when they depend on the request,
 * behind a proxy that may say https, there is no fast path). `fast-path.test.ts` holds the two
 * equal. Anything else — another method, a body, a URL not yet served from the cache, a page
 * dropped by an invalidation, a change to catch up on, the server closing — goes the normal way.
 *
 * What this assumes of routes: a route that answers through the page cache gives every request for
 * one URL the same page, whoever asks (which the cache already requires: per-user data arrives as
 * JSON), and no hook changes a cached page's response. A hook that must see every page request
 * (a rate limit on pages, say) must turn the fast path off or be checked here too.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { CachedPage, PageCache } from './page-cache.js';
import { acceptsGzip, cachedPageHeaders, notModified } from './render.js';

/** The responses of one page as flat header lists; the gzip ones once its gzip bytes exist. */
interface PageHeaders {
  plain: string[];
  plain304: string[];
  gzip: string[] | null;
  gzip304: string[];
}

/** Accept-Encoding values seen → whether they accept gzip (browsers send a handful of values). */
const MAX_ENCODINGS = 64;

export class FastPath {
  private readonly headers = new WeakMap<CachedPage, PageHeaders>();
  private readonly encodings = new Map<string, boolean>();
  private open = true;
  /** Requests answered here (for tests and operators). */
  readonly stats = { served: 0 };

  /**
   * `security`: the headers every response carries (`security-headers.ts`), or null when they
   * depend on the request (then nothing is served here).
   */
  constructor(
    private readonly cache: PageCache,
    private readonly security: Readonly<Record<string, string>> | null,
  ) {}

  /** Whether requests are answered here at all. */
  get enabled(): boolean {
    return this.security !== null && this.open;
  }

  /** Stops answering (the server is closing: Fastify's normal path handles that). */
  close(): void {
    this.open = false;
  }

  /** Answers `req` from the page cache and returns true, or returns false and leaves it alone. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    if (!this.open || this.security === null || (method !== 'GET' && method !== 'HEAD')) return false;
    const key = this.cache.keyForUrl(req.url ?? '');
    if (key === undefined) return false;
    const { headers } = req;
    // A GET with a body is rare and odd: leave its parsing and errors to Fastify.
    if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
    // Something changed since the last look: the normal path waits for the catch-up.
    if (this.cache.sync() !== null) return false;
    const page = this.cache.peek(key);
    if (!page) return false;
    const gzip = this.acceptsGzip(headers['accept-encoding']);
    const lists = this.headersOf(page);
    if (notModified(headers, gzip ? page.gzipEtag : page.etag, page.lastModified)) {
      this.stats.served++;
      res.writeHead(304, gzip ? lists.gzip304 : lists.plain304);
      res.end();
      return true;
    }
    // Not gzipped yet: the normal path makes the gzip bytes (off the event loop when large).
    const list = gzip ? lists.gzip : lists.plain;
    if (list === null) return false;
    this.stats.served++;
    res.writeHead(200, list);
    if (method === 'HEAD') res.end();
    else res.end(gzip ? page.gzipped : page.body);
    return true;
  }

  private acceptsGzip(header: string | undefined): boolean {
    if (header === undefined) return false;
    let accepts = this.encodings.get(header);
    if (accepts === undefined) {
      accepts = acceptsGzip(header);
      if (this.encodings.size >= MAX_ENCODINGS) this.encodings.clear();
      this.encodings.set(header, accepts);
    }
    return accepts;
  }

  /** The header lists of `page`, in the order the normal path sends them (`cachedPageHeaders`), built once. */
  private headersOf(page: CachedPage): PageHeaders {
    let lists = this.headers.get(page);
    if (!lists) {
      const security = Object.entries(this.security ?? {}).flat();
      lists = {
        plain: [
          ...security,
          ...cachedPageHeaders(page, false, 200),
          'content-length',
          String(page.body.length),
        ],
        plain304: [...security, ...cachedPageHeaders(page, false, 304)],
        gzip: null,
        gzip304: [...security, ...cachedPageHeaders(page, true, 304)],
      };
      this.headers.set(page, lists);
    }
    if (lists.gzip === null && page.gzipped !== null) {
      const security = Object.entries(this.security ?? {}).flat();
      lists.gzip = [
        ...security,
        ...cachedPageHeaders(page, true, 200),
        'content-length',
        String(page.gzipped.length),
      ];
    }
    return lists;
  }
}

/**
 * Fastify's `serverFactory`: the HTTP server Fastify would make (its timeouts), with `fastPath`
 * asked first.
 */
export function fastPathServer(fastPath: FastPath) {
  return (handler: RequestListener, options: FastifyServerOptions & { http?: ServerOptions }): Server => {
    // Fastify's `http` options (the header size limit, `request-limits.ts`) apply here too.
    const server = createServer(options.http ?? {}, (req, res) => {
      if (!fastPath.serve(req, res)) handler(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    if ((options.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket!;
    return server;
  };
}
