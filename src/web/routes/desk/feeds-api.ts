/** The desk's feeds as JSON: list, preview, add, change settings (pause/resume), poll now (editors). */
import type { FastifyPluginAsync } from 'fastify';
import type { Feed, FeedSettings, LanguagePolicy } from '../../../ingest/polling/model.js';
import { deskApiPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import type { DeskRouteOptions } from './context.js';
import { DESK_API_TAGS, ID_PARAMS, jsonBody } from './forms.js';

const SETTINGS = {
  section: {
    type: ['string', 'null'],
    maxLength: 40,
    description: 'a section slug; null: the default section',
  },
  language: { type: 'string', enum: ['en', 'any'] },
  intervalMinutes: { type: 'integer', minimum: 5, maximum: 10080 },
};

/** A feed as the desk API gives it. */
export function deskFeedJson(feed: Feed) {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    section: feed.section,
    language: feed.language,
    intervalMinutes: feed.intervalMinutes,
    paused: feed.paused,
    lastSuccess: feed.state.lastSuccessAt,
    lastError: feed.state.lastError,
    nextPoll: feed.state.nextPollAt,
    items: { seen: feed.state.itemsSeen, stored: feed.state.itemsStored, skipped: feed.state.itemsSkipped },
  };
}

export const deskFeedApi: FastifyPluginAsync<DeskRouteOptions> = async (app, { services }) => {
  const feeds = services.desk.feeds;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    deskApiPath('feeds'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Every feed with its settings, last success, last error and item counts',
      },
    },
    async () => ({ feeds: (await feeds.list()).map(deskFeedJson) }),
  );

  app.post<{ Body: { url: string } }>(
    deskApiPath('feeds/preview'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'What a feed would bring in now (fetched and read, nothing stored)',
        body: jsonBody({ url: { type: 'string', maxLength: 2000 } }, ['url']),
      },
    },
    async (request) => feeds.preview(request.body.url),
  );

  app.post<{
    Body: { url: string; section?: string | null; language?: LanguagePolicy; intervalMinutes?: number };
  }>(
    deskApiPath('feeds'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Subscribe to a feed (due at once)',
        body: jsonBody({ url: { type: 'string', maxLength: 2000 }, ...SETTINGS }, ['url']),
      },
    },
    async (request, reply) => {
      const { url, section = null, language = 'en', intervalMinutes = 30 } = request.body;
      return reply.code(201).send(deskFeedJson(await feeds.add({ url, section, language, intervalMinutes })));
    },
  );

  app.patch<{ Params: { id: string }; Body: Partial<FeedSettings> }>(
    deskApiPath('feeds/:id'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Change a feed’s section, language, interval, or pause/resume it',
        params: ID_PARAMS,
        body: jsonBody({ ...SETTINGS, paused: { type: 'boolean' } }),
      },
    },
    async (request) => deskFeedJson(await feeds.update(Number(request.params.id), request.body)),
  );

  app.post<{ Params: { id: string } }>(
    deskApiPath('feeds/:id/poll'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary:
          'Poll a feed now: it becomes due, and the writer polls it at its next check (within a minute)',
        params: ID_PARAMS,
      },
    },
    async (request, reply) =>
      reply.code(202).send(deskFeedJson(await feeds.pollNow(Number(request.params.id)))),
  );
};
