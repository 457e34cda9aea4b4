/** The front page: the newest stories of every section. */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.js';
import { sendPage } from '../render.js';
import { HomePageView } from '../views/home-page.js';

/** Stories per section on the front page. */
const HOME_PER_SECTION = 6;

export const homeRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get('/', (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => {
      const home = await ctx.reading.homePage(HOME_PER_SECTION);
      return { view: <HomePageView chrome={await ctx.chrome()} groups={home.groups} />, tags: home.tags };
    }),
  );
};
