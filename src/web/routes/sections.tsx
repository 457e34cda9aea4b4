/** A section's pages (`/sections/:slug?page=n`); the sections as JSON are in `api.ts`. */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.js';
import { parsePageNumber } from '../page-number.js';
import { sectionPath } from '../paths.js';
import { sendPage } from '../render.js';
import { SectionPageView } from '../views/section-page.js';

/** Stories per section page. */
export const SECTION_PAGE_SIZE = 20;

export const sectionRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>(
    '/sections/:slug',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', description: 'a whole number from 1' },
          },
        },
      },
    },
    (request, reply) => {
      const pageNumber = parsePageNumber(request.query.page);
      return sendPage(
        ctx.cache,
        request,
        reply,
        async () => {
          const page = await ctx.reading.sectionPage(request.params.slug, pageNumber, SECTION_PAGE_SIZE);
          return (
            page && { view: <SectionPageView chrome={await ctx.chrome()} page={page} />, tags: page.tags }
          );
        },
        // Page 1 is the section's URL without `?page=`: one entry for both spellings.
        { page: pageNumber > 1 ? pageNumber : undefined },
        // A renamed or merged-away section's old URL leads to where it went (issue #15).
        async () => {
          const slug = await ctx.reading.sectionRedirect(request.params.slug);
          return slug ? sectionPath(slug, pageNumber) : null;
        },
      );
    },
  );
};
