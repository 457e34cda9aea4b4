/**
 * The story page (`/stories/:slug`, with reader markup and 相关文章); the stories as JSON are in
 * `api.ts`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { StoryPage } from '../../articles/reading.js';
import { readerParagraphs } from '../../articles/story-analysis.js';
import { versionedAssetUrl } from '../assets.js';
import type { WebContext } from '../context.js';
import { storyNameKinds } from '../reader/names.js';
import { collectVocabulary } from '../reader/vocabulary.js';
import { sendPage } from '../render.js';
import { type ReaderData, StoryPageView } from '../views/story-page.js';

/**
 * The reader markup of a story page, from the analysis stored with the story; a story without a
 * current one (stored before the dictionary was installed) is analysed now. Null without a
 * dictionary: the page shows plain paragraphs.
 */
let moreScripts: string[] | undefined;
/** Versioned URLs of the reader's other scripts (hashed once per process, like `reader.js`). */
function readerScripts(ctx: WebContext): string[] {
  moreScripts ??= ['reader-keys.js', 'reader-tools.js'].map(versionedAssetUrl);
  return [ctx.readerScript, ...moreScripts];
}

export function readerData(ctx: WebContext, page: StoryPage): ReaderData | null {
  if (!ctx.dictionary) return null;
  const analysis = page.analysis ?? ctx.analyze?.(page.story.paragraphs)?.analysis ?? null;
  if (!analysis) return null;
  const paragraphs = readerParagraphs(page.story.paragraphs, analysis);
  return {
    paragraphs,
    vocabulary: collectVocabulary(paragraphs, ctx.dictionary),
    names: storyNameKinds(paragraphs, ctx.dictionary),
    scripts: readerScripts(ctx),
  };
}

export const storyRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const { reading } = ctx;

  app.get<{ Params: { slug: string } }>('/stories/:slug', (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => {
      const page = await reading.storyPage(request.params.slug);
      if (!page) return null;
      const view = <StoryPageView chrome={await ctx.chrome()} page={page} reader={readerData(ctx, page)} />;
      return { view, tags: page.tags };
    }),
  );
};
