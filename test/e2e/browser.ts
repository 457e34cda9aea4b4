/**
 * What the browser tests share: Debian's chromium through playwright-core, the flags a root sandbox
 * with no network needs, and a `lingwire serve` child process on a free port.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { REPO_ROOT, SEED_STORY_PATH } from '../shared-data.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_BROWSER = existsSync(CHROMIUM);
if (!HAS_BROWSER) {
  const message = `[lingwire tests] ${CHROMIUM} is missing: browser tests skipped (apt-get install -y chromium).`;
  if (process.env.LINGWIRE_REQUIRE_BROWSER) throw new Error(message);
  console.warn(message);
}

export const BIN = join(REPO_ROOT, 'bin', 'lingwire.js');
/** The seed story's page. */
export const STORY_PATH = '/stories/lavrov-kerry-discuss-conditions-for-hostilities-cessation-in-syria';

/** The flags a root sandbox with no network needs (see the machine notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `lingwire serve` on `db` and a free port; `serveArgs` such as `--no-writer` go after `serve`. */
export async function startLingwire(
  db: string,
  serveArgs: readonly string[] = [],
): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', ...serveArgs], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving (http:\/\/\S+?)\/? /.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`lingwire serve exited with ${code}: ${seen}`)));
  });
  return { server, url };
}

/** A fresh site holding the seed story, served by a real `lingwire serve`, and chromium. */
export interface SeededSite {
  base: string;
  browser: Browser;
  /** Closes the browser, kills the server and removes the database. */
  close(): Promise<void>;
}

/** What most browser tests start from: the seed imported into a new database, served, and a browser. */
export async function openSeededSite(
  prefix: string,
  /** More set-up on the database before it is served (accounts, more stories). */
  prepare?: (db: string) => void,
): Promise<SeededSite> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'site.db');
  execFileSync(process.execPath, [BIN, '--db', db, 'import', SEED_STORY_PATH]);
  prepare?.(db);
  const { server, url } = await startLingwire(db);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    base: url,
    browser,
    close: async () => {
      await browser.close();
      if (server.exitCode === null) server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
