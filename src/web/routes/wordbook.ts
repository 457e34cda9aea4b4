/**
 * The 生词本 and its reviews as JSON: `POST/GET /api/me/wordbook`, `DELETE /api/me/wordbook/:id`,
 * `GET /api/me/reviews/due`, `POST /api/me/reviews`. Only the learner's own entries are reached;
 * another learner's id is a 404 (`ENTRY_NOT_FOUND`), as a missing one.
 */
import type { FastifyPluginAsync } from 'fastify';
import { REVIEW_RATINGS, type ReviewRating } from '../../learner/model.js';
import type { NewEntryInput } from '../../learner/wordbook.js';
import { ankiTsv, wordbookCsv } from '../../learner/wordbook-export.js';
import { currentUser, requireUser } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import { storyPath } from '../paths.js';
import { schemaError } from '../validation.js';

const ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

export const wordbookRoutes: FastifyPluginAsync<{
  learn: LearnerWebContext;
  publicUrl?: string | null;
}> = async (app, { learn, publicUrl }) => {
  const { wordbook } = learn.learner;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const preHandler = requireUser(learn.auth);

  app.post<{ Body: NewEntryInput }>(
    '/api/me/wordbook',
    {
      preHandler,
      schema: {
        body: {
          type: 'object',
          required: ['word', 'story'],
          additionalProperties: false,
          properties: {
            word: { type: 'string', minLength: 1, maxLength: 64 },
            story: ID,
            sentence: { type: 'string', maxLength: 1000 },
            meaning: { type: 'string', maxLength: 500 },
            note: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => reply.code(201).send(await wordbook.add(currentUser(request).id, request.body)),
  );

  app.get('/api/me/wordbook', { preHandler }, async (request) => ({
    entries: await wordbook.list(currentUser(request).id),
  }));

  app.get<{ Querystring: { format: 'anki' | 'csv' } }>(
    '/api/me/wordbook/export',
    {
      preHandler,
      schema: {
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', enum: ['anki', 'csv'], default: 'csv' } },
        },
      },
    },
    async (request, reply) => {
      const rows = await wordbook.exportRows(
        currentUser(request).id,
        (slug) => `${publicUrl ?? ''}${storyPath(slug)}`,
      );
      const anki = request.query.format === 'anki';
      reply
        .type(anki ? 'text/tab-separated-values; charset=utf-8' : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="lingwire-wordbook.${anki ? 'txt' : 'csv'}"`);
      return anki ? ankiTsv(rows) : wordbookCsv(rows);
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/me/wordbook/:id',
    { preHandler, schema: { params: { type: 'object', properties: { id: ID } } } },
    async (request, reply) => {
      await wordbook.remove(currentUser(request).id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    '/api/me/reviews/due',
    {
      preHandler,
      schema: {
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 0, maximum: 50, default: 50 } },
        },
      },
    },
    async (request) => wordbook.due(currentUser(request).id, request.query.limit),
  );

  app.post<{ Body: { entry: number; rating: ReviewRating } }>(
    '/api/me/reviews',
    {
      preHandler,
      schema: {
        body: {
          type: 'object',
          required: ['entry', 'rating'],
          additionalProperties: false,
          properties: { entry: ID, rating: { type: 'string', enum: [...REVIEW_RATINGS] } },
        },
      },
    },
    async (request) => wordbook.review(currentUser(request).id, request.body.entry, request.body.rating),
  );
};
