/** The desk's sections as JSON: list, create, rename, reorder, merge (editors). */
import type { FastifyPluginAsync } from 'fastify';
import { deskApiPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import type { DeskRouteOptions } from './context.js';
import { DESK_API_TAGS, ID_PARAMS, jsonBody } from './forms.js';

const NAMES = {
  slug: { type: 'string', maxLength: 40, description: 'lower-case letters, digits and hyphens' },
  nameZh: { type: 'string', maxLength: 40 },
  nameEn: { type: 'string', maxLength: 60 },
};

export const deskSectionApi: FastifyPluginAsync<DeskRouteOptions> = async (app, { services }) => {
  const desk = services.desk.sections;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    deskApiPath('sections'),
    { schema: { tags: DESK_API_TAGS, summary: 'Every section in navigation order, with its story count' } },
    async () => ({ sections: await desk.list() }),
  );

  app.post<{ Body: { slug: string; nameZh: string; nameEn?: string } }>(
    deskApiPath('sections'),
    {
      schema: { tags: DESK_API_TAGS, summary: 'Create a section', body: jsonBody(NAMES, ['slug', 'nameZh']) },
    },
    async (request, reply) => reply.code(201).send(await desk.create(request.body)),
  );

  app.patch<{ Params: { id: string }; Body: { slug?: string; nameZh?: string; nameEn?: string } }>(
    deskApiPath('sections/:id'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Rename a section (a new slug leaves the old one redirecting)',
        params: ID_PARAMS,
        body: jsonBody(NAMES),
      },
    },
    async (request) => desk.rename(Number(request.params.id), request.body),
  );

  app.put<{ Body: { ids: number[] } }>(
    deskApiPath('sections/order'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Set the navigation order (sections not named follow as they were)',
        body: jsonBody({ ids: { type: 'array', maxItems: 1000, items: { type: 'integer', minimum: 1 } } }, [
          'ids',
        ]),
      },
    },
    async (request) => {
      await desk.reorder(request.body.ids);
      return { sections: await desk.list() };
    },
  );

  app.post<{ Params: { id: string }; Body: { into: number } }>(
    deskApiPath('sections/:id/merge'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Merge a section into another: its stories move, its URL redirects',
        params: ID_PARAMS,
        body: jsonBody({ into: { type: 'integer', minimum: 1 } }, ['into']),
      },
    },
    async (request) => {
      await desk.merge(Number(request.params.id), request.body.into);
      return { sections: await desk.list() };
    },
  );
};
