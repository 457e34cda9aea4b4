/**
 * A learner's marks on a story page, as JSON (`GET /api/me/story-marks/:ref`, id or slug), and
 * "读完了 finished" (`POST /api/me/story-marks/:ref/finished`). The story page's HTML is the same
 * for everyone; `client/learner.js` lays these marks over it. Also 注释模式's short meanings of a
 * story's lemmas (`GET /api/stories/:ref/glosses`, the same for everyone, no login), which
 * `client/gloss.js` prints above the words the learner's marks say they do not know yet.
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
  const { storyMarks, glosses } = learn.learner;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.get<{ Params: { ref: string } }>(
    '/api/stories/:ref/glosses',
    { schema: { params: REF } },
    async (request, reply) => {
      const found = await glosses.glosses(request.params.ref);
      reply.header('cache-control', 'public, max-age=3600');
      return found;
    },
  );
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
