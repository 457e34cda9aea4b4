/** The learner's pages: `/review` and `/me` (the same cached HTML for everyone; the learner's data comes as JSON). */
import type { FastifyPluginAsync } from 'fastify';
import { CHROME_TAGS } from '../../articles/reading.js';
import { versionedAssetUrl } from '../assets.js';
import type { WebContext } from '../context.js';
import { mePath, reviewPath } from '../paths.js';
import { sendPage } from '../render.js';
import { MePageView, ReviewPageView } from '../views/learner-pages.js';

export const learnerPageRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const reviewScript = versionedAssetUrl('review.js');
  const meScript = versionedAssetUrl('me.js');
  app.get(mePath(), (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => ({
      view: <MePageView chrome={await ctx.chrome()} script={meScript} />,
      tags: CHROME_TAGS,
    })),
  );
  app.get(reviewPath(), (request, reply) =>
    sendPage(ctx.cache, request, reply, async () => ({
      view: <ReviewPageView chrome={await ctx.chrome()} script={reviewScript} />,
      tags: CHROME_TAGS,
    })),
  );
};
