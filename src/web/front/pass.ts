/**
 * Passing a request the front cannot answer to the web thread's server, and its answer back:
 * streamed both ways, over kept-alive loopback connections. The web thread sees the client's
 * address in `X-Forwarded-For` (it believes it only with the front's secret: `app.tsx`).
 */
import {
  Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { FRONT_SECRET_HEADER } from './protocol.js';

/** Headers about one connection (RFC 9110 §7.6.1), and what the front says itself; never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);
/**
 * Also not passed on from a client: what only the front may say (the site does not trust a
 * client's proxy headers), and `Expect` (the front has already answered `100-continue`).
 */
const FROM_FRONT_ONLY = new Set([
  'expect',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  FRONT_SECRET_HEADER,
]);

/** Headers a client's `Connection` header may not remove: the body's framing and the target. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'host']);

/** Whether `req` has a body: a length over 0, or chunked. */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function requestHeaders(req: IncomingMessage, secret: string): IncomingHttpHeaders {
  const named = connectionTokens(req.headers.connection);
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (HOP_BY_HOP.has(name) || FROM_FRONT_ONLY.has(name)) continue;
    if (named?.has(name) && !FRAMING.has(name)) continue;
    headers[name] = value;
  }
  // The body's framing is set here, never left to the client's headers: the parser has undone any
  // chunking, so a body without a length is chunked again; a length is kept as read. (A body
  // whose framing the site read differently from the front would leave bytes on the shared
  // connection that the site takes for another request.)
  delete headers['content-length'];
  if (req.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
  else if (req.headers['content-length'] !== undefined)
    headers['content-length'] = req.headers['content-length'];
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers[FRONT_SECRET_HEADER] = secret;
  return headers;
}

function connectionTokens(value: string | undefined): Set<string> | null {
  return value ? new Set(value.split(',').map((token) => token.trim().toLowerCase())) : null;
}

/** The answer's raw header list without hop-by-hop headers (the front's server sets its own). */
function responseHeaders(res: IncomingMessage): string[] {
  const named = connectionTokens(res.headers.connection);
  const raw = res.rawHeaders;
  const list: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named?.has(name)) list.push(raw[i]!, raw[i + 1]!);
  }
  return list;
}

const UNAVAILABLE = JSON.stringify({
  error: { code: 'UNAVAILABLE', message: 'The site could not answer this request; try again shortly.' },
});

/** The request handler that passes everything to `target`. */
export function passTo(
  target: { host: string; port: number },
  secret: string,
  security: Readonly<Record<string, string>>,
) {
  // Idle connections are closed here after 60 s, before the site's 72 s keep-alive closes them
  // under a request about to be sent.
  const agent = new Agent({ keepAlive: true, timeout: 60_000 });
  const handler = (req: IncomingMessage, res: ServerResponse, retried = false): void => {
    const outgoing = request({
      agent,
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: requestHeaders(req, secret),
    });
    outgoing.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    outgoing.on('error', () => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      // A kept-alive connection the site closed just as it was reused: a GET or HEAD without a
      // body (which is gone now) is asked again.
      const again = req.method === 'GET' || req.method === 'HEAD';
      if (outgoing.reusedSocket && !retried && again && !hasBody(req)) {
        handler(req, res, true);
        return;
      }
      res.writeHead(502, {
        ...security,
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(UNAVAILABLE),
      });
      res.end(UNAVAILABLE);
    });
    // The client went away before its answer was complete: so does the request to the web thread.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    if (retried || !hasBody(req)) outgoing.end();
    else req.pipe(outgoing);
  };
  return { handler, close: () => agent.destroy() };
}
