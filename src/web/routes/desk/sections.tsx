/** 栏目 Sections on the desk (pages and forms): create, rename, reorder, merge. */
import type { FastifyPluginAsync } from 'fastify';
import { deskPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import { SectionsView } from '../../views/desk/sections.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './context.js';
import { doneQuery, field, formBody, ID_PARAMS } from './forms.js';

const DONE: Record<string, string> = {
  created: '已新建栏目。 Section created.',
  renamed: '已保存。 Saved.',
  moved: '已调整顺序。 Order changed.',
  merged: '已合并，旧地址跳转到新栏目。 Merged; the old address redirects.',
};

export const deskSectionPages: FastifyPluginAsync<DeskRouteOptions> = async (app, { ctx, services }) => {
  const desk = services.desk.sections;
  app.setSchemaErrorFormatter(schemaError);
  const back = (done: string) => `${deskPath('sections')}?done=${done}`;

  app.get<{ Querystring: { done?: string } }>(
    deskPath('sections'),
    { schema: { querystring: doneQuery(DONE) } },
    async (request, reply) =>
      sendDeskPage(
        reply,
        <SectionsView
          chrome={await ctx.chrome()}
          viewer={deskViewer(request)}
          sections={await desk.list()}
          done={request.query.done && DONE[request.query.done]}
        />,
      ),
  );

  app.post<{ Body: { slug: string; nameZh: string; nameEn?: string } }>(
    deskPath('sections'),
    {
      schema: {
        body: formBody({ slug: field(40), nameZh: field(40), nameEn: field(60) }, ['slug', 'nameZh']),
      },
    },
    async (request, reply) => {
      await desk.create(request.body);
      return reply.redirect(back('created'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: { slug?: string; nameZh?: string; nameEn?: string } }>(
    '/desk/sections/:id',
    {
      schema: {
        params: ID_PARAMS,
        body: formBody({ slug: field(40), nameZh: field(40), nameEn: field(60) }),
      },
    },
    async (request, reply) => {
      const { _csrf, ...names } = request.body as Record<string, string>;
      await desk.rename(Number(request.params.id), names);
      return reply.redirect(back('renamed'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: { direction: 'up' | 'down' } }>(
    '/desk/sections/:id/move',
    {
      schema: {
        params: ID_PARAMS,
        body: formBody({ direction: { type: 'string', enum: ['up', 'down'] } }, ['direction']),
      },
    },
    async (request, reply) => {
      await desk.move(Number(request.params.id), request.body.direction);
      return reply.redirect(back('moved'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: { into: string } }>(
    '/desk/sections/:id/merge',
    {
      schema: {
        params: ID_PARAMS,
        body: formBody({ into: field(10, { pattern: '^[1-9][0-9]*$' }) }, ['into']),
      },
    },
    async (request, reply) => {
      await desk.merge(Number(request.params.id), Number(request.body.into));
      return reply.redirect(back('merged'), 303);
    },
  );
};
