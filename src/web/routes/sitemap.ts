/**
 * `robots.txt` and the sitemap. `/sitemap.xml` lists the front page, the about page, every
 * section's first page and every story (with its last change as `lastmod`); above `maxUrls`
 * (the protocol's 50,000) it becomes a sitemap index of `/sitemaps/<n>.xml` parts, each at most
 * `maxUrls` long. Every URL is absolute on the configured site address, never the request's Host.
 */
import type { FastifyPluginAsync } from 'fastify';
import { SECTIONS_TAG, STORIES_TAG } from '../../store/change-tags.js';
import type { WebContext } from '../context.js';
import { makeCachedPage } from '../page-cache.js';
import { searchPath, sectionPath, sitemapPartPath, sitemapPath, storyPath } from '../paths.js';
import { sendCached } from '../render.js';
import { sendDocument } from '../send-document.js';
import { xml } from '../views/atom-feed.js';

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_MAX_URLS = 50_000;

const XML = 'application/xml; charset=utf-8';
const TAGS = [STORIES_TAG, SECTIONS_TAG];
/** Stories read from the store at a time (the store's largest list). */
const BATCH = 1000;

interface SitemapUrl {
  path: string;
  lastmod?: string;
}

function urlset(site: string, urls: SitemapUrl[]): string {
  const lines = urls.map(
    (u) =>
      `  <url><loc>${xml(`${site}${u.path}`)}</loc>${u.lastmod ? `<lastmod>${xml(u.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join('\n')}\n</urlset>\n`;
}

function sitemapIndex(site: string, parts: number): string {
  const lines = Array.from(
    { length: parts },
    (_, i) => `  <sitemap><loc>${xml(`${site}${sitemapPartPath(i + 1)}`)}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join('\n')}\n</sitemapindex>\n`;
}

export const sitemapRoutes: FastifyPluginAsync<{ ctx: WebContext; maxUrls?: number }> = async (
  app,
  { ctx, maxUrls = SITEMAP_MAX_URLS },
) => {
  const { reading } = ctx;

  /** The pages that are not stories: front page, about, each section's first page. */
  const fixedUrls = async (): Promise<SitemapUrl[]> => [
    { path: '/' },
    { path: '/about' },
    ...(await reading.listSections()).map((s) => ({ path: sectionPath(s.slug) })),
  ];

  /** URLs `start` to `end` (exclusive) of the whole list: the fixed pages, then stories newest first. */
  const urlsBetween = async (start: number, end: number): Promise<SitemapUrl[]> => {
    const fixed = await fixedUrls();
    const urls = fixed.slice(start, end);
    let offset = Math.max(0, start - fixed.length);
    const last = end - fixed.length;
    while (offset < last) {
      const limit = Math.min(BATCH, last - offset);
      const stories = await reading.filterStories({ limit, offset });
      for (const s of stories) urls.push({ path: storyPath(s.slug), lastmod: s.updatedAt });
      if (stories.length < limit) break;
      offset += limit;
    }
    return urls;
  };

  app.get(sitemapPath(), (request, reply) =>
    sendDocument(ctx.cache, request, reply, sitemapPath(), XML, async () => {
      const total = (await fixedUrls()).length + (await reading.countStories());
      const site = ctx.siteUrl();
      const body =
        total <= maxUrls
          ? urlset(site, await urlsBetween(0, total))
          : sitemapIndex(site, Math.ceil(total / maxUrls));
      return { body, tags: TAGS };
    }),
  );

  app.get<{ Params: { part: string } }>(
    '/sitemaps/:part',
    {
      schema: {
        params: {
          type: 'object',
          properties: {
            part: {
              type: 'string',
              pattern: '^[1-9][0-9]{0,5}\\.xml$',
              description: 'a part number and .xml',
            },
          },
        },
      },
    },
    (request, reply) => {
      const n = Number.parseInt(request.params.part, 10);
      const key = sitemapPartPath(n);
      return sendDocument(ctx.cache, request, reply, key, XML, async () => {
        const total = (await fixedUrls()).length + (await reading.countStories());
        // One sitemap is served whole at /sitemap.xml; parts exist only for an index.
        if (total <= maxUrls || (n - 1) * maxUrls >= total) return null;
        return { body: urlset(ctx.siteUrl(), await urlsBetween((n - 1) * maxUrls, n * maxUrls)), tags: TAGS };
      });
    },
  );

  // Depends only on the site address, which is fixed once the server listens.
  let robots: { site: string; page: ReturnType<typeof makeCachedPage> } | null = null;
  app.get('/robots.txt', (request, reply) => {
    const site = ctx.siteUrl();
    if (robots?.site !== site) {
      // Result pages are endless (any query) and each costs a search: crawlers follow the sitemap.
      const body = `User-agent: *\nDisallow: /api/\nDisallow: ${searchPath()}\nAllow: /\n\nSitemap: ${site}${sitemapPath()}\n`;
      robots = { site, page: makeCachedPage(body, 'text/plain; charset=utf-8') };
    }
    return sendCached(request, reply, robots.page);
  });
};
