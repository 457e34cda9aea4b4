/**
 * `GET /api/lookup?word=…&pos=…`: one dictionary entry as JSON, found through case and lemmas; with
 * `pos` (a UPOS tag: `VERB`, `NOUN`, `ADJ`…) that part of speech's meanings come first.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../core/errors.js';
import { EXAM_NAMES } from '../../text/bands.js';
import { isUpos } from '../../text/pos.js';
import type { WebContext } from '../context.js';

/** The dictionary does not change while the server runs: let browsers and proxies keep answers a day. */
const LOOKUP_CACHE = 'public, max-age=86400';

export const lookupRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { word?: string; pos?: string } }>('/api/lookup', async (request, reply) => {
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
    const entry = ctx.dictionary.lookup(word, { pos });
    if (!entry) throw new AppError('WORD_NOT_FOUND', `"${word}" is not in the dictionary.`);
    reply.header('cache-control', LOOKUP_CACHE);
    return { ...entry, examNames: entry.exams.map((exam) => EXAM_NAMES[exam] ?? exam) };
  });
};
