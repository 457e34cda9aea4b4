/** 订阅源 Feeds on the desk (pages and forms): list, preview then add, settings, pause/resume, poll now. */
import type { FastifyPluginAsync } from 'fastify';
import type { LanguagePolicy } from '../../../ingest/polling/model.js';
import { deskFeedPreviewPath, deskPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import { type FeedForm, FeedPreviewView, FeedsView } from '../../views/desk/feeds.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './context.js';
import { doneQuery, field, formBody, ID_PARAMS } from './forms.js';

const DONE: Record<string, string> = {
  added: '已添加，写入线程会尽快抓取。 Added; the writer polls it shortly.',
  saved: '已保存。 Saved.',
  paused: '已暂停。 Paused.',
  resumed: '已恢复。 Resumed.',
  polling:
    '已排队，写入线程下一次检查时（一分钟内）抓取。 Queued: the writer polls it at its next check (within a minute).',
};

const SETTINGS = {
  section: field(40),
  language: { type: 'string', enum: ['en', 'any'] },
  interval: field(6, { pattern: '^[1-9][0-9]{0,5}$' }),
};

interface SettingsBody {
  section: string;
  language: LanguagePolicy;
  interval: string;
}

const settingsOf = (body: SettingsBody) => ({
  section: body.section === '' ? null : body.section,
  language: body.language,
  intervalMinutes: Number(body.interval),
});

export const deskFeedPages: FastifyPluginAsync<DeskRouteOptions> = async (app, { ctx, services }) => {
  const feeds = services.desk.feeds;
  app.setSchemaErrorFormatter(schemaError);
  const back = (done: string) => `${deskPath('feeds')}?done=${done}`;

  app.get<{ Querystring: { done?: string } }>(
    deskPath('feeds'),
    { schema: { querystring: doneQuery(DONE) } },
    async (request, reply) =>
      sendDeskPage(
        reply,
        <FeedsView
          chrome={await ctx.chrome()}
          viewer={deskViewer(request)}
          feeds={await feeds.list()}
          sections={await services.store.sections.listSections()}
          done={request.query.done && DONE[request.query.done]}
        />,
      ),
  );

  // A preview changes nothing, so it answers the post with the page itself; the add form on it posts on.
  app.post<{ Body: SettingsBody & { url: string } }>(
    deskFeedPreviewPath(),
    {
      schema: {
        body: formBody({ url: field(2000), ...SETTINGS }, ['url', 'section', 'language', 'interval']),
      },
    },
    async (request, reply) => {
      const form: FeedForm = {
        url: request.body.url.trim(),
        section: request.body.section,
        language: request.body.language,
        interval: Number(request.body.interval),
      };
      const preview = await feeds.preview(form.url);
      return sendDeskPage(
        reply,
        <FeedPreviewView
          chrome={await ctx.chrome()}
          viewer={deskViewer(request)}
          form={{ ...form, url: preview.url ?? form.url }}
          preview={preview}
        />,
      );
    },
  );

  app.post<{ Body: SettingsBody & { url: string } }>(
    deskPath('feeds'),
    {
      schema: {
        body: formBody({ url: field(2000), ...SETTINGS }, ['url', 'section', 'language', 'interval']),
      },
    },
    async (request, reply) => {
      await feeds.add({ url: request.body.url, ...settingsOf(request.body) });
      return reply.redirect(back('added'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: SettingsBody }>(
    '/desk/feeds/:id',
    { schema: { params: ID_PARAMS, body: formBody(SETTINGS, ['section', 'language', 'interval']) } },
    async (request, reply) => {
      await feeds.update(Number(request.params.id), settingsOf(request.body));
      return reply.redirect(back('saved'), 303);
    },
  );

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/desk/feeds/:id/${action}`,
      { schema: { params: ID_PARAMS, body: formBody({}) } },
      async (request, reply) => {
        await feeds.update(Number(request.params.id), { paused });
        return reply.redirect(back(paused ? 'paused' : 'resumed'), 303);
      },
    );
  }

  app.post<{ Params: { id: string } }>(
    '/desk/feeds/:id/poll',
    { schema: { params: ID_PARAMS, body: formBody({}) } },
    async (request, reply) => {
      await feeds.pollNow(Number(request.params.id));
      return reply.redirect(back('polling'), 303);
    },
  );
};
