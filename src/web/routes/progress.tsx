/**
 * The learner's own: 学习进度 (`/me/progress`, charts as inline SVG, per learner so never cached:
 * `no-store`, anonymous visitors sent to the login page) with `GET /api/me/progress` its JSON; and
 * the personal Atom feed of 为我推荐 at a secret URL: `POST /api/me/for-me/feed` makes (or remakes)
 * its token and answers the URL once, `GET` says whether there is one, `DELETE` revokes it, and
 * `/feeds/for-me/:user/:token` serves it (404 for a wrong, revoked or another learner's token).
 */
import type { FastifyPluginAsync } from 'fastify';
import { currentUser, requireUser } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import type { WebContext } from '../context.js';
import { forMeFeedPath, forMePath, progressPath } from '../paths.js';
import { renderHtml } from '../render.js';
import { schemaError } from '../validation.js';
import { forMeFeed } from '../views/for-me-feed.js';
import { SITE_NAME } from '../views/layout.js';
import { ProgressPageView } from '../views/progress-page.js';

/** Stories the personal feed carries (the learner's default range, 90–98 %). */
const FEED_SIZE = 20;

export const progressRoutes: FastifyPluginAsync<{ ctx: WebContext; learn: LearnerWebContext }> = async (
  app,
  { ctx, learn },
) => {
  app.setSchemaErrorFormatter(schemaError);
  const { auth, learner } = learn;

  app.get(progressPath(), { preHandler: requireUser(auth, { page: true }) }, async (request, reply) => {
    const progress = await learner.progress.progress(currentUser(request).id);
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderHtml(<ProgressPageView chrome={await ctx.chrome()} progress={progress} />));
  });

  app.get('/api/me/progress', { preHandler: requireUser(auth) }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return learner.progress.progress(currentUser(request).id);
  });

  const feedState = async (userId: number) => {
    const createdAt = await learner.accounts.feedTokenCreatedAt(userId);
    return { active: createdAt !== null, createdAt };
  };

  app.get('/api/me/for-me/feed', { preHandler: requireUser(auth) }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return feedState(currentUser(request).id);
  });

  app.post('/api/me/for-me/feed', { preHandler: requireUser(auth) }, async (request, reply) => {
    const user = currentUser(request);
    const token = await learner.accounts.createFeedToken(user.id);
    reply.code(201).header('cache-control', 'no-store');
    return { ...(await feedState(user.id)), url: `${ctx.siteUrl()}${forMeFeedPath(user.id, token)}` };
  });

  app.delete('/api/me/for-me/feed', { preHandler: requireUser(auth) }, async (request, reply) => {
    await learner.accounts.revokeFeedToken(currentUser(request).id);
    return reply.code(204).send();
  });

  app.get<{ Params: { user: number; token: string } }>(
    '/feeds/for-me/:user/:token',
    {
      schema: {
        params: {
          type: 'object',
          properties: {
            user: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 },
            token: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      const { user, token } = request.params;
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      if (!(await learner.accounts.feedTokenOpens(user, token))) {
        return reply.code(404).type('text/plain; charset=utf-8').send('No such feed.\n');
      }
      const stories = await learner.forMe.list(user, { min: 0.9, max: 0.98, limit: FEED_SIZE, offset: 0 });
      const site = ctx.siteUrl();
      return reply.type('application/atom+xml; charset=utf-8').send(
        forMeFeed({
          feedUrl: `${site}${forMeFeedPath(user, token)}`,
          pageUrl: `${site}${forMePath()}`,
          siteUrl: site,
          siteName: SITE_NAME,
          stories,
          now: new Date().toISOString(),
        }),
      );
    },
  );
};
