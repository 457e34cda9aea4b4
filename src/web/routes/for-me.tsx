/**
 * 为我推荐: `GET /api/me/for-me?min=0.90&max=0.98&limit=20&page=1` (the newest stories in the
 * learner's range of known words, with `knownShare` and `unknownLemmas`) and the `/for-me` page,
 * the same cached HTML for everyone, filled from that JSON by `client/for-me.js`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CHROME_TAGS } from '../../articles/reading.js';
import { AppError } from '../../core/errors.js';
import { versionedAssetUrl } from '../assets.js';
import { currentUser, requireUser } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import type { WebContext } from '../context.js';
import { forMePath, storyPath } from '../paths.js';
import { sendPage } from '../render.js';
import { schemaError } from '../validation.js';
import { ForMePageView } from '../views/for-me-page.js';

interface ForMeQuery {
  min: number;
  max: number;
  limit: number;
  page: number;
}

export const forMeRoutes: FastifyPluginAsync<{ ctx: WebContext; learn: LearnerWebContext }> = async (
  app,
  { ctx, learn },
) => {
  app.setSchemaErrorFormatter(schemaError);
  const script = versionedAssetUrl('for-me.js');

  app.get<{ Querystring: ForMeQuery }>(
    '/api/me/for-me',
    {
      preHandler: requireUser(learn.auth),
      schema: {
        querystring: {
          type: 'object',
          properties: {
            min: { type: 'number', minimum: 0, maximum: 1, default: 0.9 },
            max: { type: 'number', minimum: 0, maximum: 1, default: 0.98 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            page: { type: 'integer', minimum: 1, maximum: 1000, default: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const { min, max, limit, page } = request.query;
      if (min > max) throw new AppError('BAD_INPUT', `min (${min}) must not be above max (${max}).`);
      const stories = await learn.learner.forMe.list(currentUser(request).id, {
        min,
        max,
        limit,
        offset: (page - 1) * limit,
      });
      reply.header('cache-control', 'no-store');
      return { min, max, page, limit, stories: stories.map((s) => ({ ...s, path: storyPath(s.slug) })) };
    },
  );

  app.get(forMePath(), (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => ({
      view: <ForMePageView chrome={await ctx.chrome()} script={script} />,
      tags: CHROME_TAGS,
    })),
  );
};
