/**
 * Finding and running PostgreSQL's own programs (`pg_dump`, `pg_restore`, `psql`) for backup and
 * restore. Debian ships them in `postgresql-client` (on the PATH through a wrapper) and with the
 * server under `/usr/lib/postgresql/<version>/bin`; the newest of those comes first, because
 * pg_dump refuses a server newer than itself. A password never goes on a command line (where
 * `ps` shows it): it is taken out of the URL and handed over in `PGPASSWORD`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';

export type PostgresTool = 'pg_dump' | 'pg_restore' | 'psql';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** Debian's server folders, newest version first. */
function debianBinFolders(): string[] {
  if (!existsSync(DEBIAN_ROOT)) return [];
  return readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(DEBIAN_ROOT, v, 'bin'));
}

/**
 * The path of `tool`: in `folder` only when one is given (`LINGWIRE_PG_BIN`), else the newest
 * Debian server folder, else the PATH. `TOOL_MISSING`, naming where it looked, when it is nowhere.
 */
export function findPostgresTool(tool: PostgresTool, folder: string | null): string {
  const candidates = folder ? [join(folder, tool)] : debianBinFolders().map((dir) => join(dir, tool));
  for (const path of candidates) if (existsSync(path)) return path;
  if (!folder) {
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (!probe.error) return tool;
  }
  const searched = folder ? folder : `${DEBIAN_ROOT}/*/bin and the PATH`;
  throw new AppError(
    'TOOL_MISSING',
    `${tool} is not installed (looked in ${searched}): backup and restore on PostgreSQL run PostgreSQL's own ${tool}. Install the client programs (Debian: apt-get install postgresql-client) or set LINGWIRE_PG_BIN to the folder that holds ${tool}.`,
  );
}

/** The URL without its password, and the environment that carries the password instead. */
export function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Starts `path` with `args`, collecting what it says on stderr. */
export function startTool(
  path: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: Array<'ignore' | 'pipe'> = ['ignore', 'pipe', 'pipe'],
): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(path, args, { env, stdio: stdio as ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const name = path.split('/').pop();
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (cause) =>
      reject(new AppError('TOOL_MISSING', `${name} could not be started: ${cause.message}`, { cause })),
    );
    child.once('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new AppError(
            'STORE_FAILURE',
            `${name} failed (exit code ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
  return { child, done };
}

/** Runs `path` to the end and returns its standard output. */
export async function runTool(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { child, done } = startTool(path, args, env);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await done;
  return out;
}
