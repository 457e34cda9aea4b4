/**
 * The story page (`/stories/:slug`, with reader markup and 相关文章); the stories as JSON are in
 * `api.ts`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { versionedAssetUrl } from '../assets.js';
import type { WebContext } from '../context.js';
import { buildReaderData } from '../reader/reader-data.js';
import { STORY_BODY_MARKER } from '../reader/story-html.js';
import { sendPage } from '../render.js';
import { StoryPageView } from '../views/story-page.js';

let moreScripts: string[] | undefined;
/** Versioned URLs of the reader's scripts (hashed once per process, like `reader.js`). */
function readerScripts(ctx: WebContext): string[] {
  moreScripts ??= ['reader-keys.js', 'reader-tools.js', 'gloss.js'].map(versionedAssetUrl);
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
};
