/** The reader's pages: front page, sections, stories, about. */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { WebContext } from '../app.js';
import { analyzeParagraphs } from '../reader/story-text.js';
import { collectVocabulary } from '../reader/vocabulary.js';
import { sendPage } from '../render.js';
import { AboutPageView } from '../views/about-page.js';
import { HomePageView } from '../views/home-page.js';
import { SectionPageView } from '../views/section-page.js';
import { type ReaderData, StoryPageView } from '../views/story-page.js';

/** Stories per section on the front page. */
const HOME_PER_SECTION = 6;
/** Stories per section page. */
export const SECTION_PAGE_SIZE = 20;

export function parsePageNumber(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) {
    throw new AppError('BAD_INPUT', `page must be a whole number from 1, not "${String(value)}".`);
  }
  return Number(value);
}

export function registerPageRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { articles, cache } = ctx;

  app.get('/', (request, reply) =>
    sendPage(cache, request, reply, async () => (
      <HomePageView chrome={await ctx.chrome()} groups={await articles.homePage(HOME_PER_SECTION)} />
    )),
  );

  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>(
    '/sections/:slug',
    (request, reply) => {
      const pageNumber = parsePageNumber(request.query.page);
      return sendPage(cache, request, reply, async () => {
        const page = await articles.sectionPage(request.params.slug, pageNumber, SECTION_PAGE_SIZE);
        return page && <SectionPageView chrome={await ctx.chrome()} page={page} />;
      });
    },
  );

  app.get<{ Params: { slug: string } }>('/stories/:slug', (request, reply) =>
    sendPage(cache, request, reply, async () => {
      const page = await articles.storyPage(request.params.slug);
      if (!page) return null;
      let reader: ReaderData | null = null;
      if (ctx.dictionary) {
        const paragraphs = analyzeParagraphs(page.story.paragraphs, ctx.dictionary);
        reader = {
          paragraphs,
          vocabulary: collectVocabulary(paragraphs, ctx.dictionary),
          script: ctx.readerScript,
        };
      }
      return <StoryPageView chrome={await ctx.chrome()} page={page} reader={reader} />;
    }),
  );

  app.get('/about', (request, reply) =>
    sendPage(cache, request, reply, async () => <AboutPageView chrome={await ctx.chrome()} />),
  );
}
