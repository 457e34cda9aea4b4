/**
 * A feed server on 127.0.0.1 for the fault tests: good RSS feeds made up here, and feeds that
 * misbehave (one that never answers, one that resets the connection, one that streams forever).
 * It records what it did, so a test can kill lingwire at a moment of the poll.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour =
  | { kind: 'feed'; xml: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Reads the request and resets the connection. */
  | { kind: 'reset' }
  /** Answers 200 and streams RSS-looking bytes until the client goes away. */
  | { kind: 'endless' };

export interface FeedServer {
  url: (path: string) => string;
  set: (path: string, behaviour: Behaviour) => void;
  /** Per path: requests received, responses fully sent, bytes written, connections closed by the client. */
  stats: (path: string) => { requests: number; served: number; bytes: number; closed: number };
  /** Resolves the next time `path`'s response has been fully sent. */
  nextServed: (path: string) => Promise<void>;
  close: () => Promise<void>;
}

const WORDS =
  'council river harbour market teachers bridge station weather festival museum farmers village ships workers garden library'.split(
    ' ',
  );

/** An RSS 2.0 feed of `count` items with full text (no page to fetch), ids `<name>-<i>`. */
export function rssFeed(name: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const w = (k: number) => WORDS[(i * 7 + k * 3 + name.length) % WORDS.length];
    const text = `<p>The ${w(1)} and the ${w(2)} met on Monday in item ${i} of ${name}, and the ${w(3)} said the ${w(4)} would open again next week.</p><p>Officials of the ${w(5)} said the work on the ${w(6)} was finished and that people of the town were glad to see it.</p>`;
    return `<item><title>${name} item ${i}: the ${w(1)} and the ${w(2)}</title><link>http://127.0.0.1/${name}/${i}</link><guid isPermaLink="false">${name}-${i}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><description><![CDATA[${text}]]></description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${name}</title><link>http://127.0.0.1/</link>${items.join('')}</channel></rss>\n`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const behaviours = new Map<string, Behaviour>();
  const counters = new Map<string, { requests: number; served: number; bytes: number; closed: number }>();
  const waiters = new Map<string, Array<() => void>>();
  const sockets = new Set<Socket>();
  const statsOf = (path: string) => {
    let s = counters.get(path);
    if (!s) {
      s = { requests: 0, served: 0, bytes: 0, closed: 0 };
      counters.set(path, s);
    }
    return s;
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const stats = statsOf(path);
    stats.requests++;
    res.on('close', () => {
      if (!res.writableFinished) stats.closed++;
    });
    const behaviour = behaviours.get(path);
    if (!behaviour) {
      res.writeHead(404).end();
      return;
    }
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (behaviour.kind === 'endless') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>endless</title>');
      const chunk = `<item><title>${'more '.repeat(200)}</title></item>`;
      const pump = () => {
        while (!res.destroyed) {
          stats.bytes += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
      return;
    }
    const body = Buffer.from(behaviour.xml);
    res.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body, () => {
      stats.served++;
      stats.bytes += body.length;
      for (const wake of waiters.get(path) ?? []) wake();
      waiters.delete(path);
    });
  };
  const server: Server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, behaviour) => behaviours.set(path, behaviour),
    stats: (path) => ({ ...statsOf(path) }),
    nextServed: (path) =>
      new Promise<void>((resolve) => {
        const list = waiters.get(path) ?? [];
        list.push(resolve);
        waiters.set(path, list);
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
