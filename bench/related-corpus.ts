/**
 * Shared by the related-stories benches: finds /work/shared (as `../shared` from the repository root,
 * or `LINGWIRE_SHARED`), reads the labelled corpora, and splits queries into tuning and held-out
 * halves by a hash of the story id (FNV-1a, even = tuning), so the split never changes between runs.
 *
 * The corpora are research-only text: they are read at run time and never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface LabelledStory {
  id: string;
  title: string;
  body: string;
  publishedAt?: string;
  labels: string[];
}

export type CorpusName = 'reuters' | 'bbc';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared data directory, or null (after printing why) when it is absent. */
export function sharedDirectory(): string | null {
  const dir = process.env.LINGWIRE_SHARED ?? join(repositoryRoot, '..', 'shared');
  if (!existsSync(join(dir, 'data', 'news'))) {
    console.log(`related bench: shared data not found at ${dir}/data/news (set LINGWIRE_SHARED); skipping.`);
    return null;
  }
  return dir;
}

/** Reads a corpus; labels are Reuters `topics` or the BBC `category`. */
export function loadCorpus(shared: string, name: CorpusName): LabelledStory[] {
  const news = join(shared, 'data', 'news');
  const text =
    name === 'reuters'
      ? gunzipSync(readFileSync(join(news, 'reuters21578.train.jsonl.gz'))).toString('utf8')
      : readFileSync(join(news, 'bbc.train.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      const labels = name === 'reuters' ? (r.topics as string[]) : [r.category as string];
      const date = typeof r.date === 'string' ? r.date : undefined;
      return {
        id: String(r.id),
        title: String(r.title ?? ''),
        body: String(r.body ?? ''),
        ...(date ? { publishedAt: date } : {}),
        labels,
      };
    });
}

/** FNV-1a 32-bit. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Queries whose id hashes even were used for tuning; odd ones are held out. */
export function isTuningQuery(id: string): boolean {
  return hashId(id) % 2 === 0;
}

/** Peak resident set size in MiB so far. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
