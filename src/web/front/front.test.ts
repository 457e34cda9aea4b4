/**
 * The front thread (`thread.ts`), over real sockets on a SQLite file as `lingwire serve` runs it:
 * cached pages answered with the web thread's exact bytes and headers, a write from this process
 * or another shown by the very next request, everything else passed on (bodies, cookies, the
 * reader's address for rate limits, forged proxy headers ignored), a reader who leaves mid-answer
 * harmless, and a clean stop. Needs `npm run build` (the thread runs from `dist/`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../../../test/http.js';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { runCli } from '../../cli/main.js';
import { type Config, DEFAULT_CONFIG } from '../../core/config.js';
import { importPaths } from '../../ingest/import.js';
import { type Services, servicesOver } from '../../services.js';
import { openStore } from '../../store/open-store.js';
import { feedPath } from '../paths.js';
import { type RunningServer, startServer } from '../server.js';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl');
const STORY = '/stories/ports-reopen-after-storm-officials';

let dir: string;
let db: string;
let services: Services;
let server: RunningServer;

async function serve(config: Partial<Config> = {}): Promise<RunningServer> {
  const full = { ...DEFAULT_CONFIG, dbPath: db, port: 0, logLevel: 'silent', ...config };
  services = servicesOver(await openStore(db), full, { dictionary: null, warn: () => {} });
  server = await startServer(full, services, () => {});
  return server;
}

async function served(): Promise<number> {
  return (await server.front!.stats()).served;
}

/** The fixture's story w-3 with `title`, as a file to import. */
function retitled(title: string): string {
  const line = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .find((l) => l.includes('"id": "w-3"'))!;
  const file = join(dir, `${title.length}-${Date.now()}.jsonl`);
  writeFileSync(file, line.replace('Ports reopen after storm: officials', title));
  return file;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-front-'));
  db = join(dir, 'site.db');
  expect(await runCli(['--db', db, 'import', FIXTURE], { out: () => {}, err: () => {} }, {})).toBe(0);
});

