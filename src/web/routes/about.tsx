/** `/about`: what the site is, and credits (ECDICT). */
import type { FastifyPluginAsync } from 'fastify';
import { CHROME_TAGS } from '../../articles/reading.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render.js';
import { AboutPageView } from '../views/about-page.js';

export const aboutRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get('/about', (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => ({
      view: <AboutPageView chrome={await ctx.chrome()} />,
      tags: CHROME_TAGS,
    })),
  );
};
