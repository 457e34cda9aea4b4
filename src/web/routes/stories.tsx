/**
 * Stories: the story page (`/stories/:slug`, with reader markup and 相关文章) and the stories as
 * JSON (`/api/stories`, `/api/stories/:ref`, `/api/stories/:ref/related`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { storyJson } from '../../articles/story-records.js';
import { AppError } from '../../core/errors.js';
import { versionedAssetUrl } from '../assets.js';
import type { WebContext } from '../context.js';
import { parsePageNumber } from '../page-number.js';
import { storyPath } from '../paths.js';
import { buildReaderData } from '../reader/reader-data.js';
import { STORY_BODY_MARKER } from '../reader/story-html.js';
import { sendPage } from '../render.js';
import { StoryPageView } from '../views/story-page.js';

/** Default and largest `limit` for story lists. */
const API_PAGE_SIZE = 20;
const API_MAX_LIMIT = 100;

let moreScripts: string[] | undefined;
/** Versioned URLs of the reader's scripts (hashed once per process, like `reader.js`). */
function readerScripts(ctx: WebContext): string[] {
  moreScripts ??= ['reader-keys.js', 'reader-tools.js'].map(versionedAssetUrl);
  return [ctx.readerScript, ...moreScripts, ...(ctx.learnerScript ? [ctx.learnerScript] : [])];
}

export const storyRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const { reading } = ctx;

  app.get<{ Params: { slug: string } }>('/stories/:slug', (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => {
      const page = await reading.storyPage(request.params.slug);
      if (!page) return null;
      // Built in slices: the largest story allowed does not hold up other requests (issue #16).
      const reader = await buildReaderData(page, ctx.dictionary, ctx.analyze, readerScripts(ctx));
      const view = <StoryPageView chrome={await ctx.chrome()} page={page} reader={reader} />;
      const splice = reader?.body && { marker: STORY_BODY_MARKER, bytes: reader.body };
      return { view, tags: page.tags, ...(splice ? { splice } : {}) };
    }),
  );

  app.get<{ Querystring: { section?: string; page?: string; limit?: string } }>(
    '/api/stories',
    async (request) => {
      const page = parsePageNumber(request.query.page);
      const limit = request.query.limit === undefined ? API_PAGE_SIZE : Number(request.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > API_MAX_LIMIT) {
        throw new AppError('BAD_INPUT', `limit must be a whole number from 1 to ${API_MAX_LIMIT}.`);
      }
      const section = request.query.section;
      if (section !== undefined && !(await reading.findSection(section))) {
        throw new AppError('SECTION_NOT_FOUND', `There is no section "${section}".`);
      }
      const stories = await reading.listStories({ section, limit, offset: (page - 1) * limit });
      return { page, limit, stories: stories.map((s) => ({ ...s, path: storyPath(s.slug) })) };
    },
  );

  app.get<{ Params: { ref: string } }>('/api/stories/:ref', async (request) => {
    const story = await reading.findStory(request.params.ref);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${request.params.ref}".`);
    return { ...storyJson(story), path: storyPath(story.slug) };
  });

  app.get<{ Params: { ref: string } }>('/api/stories/:ref/related', async (request) => {
    const story = await reading.findStory(request.params.ref);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${request.params.ref}".`);
    const related = (await reading.relatedEntries(story)).map(({ slug, ...entry }) => ({
      ...entry,
      slug,
      href: slug ? storyPath(slug) : null,
    }));
    return { id: story.id, slug: story.slug, related };
  });
};
