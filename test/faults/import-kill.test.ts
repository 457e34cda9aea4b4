/**
 * `kill -9` of `lingwire import` in the middle of a 20,000-story file, at several moments: the
 * database passes SQLite's integrity check and holds all of the file or none of it (the import is
 * one transaction), and running the import again completes. The moments are read from the
 * database's write-ahead log as it grows (the transaction's pages spill into it long before the
 * commit), so they fall inside the import however fast or loaded the machine is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspectDatabase,
  killHard,
  lingwire,
  runLingwire,
  sizeOf,
  waitFor,
  writeStories,
} from './processes.js';

const STORIES = 20_000;
const BASE = 5;
const MB = 1024 * 1024;

describe('SIGKILL of lingwire import in the middle of a 20,000-story file', () => {
  let dir: string;
  let db: string;
  let bulk: string;
  let before: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-import-kill-'));
    db = join(dir, 'site.db');
    const base = join(dir, 'base.jsonl');
    bulk = join(dir, 'bulk.jsonl');
    writeStories(base, BASE, 'base');
    writeStories(bulk, STORIES, 'bulk');
    const first = await runLingwire(['--db', db, 'import', base]);
    expect(first.code, first.stderr).toBe(0);
    before = inspectDatabase(db).titles;
    expect(before).toHaveLength(BASE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Related lists are left out (`--no-related`, as a bulk load would): the import is still one
  // transaction with the analysis, levels, search index, copies and change log in it, and the
  // related engine's writes land in that same transaction when it runs.
  const importArgs = () => ['--db', db, 'import', '--no-related', '--classify', 'never', bulk];

  it('leaves the database intact with none of the file at every moment killed, and a rerun stores all of it', async () => {
    const moments: Array<{ name: string; ready: () => boolean }> = [];
    const startedAt = { ms: 0 };
    moments.push({ name: 'while starting (100 ms)', ready: () => Date.now() - startedAt.ms > 100 });
    for (const mb of [0.5, 2, 6]) {
      moments.push({
        name: `with ${mb} MB in the write-ahead log`,
        ready: () => sizeOf(`${db}-wal`) >= mb * MB,
      });
    }
    for (const moment of moments) {
      startedAt.ms = Date.now();
      const run = lingwire(importArgs());
      let ended = false;
      void run.exited.then(() => {
        ended = true;
      });
      await waitFor(moment.name, () => ended || moment.ready(), { timeoutMs: 200_000, everyMs: 5 });
      // The import must still be running: a moment it never reached would test nothing.
      expect(ended, `${moment.name}: the import ended first: ${run.stdout()} ${run.stderr()}`).toBe(false);
      const end = await killHard(run);
      expect(end.signal).toBe('SIGKILL');
      const after = inspectDatabase(db);
      expect(after.integrity, moment.name).toBe('ok');
      // None of the file: the stories from before, unchanged.
      expect(after.titles, moment.name).toEqual(before);
    }

    const rerun = await runLingwire(importArgs());
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${STORIES} added`);
    const done = inspectDatabase(db);
    expect(done.integrity).toBe('ok');
    expect(done.stories).toBe(BASE + STORIES);
  }, 400_000);
});
