/**
 * Rate limits of search and lookup (issue #16): requests per client address in a minute, with
 * @fastify/rate-limit's in-memory store (least recently seen addresses dropped first, so a flood of
 * addresses cannot exhaust memory). The limit runs at `onRequest`, before the page cache, so a
 * cached answer counts too. Over it: a 429 `RATE_LIMITED` (JSON under `/api/`, the message page
 * otherwise) with `Retry-After` in seconds. The client address is `request.ip`: the socket's, or
 * the proxy's `X-Forwarded-For` when `LINGWIRE_TRUST_PROXY` says to believe it.
 *
 * Routes are matched as they are registered (`onRoute`), so a plugin needs no change and a route
 * without a limit pays nothing. Call before registering the routes.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { RateLimits } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { lookupApiPath, searchApiPath, searchPath } from './paths.js';

const MINUTE = 60_000;

/** Addresses remembered per limit. */
const CACHED_ADDRESSES = 50_000;

export async function addRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  const limited: Array<{ paths: string[]; perMinute: number; what: string }> = [
    { paths: [searchPath(), searchApiPath()], perMinute: limits.searchPerMinute, what: 'searches' },
    { paths: [lookupApiPath()], perMinute: limits.lookupPerMinute, what: 'word lookups' },
  ].filter((limit) => limit.perMinute > 0);
  if (limited.length === 0) return;
  await app.register(fastifyRateLimit, {
    global: false,
    // Only on the answer that refuses: a header on every page would be bytes for nothing.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
      'retry-after': true,
    },
  });
  const hooks = new Map<string, onRequestHookHandler>();
  for (const { paths, perMinute, what } of limited) {
    const hook = app.rateLimit({
      max: perMinute,
      timeWindow: MINUTE,
      // Each limit keeps its own addresses (one count for the search page and its API).
      cache: CACHED_ADDRESSES,
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'RATE_LIMITED',
          `Too many ${what} from your address (${context.max} a minute). Try again in ${Math.max(1, Math.ceil(context.ttl / 1000))} seconds.`,
        ),
    });
    for (const path of paths) hooks.set(path, hook);
  }
  app.addHook('onRoute', (route) => {
    const hook = hooks.get(route.url ?? route.path);
    if (!hook) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [hook, ...existing];
  });
}
