/**
 * Search: the page (`/search?q=…`) and the JSON (`/api/search?q=…&limit=&page=`), with the same
 * filters (`section`, `from`, `to`, `source`, `level`) and the same answers (`search/service.ts`).
 * Parameters are checked by the route schemas: a malformed or repeated one is a 400 `BAD_INPUT`
 * naming it. Result pages are not cached: every query is its own page.
 */
import type { FastifyPluginAsync, FastifySchema, FastifySchemaValidationError } from 'fastify';
import { AppError, isAppError } from '../../core/errors.js';
import { MAX_SEARCH_LIMIT, type SearchParams } from '../../search/service.js';
import type { WebContext } from '../context.js';
import { renderHtml } from '../render.js';
import { searchResultJson } from '../search-json.js';
import { type SearchForm, SearchPageView } from '../views/search-page.js';

/** Results per page (page and API default). */
export const SEARCH_PAGE_SIZE = 10;

const text = (maxLength: number, description: string) => ({ type: 'string', maxLength, description });

const FILTERS = {
  q: text(1000, 'The words to look for: `"a phrase"` in quotes, `-word` to leave stories out.'),
  section: text(200, 'Only this section (its slug, such as `world`).'),
  from: text(10, 'Only stories dated on or after this day (YYYY-MM-DD).'),
  to: text(10, 'Only stories dated on or before this day (YYYY-MM-DD).'),
  source: text(200, 'Only stories of this source.'),
  level: text(40, 'Only these level bands, a comma list such as `B1,B2`.'),
  page: { type: 'integer', minimum: 1, maximum: 10000, description: 'Page of results, from 1.' },
};

const PAGE_SCHEMA: FastifySchema = {
  querystring: { type: 'object', properties: FILTERS },
};

const API_SCHEMA: FastifySchema = {
  querystring: {
    type: 'object',
    properties: {
      ...FILTERS,
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_SEARCH_LIMIT,
        description: `Results per page, 1–${MAX_SEARCH_LIMIT} (default ${SEARCH_PAGE_SIZE}).`,
      },
    },
  },
};

type Query = Partial<Record<'q' | 'section' | 'from' | 'to' | 'source' | 'level', string>> & {
  page?: number;
  limit?: number;
};

/** A schema failure as `BAD_INPUT`, naming the parameter (a repeated one arrives as a list). */
const schemaErrorFormatter = (errors: FastifySchemaValidationError[]): Error => {
  const first = errors[0];
  const name = first?.instancePath.replace(/^\//, '') || 'query';
  return new AppError(
    'BAD_INPUT',
    `Parameter ${name} ${first?.message ?? 'is not valid'} (give each parameter once).`,
  );
};

function paramsOf(query: Query, limit: number): SearchParams {
  const given = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value.trim();
  return {
    q: query.q ?? '',
    section: given(query.section),
    from: given(query.from),
    to: given(query.to),
    source: given(query.source),
    level: given(query.level),
    page: query.page ?? 1,
    limit,
  };
}

export const searchRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: Query }>(
    '/search',
    { schema: PAGE_SCHEMA, schemaErrorFormatter },
    async (request, reply) => {
      const query = request.query;
      const form: SearchForm = {
        q: query.q ?? '',
        section: query.section ?? '',
        from: query.from ?? '',
        to: query.to ?? '',
        source: query.source ?? '',
        level: query.level ?? '',
      };
      const chrome = await ctx.chrome();
      let status = 200;
      let outcome: Parameters<typeof SearchPageView>[0]['outcome'];
      if (query.q !== undefined) {
        try {
          const answer = await ctx.search.search(paramsOf(query, SEARCH_PAGE_SIZE));
          outcome = answer.ok ? { kind: 'results', ...answer } : { kind: 'message', message: answer.message };
        } catch (error) {
          if (!isAppError(error) || error.status >= 500) throw error;
          status = error.status;
          outcome = { kind: 'message', message: error.message };
        }
      }
      return reply
        .code(status)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(renderHtml(<SearchPageView chrome={chrome} form={form} outcome={outcome} />));
    },
  );

  app.get<{ Querystring: Query }>(
    '/api/search',
    { schema: API_SCHEMA, schemaErrorFormatter },
    async (request) => {
      const answer = await ctx.search.search(
        paramsOf(request.query, request.query.limit ?? SEARCH_PAGE_SIZE),
      );
      if (!answer.ok) throw new AppError('BAD_QUERY', answer.message);
      return {
        results: answer.results.map(searchResultJson),
        total: answer.total,
        totalExact: answer.totalExact,
        page: answer.page,
        limit: answer.limit,
      };
    },
  );
};
