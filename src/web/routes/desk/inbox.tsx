/** 待分类 on the desk (page and form): the unsorted stories with the classifier's guesses; one click files one. */
import type { FastifyPluginAsync } from 'fastify';
import { deskPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import { InboxView } from '../../views/desk/inbox.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './context.js';
import { field, formBody, ID_PARAMS } from './forms.js';

/** Stories on the inbox page. */
export const INBOX_PAGE_SIZE = 50;

export const deskInboxPages: FastifyPluginAsync<DeskRouteOptions> = async (app, { ctx, services }) => {
  const inbox = services.desk.inbox;
  app.setSchemaErrorFormatter(schemaError);

  app.get<{ Querystring: { filed?: string } }>(
    deskPath('inbox'),
    {
      schema: {
        querystring: { type: 'object', properties: { filed: field(40, { pattern: '^[a-z0-9-]+$' }) } },
      },
    },
    async (request, reply) => {
      const page = await inbox.list(INBOX_PAGE_SIZE, 0);
      const filed = request.query.filed;
      const section = filed ? await services.store.sections.findSectionBySlug(filed) : null;
      return sendDeskPage(
        reply,
        <InboxView
          chrome={await ctx.chrome()}
          viewer={deskViewer(request)}
          page={page}
          filedInto={section ? `${section.nameZh} ${section.nameEn}`.trim() : undefined}
        />,
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { section: string } }>(
    '/desk/inbox/:id/file',
    { schema: { params: ID_PARAMS, body: formBody({ section: field(40) }, ['section']) } },
    async (request, reply) => {
      const { section } = await inbox.file(Number(request.params.id), request.body.section);
      return reply.redirect(`${deskPath('inbox')}?filed=${encodeURIComponent(section.slug)}`, 303);
    },
  );
};
