/**
 * How much a request may carry (issue #16): a body over `BODY_LIMIT` (JSON or a form), a URL over
 * `MAX_URL_LENGTH`, headers over `MAX_HEADER_BYTES` are refused before any route runs, each with
 * the site's JSON error and a stable code. Fastify's own refusals (a body too large, a media type
 * no route parses, malformed JSON) become `AppError`s here, so clients see
 * `{"error": {"code": "BODY_TOO_LARGE", …}}` rather than Fastify's wording.
 */
import type { IncomingMessage, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { AppError } from '../core/errors.js';

/** Bytes of a request body, JSON or form: every body lingwire takes today is well under it. */
export const BODY_LIMIT = 64 * 1024;
/**
 * For a route whose body is a whole story (an editor's save: up to 200 KB of text, more once
 * JSON-escaped): set `bodyLimit: STORY_BODY_LIMIT` on that route.
 */
export const STORY_BODY_LIMIT = 1024 * 1024;
/** Characters of a request's URL (path and query). Browsers and proxies allow about 8 KB; no lingwire URL needs 4. */
export const MAX_URL_LENGTH = 4096;
/** Bytes of a request's headers (Node's default, said here so it is a decision). */
export const MAX_HEADER_BYTES = 16 * 1024;

function kilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** Fastify options that set the limits. */
export function requestLimitOptions(): Pick<FastifyServerOptions, 'bodyLimit' | 'clientErrorHandler'> & {
  http: ServerOptions;
} {
  return {
    bodyLimit: BODY_LIMIT,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    // Errors before a request exists (headers too large, a malformed request line, a slow client):
    // the same JSON shape, written on the socket, which is then closed.
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, message] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'HEADERS_TOO_LARGE', `The request's headers are over ${kilobytes(MAX_HEADER_BYTES)}.`]
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive.']
            : [400, 'BAD_REQUEST', 'This is not a valid HTTP request.'];
      const body = JSON.stringify({ error: { code, message } });
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy();
    },
  };
}

/** Refuses a URL over `MAX_URL_LENGTH` with a 414 `URI_TOO_LONG`, before routing does any work on it. */
export function addUrlLimit(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: { raw: IncomingMessage }) => {
    if ((request.raw.url ?? '').length > MAX_URL_LENGTH) {
      throw new AppError('URI_TOO_LONG', `This address is over ${MAX_URL_LENGTH} characters long.`);
    }
  });
}

/** Fastify's own request errors as the site's stable codes; null for any other error. */
export function requestErrorOf(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE', `The request body is over ${kilobytes(BODY_LIMIT)}.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the body as application/json (the site forms: application/x-www-form-urlencoded).',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_INPUT', "The body's length does not match its Content-Length header.");
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_INPUT', 'The body is empty but says it is JSON; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_TYPE':
      return new AppError('BAD_JSON', 'The body is not valid JSON.');
    default:
      return (error as { name?: unknown } | null)?.name === 'SyntaxError' &&
        (error as { statusCode?: unknown }).statusCode === 400
        ? new AppError('BAD_JSON', 'The body is not valid JSON.')
        : null;
  }
}
