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
import { isUpos } from '../../text/pos.js';
import type { WebContext } from '../context.js';

/** The dictionary does not change while the server runs: let browsers and proxies keep answers a day. */
const LOOKUP_CACHE = 'public, max-age=86400';

const querystring = {
  type: 'object',
  properties: {
    word: { type: 'string' },
    pos: { type: 'string' },
  },
} as const;

export const lookupRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { word?: string; pos?: string } }>(
    '/api/lookup',
    { schema: { querystring } },
    async (request, reply) => {
      const word = request.query.word?.trim();
      const pos = request.query.pos?.trim() || null;
      if (pos !== null && !isUpos(pos)) {
        throw new AppError(
          'BAD_INPUT',
          `pos must be a Universal POS tag (NOUN, VERB, ADJ, ADV…), not "${pos}".`,
        );
      }
      if (!word) throw new AppError('BAD_INPUT', 'Give a word to look up: /api/lookup?word=discuss.');
      if (word.length > 100) throw new AppError('BAD_INPUT', 'A word to look up is at most 100 characters.');
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
