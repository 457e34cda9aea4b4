/**
 * `npm run bench:http` (issue #16, the harness): wrk against lingwire's pages and API, and in the
 * same run the same story bytes served by a bare `node:http` server and by nginx (Debian's
 * `nginx-light`, run as this user's process with a temporary config on a free port), so every
 * story-page figure is a ratio to a limit.
 *
 * Cores (this machine has 2): every server runs pinned to core 1 (`taskset -c 1`), wrk to core 0
 * with one thread, so the load generator never takes the server's core. wrk's own CPU use is
 * printed: near 1.0 means wrk, not the server, was the limit (then the nginx figure, and so the
 * ratio to nginx, is a lower bound for nginx). Other processes on the machine still share both
 * cores, so the story page runs several alternating rounds and every round is printed.
 *
 * Measured: the story page warm (one URL from the page cache), the story page cold (a Lua script
 * cycling through 6,000 story URLs after a restart emptied the cache; the cache holds 5,000 and
 * drops the oldest first, so every request renders), the front page, a section page, the lookup
 * API (cycling through 1,000 words), and search once the site has it (`/api/search?q=`, probed).
 * Targets: story page ≥ 0.8× bare node:http and ≥ 0.3× nginx, no errors, p99 under 50 ms.
 *
 *   BENCH_SECONDS (10) BENCH_CONNECTIONS (64) BENCH_ROUNDS (3) BENCH_HTTP_STORIES (archive size)
 *   BENCH_HTTP_DB (a database to serve instead of the `.bench/` archive)
 *   BENCH_HTTP_COMPARE (another build's `bin/lingwire.js`: its warm story page joins the rounds)
 *   BENCH_HTTP_PARTS (`warm,cold,pages`: which parts to run; default all)
 *
 * Beside req/s, each line gives the server's CPU time per request (from /proc, user + system):
 * on a machine other processes load, req/s moves with what they take, CPU per request much less,
 * so the ratio of CPU per request is the steadier estimate of the ratio a calm machine gives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { openDictionary } from '../src/dictionary/index.js';
import { openServices } from '../src/services.js';
import { HAS_SHARED, REPO_ROOT } from '../test/shared-data.js';
import { archiveDb } from './archive.js';
import { waitForUrl } from './load.js';
import { type WrkOptions, type WrkResult, wrk } from './wrk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COLD_URLS = Number(process.env.BENCH_COLD_URLS ?? 6000);
const LINGWIRE_BIN = join(REPO_ROOT, 'bin', 'lingwire.js');
const COMPARE_BIN = process.env.BENCH_HTTP_COMPARE;
const PARTS = new Set((process.env.BENCH_HTTP_PARTS ?? 'warm,cold,pages').split(','));
const SERVER_CPU = '1';
const WRK_CPU = '0';
const STORIES = Number(
  process.env.BENCH_HTTP_STORIES ??
    (existsSync(join(REPO_ROOT, '.bench', 'archive-100000.db')) ? 100_000 : 7000),
);

const BARE_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const body = fs.readFileSync(process.argv[1]);
const headers = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const server = http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
server.listen(0, '127.0.0.1', () => console.log('serving http://127.0.0.1:' + server.address().port + ' '));
`;

/**
 * lingwire's fast path alone: the same `FastPath` code and page bytes (from this build's `dist/`),
 * in a process that has nothing else (no Fastify app, store, or other requests). What separates
 * it from the warm story page is the cost of living in the full server process.
 */
const FAST_PATH_ALONE = `
const [dist, bodyFile, path] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { FastPath, fastPathServer } = await import(dist + '/web/fast-path.js');
const { PageCache, makeCachedPage } = await import(dist + '/web/page-cache.js');
const { constantSecurityHeaders } = await import(dist + '/web/security-headers.js');
const cache = new PageCache({ changeToken: () => 'fixed', transactionMark: () => 0, changes: { latestChange: async () => 0, findChangesSince: async () => null } });
await cache.sync();
cache.set('page', makeCachedPage(readFileSync(bodyFile), 'text/html; charset=utf-8'), []);
cache.remember(path, 'page');
const fastPath = new FastPath(cache, constantSecurityHeaders({ publicUrl: null, trustProxy: false }));
const server = fastPathServer(fastPath)((req, res) => { res.statusCode = 404; res.end(); }, {});
server.listen(0, '127.0.0.1', () => console.log('serving http://127.0.0.1:' + server.address().port + ' '));
`;

