/** The site's URLs, in one place: read models carry slugs, the web layer turns them into paths. */

export function storyPath(slug: string): string {
  return `/stories/${slug}`;
}

export function sectionPath(slug: string, page = 1): string {
  return page === 1 ? `/sections/${slug}` : `/sections/${slug}?page=${page}`;
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
