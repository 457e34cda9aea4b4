/**
 * `/healthz`: for load balancers and operators. `writer.alive` says whether a writer (the thread
 * `lingwire serve` starts) recorded a heartbeat lately; a site serving without one still reads.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.js';

export const healthRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get('/healthz', async () => {
    const writer = await ctx.writerStatus();
    return {
      ok: true,
      stories: await ctx.reading.countStories(),
      writer: { alive: writer.alive, lastBeat: writer.last?.beatAt ?? null },
    };
  });
};
