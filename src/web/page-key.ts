/**
 * The cache key of a page. Only what the route reads may reach it: the route's own pattern with
 * its parameters as the route received them (decoded, so `/stories/a%62c` and `/stories/abc`
 * share one entry), then the query values the route uses, already validated, in a fixed order.
 * Anything else in the URL (`?from=singlemessage`, `utm_*`, a `?page=` on a story page, a random
 * `?x=`, a trailing slash) neither re-renders nor adds an entry that would evict a real page.
 */
import type { FastifyRequest } from 'fastify';

/** Query values a route used, validated; undefined (absent, or the default) is left out. */
export type KeyQuery = Readonly<Record<string, string | number | undefined>>;

const NO_QUERY: KeyQuery = Object.freeze({});

export function pageKey(request: FastifyRequest, query: KeyQuery = NO_QUERY): string {
  const pattern = request.routeOptions.url ?? request.url.split('?', 1)[0]!;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const path = pattern.includes(':')
    ? pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
    : pattern;
  if (query === NO_QUERY) return path;
  const pairs = Object.keys(query)
    .filter((name) => query[name] !== undefined)
    .sort()
    .map((name) => `${name}=${encodeURIComponent(String(query[name]))}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}
