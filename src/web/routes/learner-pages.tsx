/** The learner's pages: `/review` (the same cached HTML for everyone; cards come as JSON). */
import type { FastifyPluginAsync } from 'fastify';
import { CHROME_TAGS } from '../../articles/reading.js';
import { versionedAssetUrl } from '../assets.js';
import type { WebContext } from '../context.js';
import { reviewPath } from '../paths.js';
import { sendPage } from '../render.js';
import { ReviewPageView } from '../views/learner-pages.js';

export const learnerPageRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const reviewScript = versionedAssetUrl('review.js');
  app.get(reviewPath(), (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => ({
      view: <ReviewPageView chrome={await ctx.chrome()} script={reviewScript} />,
      tags: CHROME_TAGS,
    })),
  );
};
