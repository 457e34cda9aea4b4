/** `/healthz`: for load balancers and operators. */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.js';

export const healthRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get('/healthz', async () => ({ ok: true, stories: await ctx.reading.countStories() }));
};
