/**
 * The benchmarks' synthetic archive: the real Reuters-21578 and BBC training stories, then
 * stories made by joining paragraphs of different real stories (seeded), so the copies are not
 * near-duplicates. Research-only text: read from ../shared at run time and written only to a
 * temporary file or the git-ignored `.bench/` folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../src/core/random.js';
import { NEWS_DIR, REPO_ROOT } from '../test/shared-data.js';

export interface RawStory {
  id: string;
  title: string;
  body: string;
  date?: string;
}

export function readCorpora(): RawStory[] {
  const reuters = gunzipSync(readFileSync(join(NEWS_DIR, 'reuters21578.train.jsonl.gz'))).toString('utf8');
  const bbc = readFileSync(join(NEWS_DIR, 'bbc.train.jsonl'), 'utf8');
  return [...reuters.split('\n'), ...bbc.split('\n')]
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RawStory)
    .map((r) => ({ id: String(r.id), title: r.title, body: r.body, date: r.date }));
}

export function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n|\n(?=\s{2,}\S)/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The archive as JSON Lines records (one string each), `target` of them. */
export function archiveLines(target: number, seed = 20261127): string[] {
  const real = readCorpora();
  const next = seededRandom(seed);
  const lines = real.map((r) =>
    JSON.stringify({ id: r.id, source: 'bench', title: r.title, body: r.body, date: r.date }),
  );
  for (let n = 0; lines.length < target; n++) {
    const a = real[Math.floor(next() * real.length)]!;
    const b = real[Math.floor(next() * real.length)]!;
    const c = real[Math.floor(next() * real.length)]!;
    const body = [
      ...paragraphs(a.body).slice(0, 2),
      ...paragraphs(b.body).slice(0, 2),
      ...paragraphs(c.body).slice(0, 1),
    ];
    lines.push(JSON.stringify({ id: `mix-${n}`, source: 'bench', title: `${a.title} / ${b.title}`, body }));
  }
  return lines.slice(0, target);
}

/** Writes the archive to `path`; returns the number of stories. */
export function writeArchive(path: string, target: number): number {
  const lines = archiveLines(target);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return lines.length;
}

/**
 * The archive of `stories` stories as a lingwire database, imported once with `lingwire import`
 * (levels, analyses, related lists: a real site's database) and cached in `.bench/` (git-ignored).
 * Benchmarks that write work on a copy.
 */
export function archiveDb(stories: number): string {
  const dir = join(REPO_ROOT, '.bench');
  const db = join(dir, `archive-${stories}.db`);
  if (existsSync(db)) return db;
  mkdirSync(dir, { recursive: true });
  const jsonl = join(dir, `archive-${stories}.jsonl`);
  if (!existsSync(jsonl)) writeArchive(jsonl, stories);
  const building = join(dir, `archive-${stories}.building.db`);
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  console.log(`building the ${stories}-story archive once with lingwire import (cached in .bench/)…`);
  const started = performance.now();
  const lingwire = join(REPO_ROOT, 'bin', 'lingwire.js');
  const result = spawnSync(process.execPath, [lingwire, '--db', building, 'import', jsonl], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the archive failed');
  renameSync(building, db);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return db;
}
