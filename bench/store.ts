/**
 * `npm run bench:store`: PostgreSQL against SQLite in the same run, on the same stories.
 *
 * 1. Import throughput (stories/s) of `lingwire import` of the BBC training stories
 *    (../shared/data/news/bbc.train.jsonl, read at run time, written only to a temporary file),
 *    with levels, near-duplicates and related lists, and again `--no-related` (the store's share).
 *    Each import runs as the real command in its own process, under `--cpu-prof`; the self time
 *    of the full imports is then grouped (`cpu-profile.ts`) to say where the time went.
 * 2. Page throughput with wrk (else autocannon): the story page (from the page cache) and the
 *    story JSON API (not cached: a database read per request), each from a `serve --no-writer`
 *    process on SQLite and on PostgreSQL.
 * 3. Two web processes against one, on PostgreSQL: the same load split over two processes.
 *    Every figure of 2 and 3 is the best of `BENCH_ROUNDS` (2) alternating rounds.
 *
 * On a 2-core machine the PostgreSQL server, wrk and the web processes share the cores: a
 * database-bound route cannot gain from a second web process there; the cached page shows what
 * a second process adds when the database is not the limit.
 *
 * Uses the server in TEST_DATABASE_URL, else starts (and stops) a throwaway cluster with
 * `.ci/postgres.sh`; either way in a database of its own, dropped at the end.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HAS_SHARED, NEWS_DIR, REPO_ROOT } from '../test/shared-data.js';
import { timeByGroup } from './cpu-profile.js';
import { type LoadResult, load, USE_WRK, waitForUrl } from './load.js';

const STORIES = Number(process.env.BENCH_STORE_STORIES ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Alternating rounds per comparison; each side reports its best (a passing disturbance on a shared machine then lands on one round, not one side). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BIN = join(REPO_ROOT, 'bin', 'lingwire.js');
const children: ChildProcess[] = [];

/** A PostgreSQL server URL for the run, and how to let it go. */
function postgresServer(): { url: string; stop: () => void } {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => {} };
  const script = join(REPO_ROOT, '.ci', 'postgres.sh');
  const exports = execFileSync(script, ['start'], { encoding: 'utf8' });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(exports)?.[1];
  const dir = /LINGWIRE_PG_DIR=(\S+)/.exec(exports)?.[1];
  if (!url || !dir) throw new Error(`.ci/postgres.sh start printed no URL:\n${exports}`);
  console.log(`started a throwaway PostgreSQL cluster (${dir})`);
  return { url, stop: () => execFileSync(script, ['stop', dir], { stdio: 'inherit' }) };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function writeStories(file: string): number {
  const lines = readFileSync(join(NEWS_DIR, 'bbc.train.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, STORIES)
    .map((l) => {
      const r = JSON.parse(l) as { id: string; title: string; body: string; date?: string };
      return JSON.stringify({ id: r.id, source: 'bbc', title: r.title, body: r.body, date: r.date });
    });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length;
}

/** Runs `lingwire --db <db> import …` under --cpu-prof; wall seconds and where the time went. */
function timedImport(db: string, file: string, profileDir: string, extra: string[] = []) {
  mkdirSync(profileDir, { recursive: true });
  const started = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, BIN, '--db', db, 'import', ...extra, file],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, groups: timeByGroup(profileDir) };
}

async function serve(db: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--no-writer'], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return waitForUrl(child, /serving (http:\/\/\S+?)\/? /);
}

async function measure(url: string, connections = CONNECTIONS, threads = 2): Promise<LoadResult> {
  await load(url, WARMUP, connections, threads);
  return load(url, SECONDS, connections, threads);
}

/** Runs each of `sides` once per round, alternating, and keeps each side's best round. */
async function bestOf<T extends LoadResult>(sides: Array<() => Promise<T>>): Promise<T[]> {
  const best: T[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, side] of sides.entries()) {
      const result = await side();
      if (!best[i] || result.rps > best[i]!.rps) best[i] = result;
    }
  }
  return best;
}

const rate = (r: LoadResult) => `${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99} ms`;

