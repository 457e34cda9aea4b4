/** 待分类 as JSON: the unsorted stories with the classifier's guesses, and filing one (editors). */
import type { FastifyPluginAsync } from 'fastify';
import { deskApiPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import type { DeskRouteOptions } from './context.js';
import { DESK_API_TAGS, ID_PARAMS, jsonBody } from './forms.js';

export const deskInboxApi: FastifyPluginAsync<DeskRouteOptions> = async (app, { services }) => {
  const inbox = services.desk.inbox;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get<{ Querystring: { limit?: number; offset?: number } }>(
    deskApiPath('inbox'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: '待分类: stories the classifier was unsure of, with its best guesses',
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
      },
    },
    async (request) => {
      const page = await inbox.list(request.query.limit ?? 20, request.query.offset ?? 0);
      return {
        total: page.total,
        stories: page.stories.map((s) => ({
          ...s,
          guesses: s.guesses.map((g) => ({ section: g.section.slug, confidence: g.confidence })),
        })),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { section: string } }>(
    deskApiPath('inbox/:id/file'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary:
          'File a story into a section (recorded as an editor’s choice: training data for the classifier)',
        params: ID_PARAMS,
        body: jsonBody({ section: { type: 'string', maxLength: 40, description: 'the section’s slug' } }, [
          'section',
        ]),
      },
    },
    async (request) => {
      const { storyId, section } = await inbox.file(Number(request.params.id), request.body.section);
      return { id: storyId, section: section.slug, filing: { source: 'editor', confidence: null } };
    },
  );
};
