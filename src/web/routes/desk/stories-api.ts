/**
 * The desk's story API (issue #15), behind the editor role (`routes/desk.tsx` guards it: anonymous
 * 401, a reader 403, a cookie request without its CSRF token 403): `PATCH /api/stories/:id`,
 * `DELETE /api/stories/:id`, `GET /api/stories/:id/history`. Authenticated by session or by
 * `Authorization: Bearer <token>`; the history names the account's email.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../core/errors.js';
import type { StoryChanges } from '../../../editing/story-changes.js';
import { errorResponses } from '../../api-shapes.js';
import { currentUser } from '../../auth/guard.js';
import {
  EDIT_RESULT_SCHEMA,
  editResultJson,
  HISTORY_SCHEMA,
  historyJson,
  STORY_PATCH_SCHEMA,
} from '../../desk-shapes.js';
import { schemaError } from '../../validation.js';
import type { DeskRouteOptions } from './context.js';

/** `:ref` as the public `GET /api/stories/:ref` names it; editors' routes take an id only. */
const STORY_ID = {
  type: 'object',
  properties: { ref: { type: 'string', pattern: '^[1-9][0-9]{0,9}$', description: 'The story id (`12`).' } },
  required: ['ref'],
} as const;

const storyId = (ref: string) => {
  const id = Number(ref);
  if (!Number.isSafeInteger(id) || id > 2_147_483_647)
    throw new AppError('STORY_NOT_FOUND', `There is no story ${ref}.`);
  return id;
};

export const deskStoriesApi: FastifyPluginAsync<DeskRouteOptions> = async (app, { services }) => {
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const { editing, reading } = services;

  app.patch<{ Params: { ref: string }; Body: StoryChanges }>(
    '/api/stories/:ref',
    {
      schema: {
        summary: 'Edit a story (editors)',
        description:
          'Changes any of its fields; the page changes at once, the permalink stays, and the change is recorded in its history. Anonymous 401, readers 403.',
        params: STORY_ID,
        body: STORY_PATCH_SCHEMA,
        response: { 200: EDIT_RESULT_SCHEMA, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const id = storyId(request.params.ref);
      const { changes } = await editing.edit(id, request.body, currentUser(request).email);
      const story = await reading.findStory(String(id), { includeHidden: true });
      if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
      return editResultJson(story, await editing.pins(story), changes);
    },
  );

  app.delete<{ Params: { ref: string } }>(
    '/api/stories/:ref',
    {
      schema: {
        summary: 'Delete a story (editors)',
        description:
          'Removes it from every page, list, feed and search at once; 生词本 entries keep their sentence. Its history stays.',
        params: STORY_ID,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await editing.remove(storyId(request.params.ref), currentUser(request).email);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { ref: string } }>(
    '/api/stories/:ref/history',
    {
      schema: {
        summary: "A story's edit history (editors)",
        description: 'Who changed what and when, oldest first; kept after the story is deleted.',
        params: STORY_ID,
        response: { 200: HISTORY_SCHEMA, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const id = storyId(request.params.ref);
      const history = await editing.history(id);
      if (history.length === 0 && !(await services.store.stories.findStoryById(id))) {
        throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
      }
      return historyJson(id, history);
    },
  );
};