afterEach(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the front thread', () => {
  it('answers cached pages with the web thread’s status, headers and bytes', async () => {
    await serve();
    expect(server.front).not.toBeNull();
    let variant = 0;
    for (const url of ['/', '/sections/news', STORY, feedPath()]) {
      expect((await ask(server.url, url)).status, url).toBe(200);
      const gzipEtag = (await ask(server.url, url, 'GET', { 'accept-encoding': 'gzip' })).headers
        .find((h) => h.startsWith('etag: '))!
        .slice(6);
      for (const [method, headers] of [
        ['GET', {}],
        ['GET', { 'accept-encoding': 'gzip' }],
        ['GET', { 'if-none-match': gzipEtag, 'accept-encoding': 'gzip' }],
        ['HEAD', {}],
      ] as const) {
        // The same page under another URL: answered by the web thread (a cache hit there).
        const before = await served();
        const passed = await ask(server.url, `${url}?v=${variant++}`, method, headers);
        expect(await served(), `${method} ${url} passed`).toBe(before);
        const front = await ask(server.url, url, method, headers);
        expect(await served(), `${method} ${url} ${JSON.stringify(headers)}`).toBe(before + 1);
        expect(front.status).toBe(passed.status);
        expect(front.headers, `${method} ${url} ${JSON.stringify(headers)}`).toEqual(passed.headers);
        expect(front.body.equals(passed.body), `${method} ${url}`).toBe(true);
      }
    }
  });

  it('shows a write, from this process or another, on the very next request', async () => {
    await serve();
    await ask(server.url, STORY);
    expect((await ask(server.url, STORY)).body.toString()).toContain('Ports reopen after storm: officials');
    const before = await served();
    expect(before).toBeGreaterThan(0);

    // This process's store (the web thread's own connection)…
    await importPaths(services.pipeline, [retitled('Ports reopen at last after the storm')]);
    expect((await ask(server.url, STORY)).body.toString()).toContain('Ports reopen at last after the storm');
    // …and another process: no polling, the first request after the import has it.
    execFileSync(process.execPath, [
      join(REPO_ROOT, 'bin', 'lingwire.js'),
      '--db',
      db,
      'import',
      retitled('Ports reopen as the storm ends'),
    ]);
    const after = await ask(server.url, STORY);
    expect(after.body.toString()).toContain('Ports reopen as the storm ends');
    // Once caught up, the new page is the front's again.
    const count = await served();
    const again = await ask(server.url, STORY);
    expect(await served()).toBe(count + 1);
    expect(again.body.equals(after.body)).toBe(true);
  });

  it('passes everything else on: bodies, cookies, errors', async () => {
    await serve();
    expect((await ask(server.url, STORY, 'POST')).status).toBe(405);
    expect((await ask(server.url, '/stories/no-such-story')).status).toBe(404);
    const registered = await ask(
      server.url,
      '/api/auth/register',
      'POST',
      { 'content-type': 'application/json' },
      { body: JSON.stringify({ email: 'reader@example.com', password: 'a long passphrase' }) },
    );
    expect(registered.status).toBe(201);
    const cookie = registered.headers
      .filter((h) => h.startsWith('set-cookie: '))
      .map((h) => h.slice(12).split(';')[0])
      .join('; ');
    const me = await ask(server.url, '/api/auth/session', 'GET', { cookie });
    expect(JSON.parse(me.body.toString()).user.email).toBe('reader@example.com');
    // Headers about the connection are the front's own, once each.
    expect(me.headers.filter((h) => h.startsWith('connection: '))).toEqual(['connection: keep-alive']);
    // The header size limit is the front's: just under it passes (with the front's own headers added)…
    const big = (bytes: number) => ({ 'x-filler': 'a'.repeat(bytes) });
    expect((await ask(server.url, '/stories/no-such-story', 'GET', big(16_300))).status).toBe(404);
    // …over it, the site's JSON refusal.
    const refused = await ask(server.url, '/stories/no-such-story', 'GET', big(17 * 1024));
    expect(refused.status).toBe(431);
    expect(JSON.parse(refused.body.toString()).error.code).toBe('HEADERS_TOO_LARGE');
  });

  it('gives the site the reader’s address, and believes no forged one', async () => {
    await serve({ rateLimits: { searchPerMinute: 2, lookupPerMinute: 0 } });
    const search = (headers: Record<string, string> = {}, localAddress?: string) =>
      ask(server.url, '/api/search?q=port', 'GET', headers, { localAddress }).then((a) => a.status);
    expect(await search({ 'x-forwarded-for': '203.0.113.1' })).toBe(200);
    expect(await search({ 'x-forwarded-for': '203.0.113.2' })).toBe(200);
    // A forged address is not another client…
    expect(await search({ 'x-forwarded-for': '203.0.113.3' })).toBe(429);
    // …another address is (without the front's header the site would see the front's own address).
    expect(await search({}, '127.0.0.2')).toBe(200);
    // Straight to the site's loopback port, a forged address and a guessed secret count for nothing.
    const inner = server.app.server.address() as { port: number };
    const direct = `http://127.0.0.1:${inner.port}`;
    const forged = { 'x-forwarded-for': '203.0.113.4', 'x-lingwire-front': 'guess' };
    expect((await ask(direct, '/api/search?q=port', 'GET', forged)).status).toBe(429);
  });

  it('passes a body with the framing it arrived with: nothing smuggled onto the site’s connection', async () => {
    await serve();
    const login = (email: string) =>
      ask(
        server.url,
        '/api/auth/login',
        'POST',
        { 'content-type': 'application/json' },
        { body: JSON.stringify({ email, password: 'a long passphrase' }) },
      ).then((a) => a.status);
    // A second request hidden in the body of a GET whose `Connection` header names its length:
    // a proxy that dropped the length would send the body as raw bytes, a request of its own.
    const hidden = JSON.stringify({ email: 'smuggled@example.com', password: 'a long passphrase' });
    const smuggled =
      'POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(hidden)}\r\n\r\n${hidden}`;
    const outer =
      'GET /stories/no-such-story HTTP/1.1\r\nHost: x\r\nConnection: content-length\r\n' +
      `Content-Length: ${Buffer.byteLength(smuggled)}\r\n\r\n${smuggled}`;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.write(outer));
      socket.once('data', (chunk) => {
        socket.destroy();
        resolve(chunk.toString());
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    // Whatever the site made of it, it was not a registration.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await login('smuggled@example.com')).toBe(401);
    // (A registration through the front is a 201, and its login a 200: the check can tell.)
    await ask(
      server.url,
      '/api/auth/register',
      'POST',
      { 'content-type': 'application/json' },
      { body: JSON.stringify({ email: 'open@example.com', password: 'a long passphrase' }) },
    );
    expect(await login('open@example.com')).toBe(200);
  });

  it('says so when the front thread dies, so serve can exit for its supervisor', async () => {
    const failures: Error[] = [];
    const full = { ...DEFAULT_CONFIG, dbPath: db, port: 0, logLevel: 'silent' };
    services = servicesOver(await openStore(db), full, { dictionary: null, warn: () => {} });
    server = await startServer(
      full,
      services,
      () => {},
      (error) => failures.push(error),
    );
    expect((await ask(server.url, STORY)).status).toBe(200);
    await (server.front as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(failures).toHaveLength(1);
    // A stop after that still closes the site.
    await server.stop();
  });

  it('keeps serving when a reader leaves mid-answer', async () => {
    await serve();
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
          socket.write(`GET /?leave=${i} HTTP/1.1\r\nHost: x\r\n\r\n`);
        });
        socket.once('data', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    expect((await ask(server.url, STORY)).status).toBe(200);
  });

  it('stops: the port closes and the stop resolves', async () => {
    await serve();
    await ask(server.url, STORY);
    const port = Number(new URL(server.url).port);
    await server.stop();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('is off when turned off and behind a trusted proxy (the web thread answers)', async () => {
    await serve({ front: false });
    expect(server.front).toBeNull();
    expect((await ask(server.url, STORY)).status).toBe(200);
    await server.stop();
    await serve({ trustProxy: true });
    expect(server.front).toBeNull();
    expect((await ask(server.url, STORY)).status).toBe(200);
  });
});