/** Bare node:http spending argv[1] µs of CPU on each request (after a turn of the event loop, as a render would) and answering argv[2] bytes. */
const BUSY_SERVER = `
const http = require('node:http');
const [busyUs, size] = process.argv.slice(1).map(Number);
const body = Buffer.alloc(size, 'a');
const server = http.createServer((req, res) => {
  setImmediate(() => {
    const until = performance.now() + busyUs / 1000;
    while (performance.now() < until);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('serving http://127.0.0.1:' + server.address().port + ' '));
`;

/** wrk Lua: each request takes the next path of the file named by the first argument. */
const CYCLE_LUA = `
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];
function pinned(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn('taskset', ['-c', SERVER_CPU, command, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function startLingwire(db: string, bin = LINGWIRE_BIN): Promise<{ child: ChildProcess; url: string }> {
  // `--no-writer`: the web process alone (a writer thread would load the related index on the
  // server's core meanwhile); the pages and routes are the same code as `serve`'s.
  const child = pinned(process.execPath, [bin, '--db', db, 'serve', '--no-writer', '--port', '0'], {
    ...process.env,
    LOG_LEVEL: 'warn',
    // Rate limits off: this measures throughput, from one address.
    LINGWIRE_RATE_LIMIT_SEARCH: '0',
    LINGWIRE_RATE_LIMIT_LOOKUP: '0',
  });
  const url = await waitForUrl(child, /serving (http:\/\/\S+?)\/? /);
  return { child, url };
}

function nginxConfig(dir: string, port: number): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  types { text/html html; }
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location / { try_files /story.html =404; }
  }
}
`;
}

