/** A story's copies and family as JSON: view, choose the canonical copy, join and split versions (editors). */
import type { FastifyPluginAsync } from 'fastify';
import type { Story } from '../../../articles/model.js';
import { deskApiPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import type { DeskRouteOptions } from './context.js';
import { DESK_API_TAGS, ID_PARAMS, jsonBody } from './forms.js';

const brief = (s: Story) => ({
  id: s.id,
  slug: s.slug,
  title: s.title,
  source: s.source,
  duplicateOf: s.duplicateOf,
  group: s.group,
  groupLevel: s.groupLevel,
});

export const deskCopiesApi: FastifyPluginAsync<DeskRouteOptions> = async (app, { services }) => {
  const copies = services.desk.copies;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const view = async (id: number) => {
    const v = await copies.view(id);
    return {
      story: brief(v.story),
      canonical: brief(v.canonical),
      copies: v.copies.map(brief),
      family: v.family,
    };
  };

  app.get<{ Params: { id: string } }>(
    deskApiPath('stories/:id/copies'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'A story’s canonical story, copies and family versions',
        params: ID_PARAMS,
      },
    },
    async (request) => view(Number(request.params.id)),
  );

  app.post<{ Params: { id: string } }>(
    deskApiPath('stories/:id/canonical'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Make a story the canonical one of its copies',
        params: ID_PARAMS,
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      await copies.setCanonical(id);
      return view(id);
    },
  );

  app.post<{ Params: { id: string }; Body: { with: number; level?: string | null } }>(
    deskApiPath('stories/:id/family'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Join story `with` (and its family) to this story’s family, as level versions of one story',
        params: ID_PARAMS,
        body: jsonBody(
          { with: { type: 'integer', minimum: 1 }, level: { type: ['string', 'null'], maxLength: 30 } },
          ['with'],
        ),
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      await copies.joinFamily(id, request.body.with, request.body.level ?? null);
      return view(id);
    },
  );

  app.delete<{ Params: { id: string } }>(
    deskApiPath('stories/:id/family'),
    { schema: { tags: DESK_API_TAGS, summary: 'Take a story out of its family', params: ID_PARAMS } },
    async (request) => {
      const id = Number(request.params.id);
      await copies.splitFromFamily(id);
      return view(id);
    },
  );
};
