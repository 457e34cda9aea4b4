/**
 * `npm run bench:import`: import throughput of `lingwire import` for a 20,000-story JSON Lines
 * file, with duplicate detection and related lists (the normal import), against the same import
 * with `--no-related` in the same run; then `related --rebuild` and `related --all` on the result.
 * Each step runs as the real command in its own process; peak RSS is that process's.
 *
 * Needs the corpora in ../shared (Reuters-21578 and BBC, research-only: read at run time, written
 * only to a temporary file). The 20,000 stories are the 10,542 real ones plus stories made by
 * joining paragraphs of different real stories, so the copies are not near-duplicates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_SHARED, REPO_ROOT } from '../test/shared-data.js';
import { writeArchive } from './archive.js';

const TARGET = Number(process.env.BENCH_IMPORT_STORIES ?? 20000);

function run(label: string, args: string[]): { seconds: number; rssMb: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, join(REPO_ROOT, 'bin', 'lingwire.js'), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
  const rssKb = Number(result.stderr.trim().split('\n').pop());
  return { seconds, rssMb: rssKb / 1024, stdout: result.stdout };
}

if (!HAS_SHARED) {
  console.log('bench/import: ../shared (the Reuters-21578 and BBC corpora) is absent; skipping.');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'lingwire-import-bench-'));
  try {
    const file = join(dir, 'archive.jsonl');
    const count = writeArchive(file, TARGET);
    console.log(
      `archive: ${count} stories (real Reuters-21578 and BBC stories, then mixes of their paragraphs)`,
    );
    const plain = run('import --no-related', ['--db', join(dir, 'plain.db'), 'import', '--no-related', file]);
    const full = run('import', ['--db', join(dir, 'full.db'), 'import', file]);
    const row = (name: string, r: { seconds: number; rssMb: number }) =>
      console.log(
        `${name.padEnd(44)} ${r.seconds.toFixed(1).padStart(6)} s  ${(count / r.seconds).toFixed(0).padStart(6)} stories/s  peak RSS ${r.rssMb.toFixed(0)} MB`,
      );
    row('import --no-related (baseline: store only)', plain);
    row('import (levels, near-duplicates, related)', full);
    console.log(`related lists cost ${(full.seconds / plain.seconds).toFixed(2)}× the plain import time`);
    const one = join(dir, 'one.jsonl');
    writeFileSync(
      one,
      `${JSON.stringify({ id: 'one-more', source: 'bench', title: 'Oil prices rise as OPEC ministers meet', body: 'Oil prices rose on Monday as OPEC ministers met to discuss output quotas. Analysts said crude supplies were tight.' })}\n`,
    );
    const single = run('import one story', ['--db', join(dir, 'full.db'), 'import', one]);
    console.log(
      `${`import 1 new story into the ${count}-story archive`.padEnd(44)} ${single.seconds.toFixed(1).padStart(6)} s  (most of it loading the index from the database)  peak RSS ${single.rssMb.toFixed(0)} MB`,
    );
    const rebuild = run('related --rebuild', ['--db', join(dir, 'full.db'), 'related', '--rebuild']);
    row('related --rebuild', rebuild);
    const all = run('related --all --json', ['--db', join(dir, 'full.db'), 'related', '--all', '--json']);
    row('related --all --json', all);
    console.log(`related --all printed ${all.stdout.split('\n').filter(Boolean).length} lists`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
