/**
 * The labelled news corpora in `../shared/data/news/` as section-classifier stories (research-only:
 * benchmarks and internal tests, never fixtures or demo content; see its SOURCES.md). Callers check
 * `HAS_SHARED` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LabelledText } from '../src/ingest/classify/model.js';
import { NEWS_DIR } from './shared-data.js';

export const BBC_FILE = join(NEWS_DIR, 'bbc.train.jsonl');
export const REUTERS_FILE = join(NEWS_DIR, 'reuters21578.train.jsonl.gz');

/** BBC News (train file): 1,780 stories labelled business, entertainment, politics, sport, tech. */
export function bbcStories(): LabelledText[] {
  return readFileSync(BBC_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const r = JSON.parse(line) as { title: string; body: string; category: string };
      return { title: r.title, paragraphs: r.body.split(/\n\s*\n/), label: r.category };
    });
}

/**
 * Reuters-21578, ModApte train file: the stories with exactly one topic among the 8 most frequent
 * such topics (as the usual "R8" subset; 5,069 stories, very unbalanced: earn 2,673 … sugar 90).
 */
export function reutersR8(): LabelledText[] {
  const records = gunzipSync(readFileSync(REUTERS_FILE))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { title: string; body: string; topics: string[] })
    .filter((r) => r.topics.length === 1);
  const count = new Map<string, number>();
  for (const r of records) count.set(r.topics[0] as string, (count.get(r.topics[0] as string) ?? 0) + 1);
  const top = new Set(
    [...count]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 8)
      .map(([topic]) => topic),
  );
  return records
    .filter((r) => top.has(r.topics[0] as string))
    .map((r) => ({
      title: r.title,
      // A new paragraph starts on a line indented by four spaces; the other breaks are hard wraps.
      paragraphs: r.body.split(/\n(?= {4})/).map((p) => p.replace(/\s+/g, ' ').trim()),
      label: r.topics[0] as string,
    }));
}