/** A wrk run with the server's CPU time per request over it (µs). */
type Run = WrkResult & { cpuUs: number };

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(child: ChildProcess): number {
  try {
    // The fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
const TICKS_PER_SECOND = 100;

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
function line(name: string, r: Run): string {
  return `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${ms(r.p50).padStart(6)} ms  p99 ${ms(r.p99).padStart(6)} ms  errors ${r.errors}${r.errorDetail ? ` (${r.errorDetail})` : ''}  server CPU ${r.cpuUs.toFixed(1)} µs/req  (wrk CPU ${r.wrkCpu.toFixed(2)})`;
}

async function measured(server: ChildProcess, url: string, options: WrkOptions): Promise<Run> {
  const before = cpuSeconds(server);
  const result = await wrk(url, options);
  const cpu = cpuSeconds(server) - before;
  return { ...result, cpuUs: (cpu * 1e6) / Math.max(1, result.requests) };
}

async function load(server: ChildProcess, url: string, lua?: { script: string; file: string }): Promise<Run> {
  const options = {
    connections: CONNECTIONS,
    cpus: WRK_CPU,
    ...(lua ? { script: lua.script, scriptArgs: [lua.file] } : {}),
  };
  await wrk(url, { ...options, seconds: WARMUP });
  return measured(server, url, { ...options, seconds: SECONDS });
}

/** Reads `path` (and its WAL, if any) once, so its pages are in the OS cache; MB read. */
function readThrough(path: string): number {
  const buffer = Buffer.alloc(1 << 20);
  let total = 0;
  for (const file of [path, `${path}-wal`]) {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      continue;
    }
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) total += n;
    } finally {
      closeSync(fd);
    }
  }
  return total / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const db = process.env.BENCH_HTTP_DB ?? archiveDb(STORIES);
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-http-'));
  try {
    // Story URLs, words for the lookup API, and the story the warm runs read.
    const dictionary = openDictionary();
    const services = await openServices({ ...DEFAULT_CONFIG, dbPath: db }, { dictionary, mustExist: true });
    const slugs: string[] = [];
    const words = new Set<string>();
    const section = (await services.reading.listSections())[0]!;
    for (let offset = 0; slugs.length < COLD_URLS; offset += 100) {
      const page = await services.reading.listStories({ limit: 100, offset });
      if (page.length === 0) break;
      for (const s of page) {
        slugs.push(s.slug);
        for (const w of s.title.toLowerCase().match(/[a-z]{4,}/g) ?? [])
          if (words.size < 1000 && dictionary.lookup(w)) words.add(w);
      }
    }
    await services.close();
    if (slugs.length < COLD_URLS)
      throw new Error(`the archive has ${slugs.length} stories; the cold run needs ${COLD_URLS}`);
    const script = join(dir, 'cycle.lua');
    writeFileSync(script, CYCLE_LUA);
    const storyFile = join(dir, 'stories.txt');
    writeFileSync(storyFile, slugs.map((s) => `/stories/${s}`).join('\n'));
    const wordFile = join(dir, 'words.txt');
    writeFileSync(wordFile, [...words].map((w) => `/api/lookup?word=${w}`).join('\n'));
    const storyPath = `/stories/${slugs[0]}`;

    let lingwire = await startLingwire(db);
    const response = await fetch(`${lingwire.url}${storyPath}`);
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'cache-control', 'vary']) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    writeFileSync(join(dir, 'body'), body);
    writeFileSync(join(dir, 'headers.json'), JSON.stringify(headers));
    const bare = pinned(process.execPath, ['-e', BARE_SERVER, join(dir, 'body'), join(dir, 'headers.json')]);
    const bareUrl = await waitForUrl(bare, /serving (http:\/\/\S+?) /);
    const nginxPort = await freePort();
    for (const sub of ['www', 'tmp']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'www', 'story.html'), body);
    writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, nginxPort));
    const nginx = pinned('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr']);
    const nginxUrl = `http://127.0.0.1:${nginxPort}`;
    for (let tries = 0; ; tries++) {
      const ok = await fetch(`${nginxUrl}${storyPath}`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (tries > 50) throw new Error('nginx did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const other = COMPARE_BIN ? await startLingwire(db, COMPARE_BIN) : null;
    const alone = pinned(process.execPath, [
      '--input-type=module',
      '-e',
      FAST_PATH_ALONE,
      join(REPO_ROOT, 'dist'),
      join(dir, 'body'),
      storyPath,
    ]);
    const aloneUrl = await waitForUrl(alone, /serving (http:\/\/\S+?) /);

    console.log(
      `archive: ${STORIES} stories (${db}); story page ${storyPath}: ${body.length} bytes; wrk -t1 -c${CONNECTIONS} on core ${WRK_CPU}, ` +
        `servers on core ${SERVER_CPU}; ${SECONDS} s runs after ${WARMUP} s warm-up; load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
    if (PARTS.has('warm')) {
      const targets = [
        ['bare node:http (same bytes from memory)', bare, `${bareUrl}${storyPath}`],
        ['nginx (same bytes, static file)', nginx, `${nginxUrl}${storyPath}`],
        ['lingwire story page (warm)', lingwire.child, `${lingwire.url}${storyPath}`],
        ['lingwire fast path alone (same code)', alone, `${aloneUrl}${storyPath}`],
        ...(other
          ? ([['lingwire to compare (BENCH_HTTP_COMPARE)', other.child, `${other.url}${storyPath}`]] as const)
          : []),
      ] as const;
      const results = new Map<string, Run[]>();
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [name, server, url] of targets) {
          const r = await load(server, url);
          console.log(`round ${round}: ${line(name, r)}`);
          results.set(name, [...(results.get(name) ?? []), r]);
        }
      }
      const [bareRuns, nginxRuns, oursRuns, aloneRuns] = targets.map(([name]) => results.get(name)!) as [
        Run[],
        Run[],
        Run[],
        Run[],
      ];
      const rps = (runs: Run[]) => median(runs.map((r) => r.rps));
      const range = (runs: Run[]) =>
        `${Math.min(...runs.map((r) => r.rps)).toFixed(0)}–${Math.max(...runs.map((r) => r.rps)).toFixed(0)}`;
      console.log(
        `\nstory page, median of ${ROUNDS} rounds (range): lingwire ${rps(oursRuns).toFixed(0)} req/s (${range(oursRuns)}), ` +
          `bare node:http ${rps(bareRuns).toFixed(0)} (${range(bareRuns)}), nginx ${rps(nginxRuns).toFixed(0)} (${range(nginxRuns)})`,
      );
      const ratios = (label: string, base: Run[], target: string) => {
        const byRps = oursRuns.map((r, i) => r.rps / base[i]!.rps);
        const byCpu = oursRuns.map((r, i) => base[i]!.cpuUs / r.cpuUs);
        console.log(
          `  lingwire / ${label} req/s ${median(byRps).toFixed(2)} (rounds ${byRps.map((x) => x.toFixed(2)).join(', ')}); ` +
            `by server CPU per request ${median(byCpu).toFixed(2)} (rounds ${byCpu.map((x) => x.toFixed(2)).join(', ')}); target ${target}`,
        );
      };
      ratios('bare node:http:', bareRuns, '≥ 0.80');
      ratios('nginx:         ', nginxRuns, '≥ 0.30');
      const aloneByCpu = aloneRuns.map((r, i) => bareRuns[i]!.cpuUs / r.cpuUs);
      console.log(
        `  the fast path alone / bare node:http by server CPU per request ${median(aloneByCpu).toFixed(2)} (rounds ${aloneByCpu.map((x) => x.toFixed(2)).join(', ')}): ` +
          'the same code in a process with nothing else; the rest of the gap is the full server process',
      );
      if (other) {
        const otherRuns = results.get(targets[4]![0])!;
        const byRps = oursRuns.map((r, i) => r.rps / otherRuns[i]!.rps);
        const byCpu = oursRuns.map((r, i) => otherRuns[i]!.cpuUs / r.cpuUs);
        console.log(
          `  lingwire / the build compared: req/s ${median(byRps).toFixed(2)}; by server CPU per request ${median(byCpu).toFixed(2)}`,
        );
      }
      console.log(
        `  lingwire p99 ${ms(median(oursRuns.map((r) => r.p99)))} ms (target < 50), errors ${oursRuns.reduce((n, r) => n + r.errors, 0)}\n`,
      );
    }
    if (other) await stop(other.child);

    if (PARTS.has('cold')) {
      // Cold: a new process (empty cache), cycling through more stories than the cache holds.
      await stop(lingwire.child);
      // The database file read once first, so the run measures rendering, not the disk: with the
      // file out of the OS cache (a new machine) the same run read 187 req/s at half a core busy.
      const warmedMb = readThrough(db);
      lingwire = await startLingwire(db);
      console.log(`(database file read through the OS cache first: ${warmedMb.toFixed(0)} MB)`);
      const cold = await measured(lingwire.child, lingwire.url, {
        seconds: SECONDS,
        connections: CONNECTIONS,
        cpus: WRK_CPU,
        script,
        scriptArgs: [storyFile],
      });
      console.log(line(`story page cold (${COLD_URLS} URLs, empty cache)`, cold));
      // The control: a bare node:http server that spends the CPU time per request just measured
      // for lingwire's cold pages (busy, on the same core) and answers with bytes of the same
      // mean size, under the same wrk run. Its tail and timeouts are what node:http and this
      // closed-loop load give any server that slow; lingwire's beyond them are lingwire's own.
      const meanBytes = Math.round(cold.bytes / Math.max(1, cold.requests));
      const control = pinned(process.execPath, [
        '-e',
        BUSY_SERVER,
        String(Math.round(cold.cpuUs)),
        String(meanBytes),
      ]);
      const controlUrl = await waitForUrl(control, /serving (http:\/\/\S+?) /);
      const busy = await measured(control, controlUrl, {
        seconds: SECONDS,
        connections: CONNECTIONS,
        cpus: WRK_CPU,
        script,
        scriptArgs: [storyFile],
      });
      console.log(line(`control: bare node:http busy ${Math.round(cold.cpuUs)} µs a request`, busy));
      await stop(control);
    }
    if (PARTS.has('pages')) {
      for (const [name, path] of [
        ['front page /', '/'],
        [`section page /sections/${section.slug}`, `/sections/${section.slug}`],
      ] as const) {
        console.log(line(name, await load(lingwire.child, `${lingwire.url}${path}`)));
      }
      console.log(
        line(
          'lookup API (1,000 words)',
          await load(lingwire.child, lingwire.url, { script, file: wordFile }),
        ),
      );
      // Search, once the site has it: probed, measured when it answers.
      const search = await fetch(`${lingwire.url}/api/search?q=oil`).then(
        (r) => r.status,
        () => 0,
      );
      if (search === 200)
        console.log(
          line(
            'search API /api/search?q=oil',
            await load(lingwire.child, `${lingwire.url}/api/search?q=oil`),
          ),
        );
      else console.log(`search API: not measured (/api/search answered ${search})`);
    }
    console.log(
      `load average at the end ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const child of children) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!HAS_SHARED) console.log('bench/http: ../shared (the corpora for the archive) is absent; skipping.');
else await main();
