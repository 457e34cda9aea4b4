/**
 * A learner's marks on a story page, as JSON (`GET /api/me/story-marks/:ref`, id or slug), and
 * "读完了 finished" (`POST /api/me/story-marks/:ref/finished`). The story page's HTML is the same
 * for everyone; `client/learner.js` lays these marks over it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { currentUser, requireUser } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import { schemaError } from '../validation.js';

const REF = {
  type: 'object',
  properties: { ref: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9-]+$' } },
} as const;

export const storyMarkRoutes: FastifyPluginAsync<{ learn: LearnerWebContext }> = async (app, { learn }) => {
  const { storyMarks } = learn.learner;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const preHandler = requireUser(learn.auth);

  app.get<{ Params: { ref: string } }>(
    '/api/me/story-marks/:ref',
    { preHandler, schema: { params: REF } },
    async (request) => storyMarks.marks(currentUser(request).id, request.params.ref),
  );

  app.post<{ Params: { ref: string } }>(
    '/api/me/story-marks/:ref/finished',
    { preHandler, schema: { params: REF } },
    async (request) => storyMarks.finish(currentUser(request).id, request.params.ref),
  );
};
