/**
 * Feeds: Atom for the whole site (`/feed.xml`) and each section (`/sections/:slug/feed.xml`), and
 * the same as RSS 2.0 (`/rss.xml`, `/sections/:slug/rss.xml`). Each is a cached document
 * (`send-document.ts`: ETag, Last-Modified, 304), keyed by its path.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.js';
import { feedPath, rssPath, sectionFeedPath, sectionPath, sectionRssPath } from '../paths.js';
import { sendDocument } from '../send-document.js';
import { atomFeed } from '../views/atom-feed.js';
import { SITE_NAME } from '../views/layout.js';
import { type RssFeedProps, rssFeed } from '../views/rss-feed.js';

/** Stories a feed carries, whole. Default 30. */
export const FEED_SIZE = 30;

const ATOM = 'application/atom+xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';
const SITE_SUBTITLE = '为学英语的中文读者准备的英语新闻 English news for Chinese-speaking learners';
const SLUG_PARAMS = {
  schema: { params: { type: 'object', properties: { slug: { type: 'string', maxLength: 100 } } } },
};

export const feedRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  // A renamed or merged-away section's feed answers 301 to its new address, as its pages do.
  const movedFeed = (slug: string, path: (slug: string) => string) => async () => {
    const to = await ctx.reading.sectionRedirect(slug);
    return to ? path(to) : null;
  };

  app.get(feedPath(), (request, reply) =>
    sendDocument(ctx.cache, request, reply, feedPath(), ATOM, async () => {
      const site = ctx.siteUrl();
      const { stories, tags } = await ctx.reading.newestStories(FEED_SIZE);
      const body = atomFeed({
        feedUrl: `${site}${feedPath()}`,
        pageUrl: `${site}/`,
        siteUrl: site,
        siteName: SITE_NAME,
        title: SITE_NAME,
        subtitle: SITE_SUBTITLE,
        stories,
      });
      return { body, tags };
    }),
  );

  app.get(rssPath(), (request, reply) =>
    sendDocument(ctx.cache, request, reply, rssPath(), RSS, async () => {
      const site = ctx.siteUrl();
      const { stories, tags } = await ctx.reading.newestStories(FEED_SIZE);
      const body = rssFeed({
        feedUrl: `${site}${rssPath()}`,
        pageUrl: `${site}/`,
        siteUrl: site,
        title: SITE_NAME,
        description: SITE_SUBTITLE,
        stories,
      });
      return { body, tags };
    }),
  );

  // Each section's feed as Atom and as RSS: its newest stories, addressed by slug only (a
  // Chinese name would be a second URL).
  const sectionFeeds = [
    {
      route: '/sections/:slug/feed.xml',
      path: sectionFeedPath,
      type: ATOM,
      write: (feed: RssFeedProps) => atomFeed({ ...feed, siteName: SITE_NAME, subtitle: feed.description }),
    },
    { route: '/sections/:slug/rss.xml', path: sectionRssPath, type: RSS, write: rssFeed },
  ];
  for (const { route, path, type, write } of sectionFeeds) {
    app.get<{ Params: { slug: string } }>(route, SLUG_PARAMS, (request, reply) => {
      const { slug } = request.params;
      const key = path(slug);
      const render = async () => {
        const section = await ctx.reading.findSection(slug);
        if (!section || section.slug !== slug) return null;
        const site = ctx.siteUrl();
        const { stories, tags } = await ctx.reading.newestStories(FEED_SIZE, section);
        const name = section.nameEn ? `${section.nameZh} ${section.nameEn}` : section.nameZh;
        const body = write({
          feedUrl: `${site}${key}`,
          pageUrl: `${site}${sectionPath(section.slug)}`,
          siteUrl: site,
          title: `${name} · ${SITE_NAME}`,
          description: `${section.nameZh}栏目的英语新闻 ${section.nameEn || ''}`.trim(),
          stories,
        });
        return { body, tags };
      };
      return sendDocument(ctx.cache, request, reply, key, type, render, movedFeed(slug, path));
    });
  }
};
