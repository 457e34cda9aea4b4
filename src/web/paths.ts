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

/** The editors' desk (issue #15): its pages, each behind the editor role. */
export type DeskArea = 'stories' | 'inbox' | 'sections' | 'feeds' | 'users';

/** The desk's front page, or one of its areas. */
export function deskPath(area?: DeskArea): string {
  return area ? `/desk/${area}` : '/desk';
}

/** A story's edit page on the desk (by its id, which never changes). */
export function deskStoryPath(id: number): string {
  return `/desk/stories/${id}`;
}

/** The search API (JSON). */
export function searchApiPath(): string {
  return '/api/search';
}

/** The dictionary lookup API (JSON). */
export function lookupApiPath(): string {
  return '/api/lookup';
}

// The desk's inbox, copies, sections, feeds and users (issue #15): pages and their forms.
/** A desk story's copies and family page. */
export function deskCopiesPath(storyId: number): string {
  return `/desk/stories/${storyId}/copies`;
}

/** Where a desk form about one thing posts: `/desk/<area>/<id>/<action>` (no action: the thing itself). */
export function deskActionPath(
  area: 'inbox' | 'sections' | 'feeds' | 'users' | 'stories',
  id: number,
  action?: string,
): string {
  return `/desk/${area}/${id}${action ? `/${action}` : ''}`;
}

/** The desk's feed preview (a form posts the URL to it). */
export function deskFeedPreviewPath(): string {
  return '/desk/feeds/preview';
}

/** The desk's JSON API: `/api/desk/<rest>`. */
export function deskApiPath(rest: string): string {
  return `/api/desk/${rest}`;
}

/** 学习进度: the learner's charts (per user, never cached). */
export function progressPath(): string {
  return '/me/progress';
}

/** The learner's personal Atom feed of 为我推荐, opened by its secret token. */
export function forMeFeedPath(userId: number, token: string): string {
  return `/feeds/for-me/${userId}/${token}`;
}

/** The desk's story list with its filters (empty values left out), in a stable order. */
export function deskStoriesPath(params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `/desk/stories?${text}` : '/desk/stories';
}

/** Where the desk's story list posts a bulk action (re-section, unpublish, delete). */
export function deskStoriesBulkPath(): string {
  return '/desk/stories/bulk';
}

/** A desk story form's target: save (`edit`), `delete`, `pin` or `unpin` a related story. */
export function deskStoryActionPath(id: number, action: 'edit' | 'delete' | 'pin' | 'unpin'): string {
  return action === 'edit' ? deskStoryPath(id) : `${deskStoryPath(id)}/${action}`;
}
