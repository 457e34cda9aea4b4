/** A story's copies and family on the desk (page and forms): canonical copy, join and split versions. */
import type { FastifyPluginAsync } from 'fastify';
import { deskCopiesPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import { CopiesPage } from '../../views/desk/copies.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './context.js';
import { doneQuery, field, formBody, ID_PARAMS } from './forms.js';

const DONE: Record<string, string> = {
  canonical: '已设为主文章。 Now the canonical story.',
  joined: '已加入系列。 Joined to the family.',
  split: '已移出系列。 Split out of the family.',
};

const BACK = field(10, { pattern: '^[1-9][0-9]*$' });

export const deskCopiesPages: FastifyPluginAsync<DeskRouteOptions> = async (app, { ctx, services }) => {
  const copies = services.desk.copies;
  app.setSchemaErrorFormatter(schemaError);
  const back = (id: number, backTo: string | undefined, done: string) =>
    `${deskCopiesPath(backTo ? Number(backTo) : id)}?done=${done}`;

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/desk/stories/:id/copies',
    { schema: { params: ID_PARAMS, querystring: doneQuery(DONE) } },
    async (request, reply) =>
      sendDeskPage(
        reply,
        <CopiesPage
          chrome={await ctx.chrome()}
          viewer={deskViewer(request)}
          view={await copies.view(Number(request.params.id))}
          done={request.query.done && DONE[request.query.done]}
        />,
      ),
  );

  app.post<{ Params: { id: string }; Body: { back?: string } }>(
    '/desk/stories/:id/canonical',
    { schema: { params: ID_PARAMS, body: formBody({ back: BACK }) } },
    async (request, reply) => {
      const id = Number(request.params.id);
      await copies.setCanonical(id);
      return reply.redirect(back(id, request.body.back, 'canonical'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: { with: string; level?: string; back?: string } }>(
    '/desk/stories/:id/join',
    {
      schema: {
        params: ID_PARAMS,
        body: formBody(
          { with: field(10, { pattern: '^\\s*[1-9][0-9]*\\s*$' }), level: field(30), back: BACK },
          ['with'],
        ),
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      await copies.joinFamily(id, Number(request.body.with.trim()), request.body.level?.trim() || null);
      return reply.redirect(back(id, request.body.back, 'joined'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: { back?: string } }>(
    '/desk/stories/:id/split',
    { schema: { params: ID_PARAMS, body: formBody({ back: BACK }) } },
    async (request, reply) => {
      const id = Number(request.params.id);
      await copies.splitFromFamily(id);
      return reply.redirect(back(id, request.body.back, 'split'), 303);
    },
  );
};
