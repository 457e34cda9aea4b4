/** The site's URLs, in one place: read models carry slugs, the web layer turns them into paths. */

export function storyPath(slug: string): string {
  return `/stories/${slug}`;
}

export function sectionPath(slug: string, page = 1): string {
  return page === 1 ? `/sections/${slug}` : `/sections/${slug}?page=${page}`;
}

/** The site's Atom feed. */
export function feedPath(): string {
  return '/feed.xml';
}

/** A section's Atom feed. */
export function sectionFeedPath(slug: string): string {
  return `/sections/${slug}/feed.xml`;
}

/** The site's RSS 2.0 feed. */
export function rssPath(): string {
  return '/rss.xml';
}

/** A section's RSS 2.0 feed. */
export function sectionRssPath(slug: string): string {
  return `/sections/${slug}/rss.xml`;
}

export function sitemapPath(): string {
  return '/sitemap.xml';
}

/** Part `n` (from 1) of the sitemap, when the site has more URLs than one sitemap may list. */
export function sitemapPartPath(n: number): string {
  return `/sitemaps/${n}.xml`;
}

export function openApiPath(): string {
  return '/api/openapi.json';
}

export function apiDocsPath(): string {
  return '/api/docs';
}

/** The search page for `params` (empty values left out), in a stable order. */
export function searchPath(params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}

export function loginPath(): string {
  return '/login';
}

export function registerPath(): string {
  return '/register';
}

export function logoutPath(): string {
  return '/logout';
}

/** The 生词本 review page. */
export function reviewPath(): string {
  return '/review';
}

/** The learner's account page (words, 生词本, export, delete). */
export function mePath(): string {
  return '/me';
}

/** 为我推荐: stories pitched at the learner. */
export function forMePath(): string {
  return '/for-me';
}