async function main(dir: string, serverUrl: string) {
  const database = `lingwire_bench_${process.pid}`;
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  const pgUrl = serverUrl.replace(/\/[^/?]*(\?.*)?$/, `/${database}`);
  try {
    const file = join(dir, 'bbc.jsonl');
    const count = writeStories(file);
    console.log(
      `import: ${count} BBC stories (bbc.train.jsonl), each import its own process under --cpu-prof`,
    );
    const sqlite = join(dir, 'site.db');
    const runs = {
      sqlitePlain: timedImport(join(dir, 'plain.db'), file, join(dir, 'p1'), ['--no-related']),
      sqlite: timedImport(sqlite, file, join(dir, 'p2')),
    };
    await admin(serverUrl, `CREATE DATABASE ${database}_plain`);
    const pgPlainUrl = `${pgUrl}_plain`;
    const pgRuns = {
      pgPlain: timedImport(pgPlainUrl, file, join(dir, 'p3'), ['--no-related']),
      pg: timedImport(pgUrl, file, join(dir, 'p4')),
    };
    await admin(serverUrl, `DROP DATABASE ${database}_plain`);
    const row = (name: string, r: { seconds: number }) =>
      console.log(
        `  ${name.padEnd(40)} ${r.seconds.toFixed(1).padStart(6)} s ${(count / r.seconds).toFixed(0).padStart(6)} stories/s`,
      );
    row('SQLite, import --no-related', runs.sqlitePlain);
    row('PostgreSQL, import --no-related', pgRuns.pgPlain);
    row('SQLite, import (levels, related lists)', runs.sqlite);
    row('PostgreSQL, import (levels, related lists)', pgRuns.pg);
    console.log(
      `  ratio PostgreSQL / SQLite stories/s: ${(runs.sqlitePlain.seconds / pgRuns.pgPlain.seconds).toFixed(2)} (--no-related), ${(runs.sqlite.seconds / pgRuns.pg.seconds).toFixed(2)} (full import)`,
    );
    for (const [name, run] of [
      ['SQLite', runs.sqlite],
      ['PostgreSQL', pgRuns.pg],
    ] as const) {
      const total = run.groups.reduce((sum, [, ms]) => sum + ms, 0);
      console.log(
        `  where the full import's time went on ${name} (CPU profile, ${(total / 1000).toFixed(1)} s):`,
      );
      for (const [group, ms] of run.groups.slice(0, 7)) {
        console.log(
          `    ${group.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${((100 * ms) / total).toFixed(0).padStart(3)}%`,
        );
      }
    }

    const load = USE_WRK ? 'wrk' : 'autocannon (install wrk for truer figures)';
    console.log(
      `\npages: ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP} s warm-up, best of ${ROUNDS} alternating rounds, load from ${load}`,
    );
    const sqliteBase = await serve(sqlite);
    const pgBase = await serve(pgUrl);
    const { stories } = (await (await fetch(`${sqliteBase}/api/stories?limit=100`)).json()) as {
      stories: Array<{ slug: string; path: string }>;
    };
    const story = stories[50] ?? stories[0]!;
    const paths = [
      ['story page (page cache)', story.path],
      ['story JSON API (a database read each)', `/api/stories/${story.slug}`],
    ] as const;
    for (const [name, path] of paths) {
      const [onSqlite, onPg] = (await bestOf([
        () => measure(`${sqliteBase}${path}`),
        () => measure(`${pgBase}${path}`),
      ])) as [LoadResult, LoadResult];
      console.log(`  ${name}`);
      console.log(`    SQLite      ${rate(onSqlite)}`);
      console.log(
        `    PostgreSQL  ${rate(onPg)}   ratio PostgreSQL / SQLite ${(onPg.rps / onSqlite.rps).toFixed(2)}`,
      );
    }

    console.log(`\ntwo web processes against one, on PostgreSQL (${CONNECTIONS} connections in all)`);
    const second = await serve(pgUrl);
    for (const [name, path] of paths) {
      const half = Math.max(1, Math.floor(CONNECTIONS / 2));
      const [one, two] = (await bestOf([
        () => measure(`${pgBase}${path}`),
        async () => {
          const [a, b] = await Promise.all([
            measure(`${pgBase}${path}`, half, 1),
            measure(`${second}${path}`, half, 1),
          ]);
          return { rps: a.rps + b.rps, p99: Math.max(a.p99, b.p99) };
        },
      ])) as [LoadResult, LoadResult];
      console.log(`  ${name}`);
      console.log(`    one process   ${rate(one)}`);
      console.log(`    two processes ${rate(two)}   ratio two / one ${(two.rps / one.rps).toFixed(2)}`);
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  }
}

if (!HAS_SHARED) {
  console.log('bench/store: ../shared (the BBC corpus) is absent; skipping.');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-store-bench-'));
  const server = postgresServer();
  try {
    await main(dir, server.url);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
