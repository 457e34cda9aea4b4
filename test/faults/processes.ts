/**
 * Helpers for the fault tests: real `lingwire` processes (spawned from `bin/lingwire.js`, so
 * `dist/` must be built, as `npm test` does), stories written by the test, and a look into a
 * SQLite database after a process was killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../shared-data.js';

export const BIN = join(REPO_ROOT, 'bin', 'lingwire.js');

/** A running `lingwire` process with what it printed so far. */
export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the process ended: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `lingwire …args`. `shell` wraps the command (`ulimit -f 64; exec "$@"`), for limits
 * only a shell can set.
 */
export function lingwire(args: string[], options: { env?: NodeJS.ProcessEnv; shell?: string } = {}): Running {
  const env = { ...process.env, LOG_LEVEL: 'warn', ...options.env };
  const child = options.shell
    ? spawn('sh', ['-c', options.shell, 'sh', process.execPath, BIN, ...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs `lingwire …args` to its end. */
export async function runLingwire(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; shell?: string } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const run = lingwire(args, options);
  const end = await run.exited;
  return { ...end, stdout: run.stdout(), stderr: run.stderr() };
}

/** Waits until `check()` is true, checking every `everyMs`; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 60_000, everyMs = 20 } = {},
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** SIGKILLs a process and waits until it is gone. */
export async function killHard(
  run: Running,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  run.child.kill('SIGKILL');
  return run.exited;
}

/** Bytes of a file, 0 when it does not exist. */
export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** What a database holds after a crash: SQLite's own check, and the stories counted. */
export function inspectDatabase(path: string): {
  integrity: string;
  stories: number;
  titles: string[];
} {
  // Opening it read-write replays or discards the WAL exactly as the next lingwire process would.
  const db = new Database(path);
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((row) => row.integrity_check)
      .join('; ');
    const titles = (
      db.prepare('SELECT title FROM stories ORDER BY id').all() as Array<{ title: string }>
    ).map((row) => row.title);
    return { integrity, stories: titles.length, titles };
  } finally {
    db.close();
  }
}

const VOCABULARY = (
  'farmers harvest river port traders prices wheat barley boats market rain season town council ' +
  'bridge road train station school teachers weather storm winter summer mayor village doctors ' +
  'hospital factory workers union strike museum library garden festival music ships harbour coast ' +
  'island mountain valley forest lake fishermen engineers builders tower'
).split(' ');

/**
 * Writes `count` short stories as JSON Lines (text made up here from a word list, each story its
 * own words), ids `<prefix>-<n>`. Their language is given, so the import does not detect it.
 */
export function writeStories(path: string, count: number, prefix: string): void {
  let h = 2166136261;
  for (const c of prefix) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const next = () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = (h + 0x9e3779b9) >>> 0;
    return h;
  };
  const words = (n: number) =>
    Array.from({ length: n }, () => VOCABULARY[next() % VOCABULARY.length]).join(' ');
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        id: `${prefix}-${i}`,
        source: 'faults',
        language: 'en',
        title: `${prefix} story ${i}: the ${words(4)}`,
        body: [`The ${words(12)} in story ${i}.`, `Then the ${words(10)}.`],
      }),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** A `lingwire serve` that is listening. */
export interface Serving extends Running {
  url: string;
}

/** Starts `lingwire --db <db> serve --port 0` and waits until it says where it serves. */
export async function startServe(db: string, env: NodeJS.ProcessEnv = {}): Promise<Serving> {
  const run = lingwire(['--db', db, 'serve', '--port', '0'], { env });
  let ended = false;
  void run.exited.then(() => {
    ended = true;
  });
  await waitFor('lingwire serve to listen', () => ended || /serving http:\/\/\S+/.test(run.stdout()), {
    timeoutMs: 120_000,
  });
  const match = /serving (http:\/\/\S+?)\/? /.exec(run.stdout());
  if (!match?.[1]) throw new Error(`lingwire serve did not start: ${run.stdout()} ${run.stderr()}`);
  return { ...run, url: match[1] };
}
