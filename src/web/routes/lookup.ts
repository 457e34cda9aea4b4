/** `GET /api/lookup?word=…`: one dictionary entry as JSON, found through case and lemmas. */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../core/errors.js';
import { EXAM_NAMES } from '../../text/bands.js';
import type { WebContext } from '../context.js';

/** The dictionary does not change while the server runs: let browsers and proxies keep answers a day. */
const LOOKUP_CACHE = 'public, max-age=86400';

export const lookupRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { word?: string } }>('/api/lookup', async (request, reply) => {
    const word = request.query.word?.trim();
    if (!word) throw new AppError('BAD_INPUT', 'Give a word to look up: /api/lookup?word=discuss.');
    if (word.length > 100) throw new AppError('BAD_INPUT', 'A word to look up is at most 100 characters.');
    if (!ctx.dictionary) {
      throw new AppError(
        'DICTIONARY_UNAVAILABLE',
        'The dictionary is not installed on this server (lingwire dict build).',
      );
    }
    const entry = ctx.dictionary.lookup(word);
    if (!entry) throw new AppError('WORD_NOT_FOUND', `"${word}" is not in the dictionary.`);
    reply.header('cache-control', LOOKUP_CACHE);
    return { ...entry, examNames: entry.exams.map((exam) => EXAM_NAMES[exam] ?? exam) };
  });
};
