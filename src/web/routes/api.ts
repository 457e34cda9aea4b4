/** The JSON API: the same stories the pages show, for apps and scripts. */
import type { FastifyInstance } from 'fastify';
import type { StoryView } from '../../articles/model.js';
import { storyPath } from '../../articles/service.js';
import { AppError } from '../../core/errors.js';
import type { WebContext } from '../app.js';
import { parsePageNumber } from './pages.js';

/** Default and largest `limit` for story lists. */
const API_PAGE_SIZE = 20;
const API_MAX_LIMIT = 100;

export function storyJson(story: StoryView) {
  return {
    id: story.id,
    slug: story.slug,
    path: storyPath(story.slug),
    source: story.source,
    externalId: story.externalId,
    section: { slug: story.section.slug, nameZh: story.section.nameZh, nameEn: story.section.nameEn },
    title: story.title,
    dateline: story.dateline,
    publishedAt: story.publishedAt,
    url: story.url,
    tags: story.tags,
    paragraphs: story.paragraphs,
    pinnedRelated: story.pinnedRelated,
    level: story.level,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
  };
}

export function registerApiRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { articles } = ctx;

  app.get('/api/sections', async () => ({ sections: await articles.listSections() }));

  app.get<{ Querystring: { section?: string; page?: string; limit?: string } }>(
    '/api/stories',
    async (request) => {
      const page = parsePageNumber(request.query.page);
      const limit = request.query.limit === undefined ? API_PAGE_SIZE : Number(request.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > API_MAX_LIMIT) {
        throw new AppError('BAD_INPUT', `limit must be a whole number from 1 to ${API_MAX_LIMIT}.`);
      }
      const section = request.query.section;
      if (section !== undefined && !(await articles.findSection(section))) {
        throw new AppError('SECTION_NOT_FOUND', `There is no section "${section}".`);
      }
      const stories = await articles.listStories({ sectionSlug: section, limit, offset: (page - 1) * limit });
      return {
        page,
        limit,
        stories: stories.map((s) => ({ ...s, path: storyPath(s.slug) })),
      };
    },
  );

  app.get<{ Params: { ref: string } }>('/api/stories/:ref', async (request) => {
    const story = await articles.findStory(request.params.ref);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${request.params.ref}".`);
    return storyJson(story);
  });

  app.get<{ Params: { ref: string } }>('/api/stories/:ref/related', async (request) => {
    const story = await articles.findStory(request.params.ref);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${request.params.ref}".`);
    return { id: story.id, slug: story.slug, related: await articles.relatedEntries(story) };
  });

  app.get('/healthz', async () => ({ ok: true, stories: await articles.countStories() }));
}
