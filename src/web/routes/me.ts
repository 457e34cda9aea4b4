/**
 * `/api/me`, `/api/me/export`, `/api/me/password` and the learner's words (`/api/me/words`,
 * `/api/me/known-from-exam`). Every route needs a logged-in learner (session cookie with its CSRF
 * token for changes, or a Bearer API token) and reaches only that learner's data. Answers are never
 * cached (`no-store`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { WORD_STATUSES, type WordStatusName } from '../../learner/model.js';
import { EXAM_ORDER, type Exam } from '../../text/bands.js';
import { currentAuth, currentUser, requireUser, SESSION_COOKIE } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import { schemaError } from '../validation.js';

export const meRoutes: FastifyPluginAsync<{ learn: LearnerWebContext }> = async (app, { learn }) => {
  const { learner, auth } = learn;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const preHandler = requireUser(auth);

  app.get('/api/me', { preHandler }, async (request) => currentUser(request));

  app.get('/api/me/export', { preHandler }, async (request, reply) => {
    const data = await learner.exportData(currentUser(request));
    reply.header('content-disposition', 'attachment; filename="lingwire-export.json"');
    return data;
  });

  app.delete('/api/me', { preHandler }, async (request, reply) => {
    await learner.accounts.deleteAccount(currentUser(request).id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post<{ Body: { current: string; password: string } }>(
    '/api/me/password',
    {
      preHandler,
      schema: {
        body: {
          type: 'object',
          required: ['current', 'password'],
          additionalProperties: false,
          properties: {
            current: { type: 'string', maxLength: 200 },
            password: { type: 'string', maxLength: 200 },
            _csrf: { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const { user, session } = currentAuth(request);
      await learner.accounts.changePassword(
        user,
        request.body.current,
        request.body.password,
        session?.idHash,
      );
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { word: string }; Body: { status: WordStatusName; stage?: number; lemma?: string } }>(
    '/api/me/words/:word',
    {
      preHandler,
      schema: {
        params: { type: 'object', properties: { word: { type: 'string', minLength: 1, maxLength: 64 } } },
        body: {
          type: 'object',
          required: ['status'],
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...WORD_STATUSES] },
            stage: { type: 'integer', minimum: 1, maximum: 4 },
            lemma: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
      },
    },
    async (request) => learner.words.setStatus(currentUser(request).id, request.params.word, request.body),
  );

  app.get<{ Querystring: { status?: WordStatusName; limit: number; offset: number } }>(
    '/api/me/words',
    {
      preHandler,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...WORD_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
      },
    },
    async (request) => learner.words.listWords(currentUser(request).id, request.query),
  );

  app.post<{ Body: { exam: Exam } }>(
    '/api/me/known-from-exam',
    {
      preHandler,
      schema: {
        body: {
          type: 'object',
          required: ['exam'],
          additionalProperties: false,
          properties: { exam: { type: 'string', enum: [...EXAM_ORDER] } },
        },
      },
    },
    async (request) => learner.words.knownFromExam(currentUser(request).id, request.body.exam),
  );
};
