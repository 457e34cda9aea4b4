/**
 * `GET /api/lookup?word=…&pos=…`: one dictionary entry as JSON, found through case and lemmas; with
 * `pos` (a UPOS tag: `VERB`, `NOUN`, `ADJ`…) that part of speech's meanings come first.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../core/errors.js';
import { EXAM_NAMES } from '../../text/bands.js';
import { UPOS_TAGS, type Upos } from '../../text/pos.js';
import { errorResponses, LOOKUP_SCHEMA } from '../api-shapes.js';
import type { WebContext } from '../context.js';

/** The dictionary does not change while the server runs: let browsers and proxies keep answers a day. */
const LOOKUP_CACHE = 'public, max-age=86400';

export const lookupRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { word: string; pos?: Upos } }>(
    '/api/lookup',
    {
      schema: {
        summary: 'A word in the English–Chinese dictionary (ECDICT)',
        description:
          "Found through case, clitics and lemmas (`discussed` → `discuss`); with `pos`, that part of speech's meanings first.",
        querystring: {
          type: 'object',
          properties: {
            word: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'a word of 1 to 100 characters (`discussed`)',
            },
            pos: {
              type: 'string',
              enum: [...UPOS_TAGS],
              description: 'a Universal POS tag (NOUN, VERB, ADJ, ADV…)',
            },
          },
          required: ['word'],
        },
        response: { 200: LOOKUP_SCHEMA, ...errorResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const word = request.query.word.trim();
      if (!word) throw new AppError('BAD_INPUT', 'Give a word to look up: /api/lookup?word=discuss.');
      if (!ctx.dictionary) {
        throw new AppError(
          'DICTIONARY_UNAVAILABLE',
          'The dictionary is not installed on this server (lingwire dict build).',
        );
      }
      const entry = ctx.dictionary.lookup(word, { pos: request.query.pos ?? null });
      if (!entry) throw new AppError('WORD_NOT_FOUND', `"${word}" is not in the dictionary.`);
      reply.header('cache-control', LOOKUP_CACHE);
      return { ...entry, examNames: entry.exams.map((exam) => EXAM_NAMES[exam] ?? exam) };
    },
  );
};
