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

function requestHeaders(req: IncomingMessage, secret: string): IncomingHttpHeaders {
  const named = connectionTokens(req.headers.connection);
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && !FROM_FRONT_ONLY.has(name) && !named?.has(name)) headers[name] = value;
  }
  // A body without a length arrived chunked: it is re-chunked on the way (the parser undid it).
  if (req.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
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
  const agent = new Agent({ keepAlive: true });
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
      // A kept-alive connection the site closed just as it was reused: a GET or HEAD is asked again.
      if (outgoing.reusedSocket && !retried && (req.method === 'GET' || req.method === 'HEAD')) {
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
    if (retried) outgoing.end();
    else req.pipe(outgoing);
  };
  return { handler, close: () => agent.destroy() };
}
