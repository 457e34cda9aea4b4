/**
 * `npm run bench:page`, two figures:
 * 1. Cold renders (`page-cold.ts`): a story page not in the cache, stored analysis against
 *    analysing on the request, over 600 BBC stories (needs ../shared).
 * 2. Warm throughput: requests per second and p99 latency of the story page, against a bare
 *    `node:http` server answering the same bytes from memory, measured in the same run with the
 *    same load (100 connections, 10 s after a warm-up, two alternating rounds). The load comes from
 *    wrk when it is installed (Debian `wrk`; it drives bare node:http at 20,000–30,000 req/s here),
 *    else from autocannon, which saturates near 13,000 req/s on this machine and then measures
 *    itself rather than the servers: the output says which. Each server runs in its own process.
 *
 * Uses the seed story from ../shared when present, else a story written for the tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { importPaths } from '../src/ingest/import.js';
import { withServices } from '../src/services.js';
import { HAS_SHARED, REPO_ROOT, SEED_STORY_PATH } from '../test/shared-data.js';
import { load as loadWith, USE_WRK, waitForUrl } from './load.js';
import { benchColdRenders } from './page-cold.js';

const load = (url: string, seconds: number) => loadWith(url, seconds, CONNECTIONS);

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const BARE_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const body = fs.readFileSync(process.argv[1]);
const headers = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const server = http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
server.listen(0, '127.0.0.1', () => console.log('serving http://127.0.0.1:' + server.address().port + ' '));
`;

async function main() {
  if (HAS_SHARED) await benchColdRenders();
  else console.log('../shared is absent: skipping the cold-render figure (it reads the BBC corpus).');
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-bench-'));
  const children: ChildProcess[] = [];
  try {
    const db = join(dir, 'bench.db');
    const input = HAS_SHARED ? SEED_STORY_PATH : join(REPO_ROOT, 'test', 'fixtures', 'more.txt');
    if (!HAS_SHARED)
      console.log('../shared is absent: benchmarking a story written for the tests instead of the seed.');
    const [story] = await withServices({ ...DEFAULT_CONFIG, dbPath: db }, async ({ pipeline, reading }) => {
      await importPaths(pipeline, [input]);
      return reading.listStories({ limit: 1, offset: 0 });
    });
    if (!story) throw new Error('nothing was imported');
    const path = `/stories/${story.slug}`;

    const lingwire = spawn(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'lingwire.js'), '--db', db, 'serve', '--port', '0'],
      {
        env: { ...process.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(lingwire);
    const lingwireUrl = `${await waitForUrl(lingwire, /serving (http:\/\/\S+?)\/? /)}${path}`;

    const response = await fetch(lingwireUrl);
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'cache-control', 'vary']) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    writeFileSync(join(dir, 'body'), body);
    writeFileSync(join(dir, 'headers.json'), JSON.stringify(headers));
    const bare = spawn(process.execPath, ['-e', BARE_SERVER, join(dir, 'body'), join(dir, 'headers.json')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(bare);
    const bareUrl = `${await waitForUrl(bare, /serving (http:\/\/\S+?) /)}${path}`;

    console.log(
      `story page ${path}: ${body.length} bytes; ${CONNECTIONS} connections, ${DURATION} s after ${WARMUP} s warm-up, load from ${USE_WRK ? 'wrk (2 threads)' : 'autocannon (saturates near 13,000 req/s here: install wrk for a truer ratio)'}`,
    );
    // Rounds alternate the two servers so that a passing disturbance on this machine does not
    // land on one side only; each side reports its best round.
    const targets = [
      ['bare node:http (same bytes from memory)', bareUrl],
      ['lingwire story page', lingwireUrl],
    ] as const;
    const best = new Map<string, { rps: number; p99: number }>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, url] of targets) {
        await load(url, WARMUP);
        const result = await load(url, DURATION);
        console.log(
          `round ${round}: ${name.padEnd(42)} ${result.rps.toFixed(0).padStart(7)} req/s   p99 ${result.p99} ms`,
        );
        const previous = best.get(name);
        if (!previous || result.rps > previous.rps) best.set(name, result);
      }
    }
    const baseline = best.get(targets[0][0])!;
    const ours = best.get(targets[1][0])!;
    console.log(
      `best of ${ROUNDS}: bare ${baseline.rps.toFixed(0)} req/s (p99 ${baseline.p99} ms), lingwire ${ours.rps.toFixed(0)} req/s (p99 ${ours.p99} ms)`,
    );
    console.log(
      `ratio lingwire / bare: ${(ours.rps / baseline.rps).toFixed(2)} of the requests per second (target ≥ 0.60)`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
