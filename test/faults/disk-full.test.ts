/**
 * A full disk during `lingwire import`: the database is left as it was, and the command says in
 * one sentence what happened (not SQLite's bare "disk I/O error", not a stack). Two ways to fill
 * it: a file-size limit (`ulimit -f`, which works anywhere; Node ignores SIGXFSZ, so the write
 * fails with EFBIG instead of the process dying), and, where this process may mount one (root),
 * a small tmpfs (ENOSPC, SQLite's SQLITE_FULL).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDatabase, runLingwire, sizeOf, writeStories } from './processes.js';

const BASE = 5;
const DISK_FULL =
  /the database could not be written: the disk is full, the file reached a size limit, or the disk failed \(SQLITE_[A-Z_]+\); nothing of this change was stored\. Free some space and try again\./;

function tryMount(dir: string, bytes: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk during lingwire import', () => {
  let dir: string;
  let seed: string;
  let bulk: string;
  let before: string[];
  let mounted = false;
  const mountPoint = () => join(dir, 'small-disk');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-disk-full-'));
    seed = join(dir, 'seed.db');
    const base = join(dir, 'base.jsonl');
    bulk = join(dir, 'bulk.jsonl');
    writeStories(base, BASE, 'base');
    writeStories(bulk, 3000, 'bulk');
    const first = await runLingwire(['--db', seed, 'import', base]);
    expect(first.code, first.stderr).toBe(0);
    before = inspectDatabase(seed).titles;
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mountPoint()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const importArgs = (db: string) => ['--db', db, 'import', '--no-related', '--classify', 'never', bulk];

  it('at a file-size limit leaves the database as it was and says so in a sentence; with room the import completes', async () => {
    const db = join(dir, 'limited.db');
    copyFileSync(seed, db);
    // 512-byte blocks: the database may grow by about 1 MB, far less than the import needs.
    const blocks = Math.ceil(sizeOf(db) / 512) + 2048;
    const full = await runLingwire(importArgs(db), { shell: `ulimit -f ${blocks}; exec "$@"` });
    expect(full.signal, 'SIGXFSZ must not kill the process').toBeNull();
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(DISK_FULL);
    expect(full.stderr).not.toMatch(/\n\s+at /);
    const after = inspectDatabase(db);
    expect(after.integrity).toBe('ok');
    expect(after.titles).toEqual(before);

    const again = await runLingwire(importArgs(db));
    expect(again.code, again.stderr).toBe(0);
    expect(inspectDatabase(db).stories).toBe(BASE + 3000);
  }, 120_000);

  it('on a full tmpfs (where one can be mounted) leaves the database as it was and says so', async (context) => {
    mkdirSync(mountPoint());
    const room = sizeOf(seed) + 1024 * 1024;
    mounted = tryMount(mountPoint(), room);
    if (!mounted) {
      // Not root, or a container without mount rights: the file-size limit above stands for it.
      context.skip();
      return;
    }
    const db = join(mountPoint(), 'site.db');
    copyFileSync(seed, db);
    const full = await runLingwire(importArgs(db));
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(DISK_FULL);
    expect(full.stderr).toContain('SQLITE_FULL');
    const after = inspectDatabase(db);
    expect(after.integrity).toBe('ok');
    expect(after.titles).toEqual(before);
  }, 120_000);
});
