/** The site's URLs, in one place: read models carry slugs, the web layer turns them into paths. */

export function storyPath(slug: string): string {
  return `/stories/${slug}`;
}

export function sectionPath(slug: string, page = 1): string {
  return page === 1 ? `/sections/${slug}` : `/sections/${slug}?page=${page}`;
}
