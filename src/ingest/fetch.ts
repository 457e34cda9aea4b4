/**
 * Fenced fetching of feeds and pages. A feed URL is typed in by someone else, so every request
 * is checked before it goes out and again at every redirect hop (followed by hand, never by the
 * HTTP client):
 *
 * - only `http:` and `https:`;
 * - an operator allow-list (`LINGWIRE_FETCH_HOSTS`), matched exactly, refuses every other host
 *   before any DNS lookup or connection;
 * - the host is resolved once, every address is checked (loopback, private, link-local,
 *   IPv4-mapped…: `net/address.ts`) unless `allowPrivate`, and the socket connects to the
 *   checked address itself, so a DNS answer cannot change between check and connect (rebinding);
 * - connect and total timeouts, a cap on the (decompressed) size, a redirect cap, a content-type
 *   check, a clear `User-Agent`, and conditional requests (ETag / Last-Modified in, 304 out).
 *
 * Pure of the store: the poller that will keep subscriptions calls `fetchUrl` with the validators
 * it saved last time and stores what comes back.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from '../core/errors.js';
import { hostOf, isPrivateAddress } from './net/address.js';

/** Content types of feeds and web pages; anything else is refused. */
export const FEED_OR_PAGE_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'application/xml',
  'text/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  // Feeds are often served as these; the parser decides what the bytes are.
  'text/plain',
  'application/octet-stream',
  'application/x-rss+xml',
  'application/x-atom+xml',
];

export const USER_AGENT =
  'lingwire/0.1 (self-hosted news reader for learners of English; feed and page fetcher)';

/** Resolves a host name to addresses; injected by tests. */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export interface FetchOptions {
  /** Allow loopback, private and link-local addresses (development, tests). Default false. */
  allowPrivate?: boolean;
  /** Hosts that may be fetched, matched exactly; null for any. Default null (`Config.fetchHosts`). */
  allowHosts?: readonly string[] | null;
  /** Milliseconds to establish a connection, per hop. Default 10,000. */
  connectTimeoutMs?: number;
  /** Milliseconds for the whole fetch, every hop included. Default 30,000. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes after decompression. Default 8 MiB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5; 0 refuses any redirect. */
  maxRedirects?: number;
  /** Content types accepted (without parameters). Default `FEED_OR_PAGE_TYPES`. A missing type is accepted. */
  accept?: readonly string[];
  /** The ETag saved from the last fetch, sent as `If-None-Match`. */
  etag?: string | null;
  /** The Last-Modified saved from the last fetch, sent as `If-Modified-Since`. */
  lastModified?: string | null;
  /** Default `USER_AGENT`. */
  userAgent?: string;
  /** DNS; default the system resolver (`dns.lookup`, all addresses). */
  resolve?: Resolver;
}

/** What a fetch brought back. */
export type FetchResult = FetchedBody | NotModified;

