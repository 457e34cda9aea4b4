/**
 * What the browser tests share: Debian's chromium through playwright-core, the flags a root sandbox
 * with no network needs, and a `lingwire serve` child process on a free port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../shared-data.js';

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
