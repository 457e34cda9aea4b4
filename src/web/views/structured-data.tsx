/**
 * JSON-LD for search engines and link previews: a story page is a schema.org `NewsArticle`.
 * It is data in `<script type="application/ld+json">`, which browsers never run (so the CSP's
 * `script-src 'self'` does not forbid it), but an HTML parser still ends the element at the first
 * `</script`: every `<`, `>` and `&` in the JSON is written as a `\u` escape, so no title can close
 * the element or open a comment, and U+2028/2029 too for old JavaScript parsers.
 */
import type { StoryView } from '../../articles/model.js';

/** JSON safe to put between `<script type="application/ld+json">` and `</script>`. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A `NewsArticle`: headline, dates, section, publisher, and the source it is based on. */
export function newsArticle(
  story: StoryView,
  pageUrl: string,
  site: { name: string; url: string },
  description: string,
) {
  const agency = story.dateline?.agency;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    description,
    url: pageUrl,
    mainEntityOfPage: pageUrl,
    inLanguage: story.language ?? 'en',
    ...(story.publishedAt ? { datePublished: story.publishedAt } : {}),
    dateModified: story.updatedAt,
    articleSection: story.section.nameEn
      ? [story.section.nameZh, story.section.nameEn]
      : story.section.nameZh,
    publisher: { '@type': 'Organization', name: site.name, url: site.url },
    ...(story.author ? { author: { '@type': 'Person', name: story.author } } : {}),
    ...(agency ? { sourceOrganization: { '@type': 'Organization', name: agency } } : {}),
    ...(story.url ? { isBasedOn: story.url } : {}),
    ...(story.license ? { license: story.license } : {}),
  };
}

/** The `<script type="application/ld+json">` element for `data`. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(data) }} />;
}