export interface NotModified {
  status: 'not-modified';
  /** The URL that answered 304, after redirects. */
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchedBody {
  status: 'ok';
  /** The final URL, after redirects: relative links in the body resolve against it. */
  url: string;
  /** Every URL requested, in order, the first one included. */
  hops: string[];
  /** Media type without parameters, lower case; null when the server sent none. */
  contentType: string | null;
  /** The `charset` parameter of Content-Type, lower case; null when absent. */
  charset: string | null;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  timeoutMs: 30_000,
  maxBytes: 8 * 1024 * 1024,
  maxRedirects: 5,
};

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Fetches `target` within the fences above. Errors are `AppError`s that name the URL and the hop. */
export async function fetchUrl(target: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const hops: string[] = [];
  try {
    let url = parseUrl(target);
    for (;;) {
      hops.push(url.href);
      const where = hops.length === 1 ? url.href : `${url.href} (redirect ${hops.length - 1} from ${target})`;
      const address = await checkedAddress(url, options, where);
      const response = await request(url, address, options, deadline.signal, where, timeoutMs);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304 && response.headers.location) {
        response.resume();
        if (hops.length > maxRedirects) {
          throw new AppError(
            'FETCH_REFUSED',
            `fetch: ${target} redirected more than ${maxRedirects} times (last to ${response.headers.location}).`,
          );
        }
        url = parseUrl(response.headers.location, url, `redirect ${hops.length} from ${url.href}`);
        continue;
      }
      const etag = header(response, 'etag');
      const lastModified = header(response, 'last-modified');
      if (status === 304) {
        response.resume();
        return { status: 'not-modified', url: url.href, etag: etag ?? options.etag ?? null, lastModified };
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new AppError('FETCH_FAILED', `fetch: ${where} answered HTTP ${status}.`);
      }
      const { type, charset } = contentTypeOf(header(response, 'content-type'));
      const accept = options.accept ?? FEED_OR_PAGE_TYPES;
      if (type && !accept.includes(type)) {
        response.resume();
        throw new AppError(
          'FETCH_REFUSED',
          `fetch: ${where} is ${type}, not a feed or a web page; lingwire reads only ${accept.slice(0, 6).join(', ')}….`,
        );
      }
      const body = await readBody(response, options.maxBytes ?? DEFAULTS.maxBytes, where);
      return { status: 'ok', url: url.href, hops, contentType: type, charset, body, etag, lastModified };
    }
  } catch (error) {
    if (deadline.signal.aborted && !(error instanceof AppError && error.code === 'FETCH_TIMEOUT')) {
      throw new AppError('FETCH_TIMEOUT', `fetch: ${target} took longer than ${timeoutMs} ms in all.`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(text: string, base?: URL, where?: string): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new AppError('FETCH_REFUSED', `fetch: "${text}"${where ? ` (${where})` : ''} is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(
      'FETCH_REFUSED',
      `fetch: ${url.href}${where ? ` (${where})` : ''} is not http or https; lingwire fetches only those.`,
    );
  }
  if (url.username || url.password) url.username = url.password = '';
  return url;
}

/** Checks the allow-list (before DNS), resolves once, checks every address; returns the one to use. */
async function checkedAddress(
  url: URL,
  options: FetchOptions,
  where: string,
): Promise<{ address: string; family: number }> {
  const host = hostOf(url);
  if (options.allowHosts && !options.allowHosts.includes(host)) {
    throw new AppError(
      'FETCH_REFUSED',
      `fetch: ${where}: host ${host} is not in LINGWIRE_FETCH_HOSTS (${options.allowHosts.join(', ')}).`,
    );
  }
  let addresses: Array<{ address: string; family: number }>;
  const literal = isIP(host);
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch (error) {
      throw new AppError('FETCH_FAILED', `fetch: ${where}: cannot resolve ${host}.`, { cause: error });
    }
    if (addresses.length === 0)
      throw new AppError('FETCH_FAILED', `fetch: ${where}: ${host} has no address.`);
  }
  if (!options.allowPrivate) {
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) {
      throw new AppError(
        'FETCH_REFUSED',
        `fetch: ${where}: ${literal ? host : `${host} is ${blocked.address}, which`} is a loopback, private or link-local address; pass --allow-private to fetch it.`,
      );
    }
  }
  return addresses[0]!;
}

function request(
  url: URL,
  address: { address: string; family: number },
  options: FetchOptions,
  signal: AbortSignal,
  where: string,
  timeoutMs: number,
): Promise<IncomingMessage> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  // Connect to the address that was checked, whatever DNS would say now.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        address,
      ]);
    } else callback(null, address.address, address.family);
  };
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? USER_AGENT,
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { headers, lookup: pinned, agent: false, signal }, resolve);
    const connectTimer = setTimeout(() => {
      req.destroy(
        new AppError('FETCH_TIMEOUT', `fetch: ${where}: no connection within ${connectTimeoutMs} ms.`),
      );
    }, connectTimeoutMs);
    req.on('socket', (socket) => {
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('response', () => clearTimeout(connectTimer));
    req.on('error', (error) => {
      clearTimeout(connectTimer);
      if (error instanceof AppError) reject(error);
      else if (signal.aborted) {
        reject(new AppError('FETCH_TIMEOUT', `fetch: ${where} took longer than ${timeoutMs} ms in all.`));
      } else {
        reject(new AppError('FETCH_FAILED', `fetch: ${where}: ${error.message}.`, { cause: error }));
      }
    });
    req.end();
  });
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** `text/html; charset=UTF-8` → `{ type: 'text/html', charset: 'utf-8' }`. */
export function contentTypeOf(value: string | null): { type: string | null; charset: string | null } {
  if (!value) return { type: null, charset: null };
  const [type, ...params] = value.split(';');
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { type: type!.trim().toLowerCase() || null, charset: charset?.toLowerCase() ?? null };
}

async function readBody(response: IncomingMessage, maxBytes: number, where: string): Promise<Buffer> {
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new AppError('FETCH_TOO_LARGE', `fetch: ${where} is ${declared} bytes; the cap is ${maxBytes}.`);
  }
  const encoding = (header(response, 'content-encoding') ?? '').trim().toLowerCase();
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
  else if (encoding === 'deflate') stream = response.pipe(createInflate());
  else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      // Counted after decompression, so a small gzip bomb is caught too.
      if (size > maxBytes) {
        response.destroy();
        stream.destroy();
        throw new AppError('FETCH_TOO_LARGE', `fetch: ${where} is larger than the cap of ${maxBytes} bytes.`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'FETCH_FAILED',
      `fetch: ${where}: the body could not be read (${(error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
  return Buffer.concat(chunks);
}
