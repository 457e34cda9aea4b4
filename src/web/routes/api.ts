/**
 * The JSON API over stories and sections: `GET /api/stories` (filtered, paginated),
 * `/api/stories/:ref`, `/api/stories/:ref/related`, `/api/sections`. Every parameter is checked by
 * the route's schema (a repeated or malformed one is a 400 `BAD_INPUT` naming it), and the same
 * schemas describe the API in `/api/openapi.json`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../core/errors.js';
import { CEFR_BANDS } from '../../text/level.js';
import {
  errorResponses,
  RELATED_ENTRY_SCHEMA,
  relatedEntryJson,
  SECTION_SCHEMA,
  STORY_ROW_SCHEMA,
  STORY_SCHEMA,
  sectionJson,
  storyApiJson,
  storyRowJson,
} from '../api-shapes.js';
import type { WebContext } from '../context.js';

/** Default and largest `limit` for story lists. */
const API_PAGE_SIZE = 20;
const API_MAX_LIMIT = 100;

const BAND = `(${CEFR_BANDS.join('|')})`;

const STORY_REF = {
  type: 'object',
  properties: {
    ref: { type: 'string', minLength: 1, maxLength: 100, description: 'a story id (`12`) or slug' },
  },
  required: ['ref'],
} as const;

/** The filters `/api/stories` takes (the search API takes the same names). */
export const STORY_FILTER_PROPERTIES = {
  section: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: 'a section slug (`world`) or Chinese name',
  },
  source: { type: 'string', minLength: 1, maxLength: 200, description: 'a source name, exactly as stored' },
  from: {
    type: 'string',
    format: 'date',
    description: 'an ISO 8601 date (`2016-02-21`), the first day included',
  },
  to: {
    type: 'string',
    format: 'date',
    description: 'an ISO 8601 date (`2016-02-29`), the last day included',
  },
  level: {
    type: 'string',
    pattern: `^${BAND}(,${BAND})*$`,
    description: 'one or more level bands separated by commas (`B1,B2`)',
  },
} as const;

const PAGING_PROPERTIES = {
  page: { type: 'integer', minimum: 1, maximum: 100000, default: 1, description: 'a whole number from 1' },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: API_MAX_LIMIT,
    default: API_PAGE_SIZE,
    description: `a whole number from 1 to ${API_MAX_LIMIT}`,
  },
} as const;

interface StoriesQuery {
  section?: string;
  source?: string;
  from?: string;
  to?: string;
  level?: string;
  page: number;
  limit: number;
}

/** The day after an ISO date: `to` is inclusive, the store's bound is not. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export const apiRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const { reading } = ctx;

  app.get<{ Querystring: StoriesQuery }>(
    '/api/stories',
    {
      schema: {
        summary: 'Stories, newest first',
        description:
          'Newest first by publication date; undated stories come after the dated ones. Filters combine (all must hold).',
        querystring: {
          type: 'object',
          properties: { ...STORY_FILTER_PROPERTIES, ...PAGING_PROPERTIES },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              stories: { type: 'array', items: STORY_ROW_SCHEMA },
              total: { type: 'integer', description: 'Stories matching the filters, on every page.' },
              page: { type: 'integer' },
              limit: { type: 'integer' },
            },
            required: ['stories', 'total', 'page', 'limit'],
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { page, limit, from, to, level, source } = request.query;
      if (from !== undefined && to !== undefined && from > to) {
        throw new AppError('BAD_INPUT', `Query parameter "from" (${from}) must not be after "to" (${to}).`);
      }
      let sectionId: number | undefined;
      if (request.query.section !== undefined) {
        const section = await reading.findSection(request.query.section);
        if (!section)
          throw new AppError('SECTION_NOT_FOUND', `There is no section "${request.query.section}".`);
        sectionId = section.id;
      }
      const filter = {
        sectionId,
        source,
        from,
        toBefore: to === undefined ? undefined : dayAfter(to),
        levelBands: level?.split(','),
      };
      const [stories, total] = await Promise.all([
        reading.filterStories({ ...filter, limit, offset: (page - 1) * limit }),
        reading.countFilteredStories(filter),
      ]);
      return { stories: stories.map(storyRowJson), total, page, limit };
    },
  );

  app.get<{ Params: { ref: string } }>(
    '/api/stories/:ref',
    {
      schema: {
        summary: 'One story, by id or slug',
        params: STORY_REF,
        response: { 200: STORY_SCHEMA, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const story = await reading.findStory(request.params.ref);
      if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${request.params.ref}".`);
      return storyApiJson(story);
    },
  );

  app.get<{ Params: { ref: string } }>(
    '/api/stories/:ref/related',
    {
      schema: {
        summary: "A story's 相关文章 (related stories)",
        description: "The editor's pinned links first, then the related-stories engine's list.",
        params: STORY_REF,
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              slug: { type: 'string' },
              related: { type: 'array', items: RELATED_ENTRY_SCHEMA },
            },
            required: ['id', 'slug', 'related'],
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const story = await reading.findStory(request.params.ref);
      if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${request.params.ref}".`);
      const related = (await reading.relatedEntries(story)).map(relatedEntryJson);
      return { id: story.id, slug: story.slug, related };
    },
  );

  app.get(
    '/api/sections',
    {
      schema: {
        summary: 'The sections, in the navigation order',
        response: {
          200: {
            type: 'object',
            properties: { sections: { type: 'array', items: SECTION_SCHEMA } },
            required: ['sections'],
          },
        },
      },
    },
    async () => ({ sections: (await reading.listSections()).map(sectionJson) }),
  );
};
