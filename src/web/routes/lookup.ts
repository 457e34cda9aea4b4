/**
 * `GET /api/lookup?word=…&pos=…`: one dictionary entry as JSON, found through case and lemmas; with
 * `pos` (a UPOS tag: `VERB`, `NOUN`, `ADJ`…) that part of speech's meanings come first. Every answer
 * carries `name`: null for an ordinary word, `{ kind, zh }` for a name (`Syria` → place, 叙利亚).
 * A name the dictionary does not know (`Lavrov`: capitalised, or asked for with `pos=PROPN`) is
 * still a 200 with only `query`, `word` and `name`; an unknown lower-case word is a 404.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../core/errors.js';
import { describeName, looksLikeName, type NameInfo, nameOfEntry } from '../../dictionary/names.js';
import { EXAM_NAMES } from '../../text/bands.js';
import { UPOS_TAGS, type Upos } from '../../text/pos.js';
import { errorResponses, LOOKUP_SCHEMA } from '../api-shapes.js';
import type { WebContext } from '../context.js';

/** The dictionary does not change while the server runs: let browsers and proxies keep answers a day. */
const LOOKUP_CACHE = 'public, max-age=86400';

const querystring = {
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
} as const;

export const lookupRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { word: string; pos?: Upos } }>(
    '/api/lookup',
    {
      schema: {
        summary: 'A word in the English–Chinese dictionary (ECDICT)',
        description:
          "Found through case, clitics and lemmas (`discussed` → `discuss`); with `pos`, that part of speech's meanings first. A name the dictionary lacks (`Lavrov`) is a 200 with only `query`, `word` and `name`.",
        querystring,
        response: { 200: LOOKUP_SCHEMA, ...errorResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const word = request.query.word.trim();
      const pos = request.query.pos ?? null;
      if (!word) throw new AppError('BAD_INPUT', 'Give a word to look up: /api/lookup?word=discuss.');
      if (!ctx.dictionary) {
        throw new AppError(
          'DICTIONARY_UNAVAILABLE',
          'The dictionary is not installed on this server (lingwire dict build).',
        );
      }
      const asName = pos === 'PROPN';
      const entry = ctx.dictionary.lookup(word, { pos: asName ? null : pos });
      const written = word.replace(/['’]s$/, '');
      let name: NameInfo | null = entry ? nameOfEntry(entry) : null;
      if (!name && (asName || (!entry && looksLikeName(written))))
        name = describeName(ctx.dictionary, written);
      if (!entry && !name) throw new AppError('WORD_NOT_FOUND', `"${word}" is not in the dictionary.`);
      reply.header('cache-control', LOOKUP_CACHE);
      if (!entry) return { query: word, word: written, name };
      return { ...entry, examNames: entry.exams.map((exam) => EXAM_NAMES[exam] ?? exam), name };
    },
  );
};
