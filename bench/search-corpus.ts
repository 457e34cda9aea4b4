/**
 * Shared by the search benches: the real stories of `../shared/data/news` (Reuters-21578 and BBC
 * training sets, research-only: read at run time, stored only under `.bench/`; the freely-licensed
 * set), an archive of any size made from them by mixing paragraphs of different stories (as
 * `bench/import.ts` does, so the made stories are not near-duplicates), and a lingwire SQLite
 * database of it built through the real write pipeline and cached under `.bench/`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { StoryInput } from '../src/articles/model.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { seededRandom } from '../src/core/random.js';
import { type Services, servicesOver } from '../src/services.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { NEWS_DIR, REPO_ROOT } from '../test/shared-data.js';

export interface RawStory {
  id: string;
  title: string;
  paragraphs: string[];
  date?: string;
}

export const BENCH_DIR = join(REPO_ROOT, '.bench');

/** A body as paragraphs: blank lines, or Reuters' indented paragraph starts; line wraps undone. */
export function paragraphsOf(body: string | string[]): string[] {
  const text = Array.isArray(body) ? body.join('\n\n') : body;
  return text
    .split(/\n\s*\n|\n(?=\s{2,}\S)/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Every real story: Reuters and BBC training sets, then the freely-licensed set. */
export function readRealStories(): RawStory[] {
  const reuters = gunzipSync(readFileSync(join(NEWS_DIR, 'reuters21578.train.jsonl.gz'))).toString('utf8');
  const bbc = readFileSync(join(NEWS_DIR, 'bbc.train.jsonl'), 'utf8');
  const free = readFileSync(join(NEWS_DIR, 'freely-licensed.jsonl'), 'utf8');
  const stories: RawStory[] = [];
  for (const [prefix, text] of [
    ['reuters', reuters],
    ['bbc', bbc],
    ['free', free],
  ] as const) {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as {
        id: string | number;
        title: string;
        body: string | string[];
        date?: string;
      };
      const paragraphs = paragraphsOf(r.body);
      if (!r.title?.trim() || paragraphs.length === 0) continue;
      stories.push({ id: `${prefix}:${r.id}`, title: r.title.trim(), paragraphs, date: r.date });
    }
  }
  return stories;
}

/** `real` and, to reach `size`, stories made of paragraphs of three different real ones. */
export function mixedArchive(real: RawStory[], size: number, seed = 20261127): RawStory[] {
  const next = seededRandom(seed);
  const out = real.slice(0, size);
  for (let n = 0; out.length < size; n++) {
    const pick = () => real[Math.floor(next() * real.length)]!;
    const [a, b, c] = [pick(), pick(), pick()];
    out.push({
      id: `mix:${n}`,
      title: `${a.title} / ${b.title}`,
      paragraphs: [...a.paragraphs.slice(0, 2), ...b.paragraphs.slice(0, 2), ...c.paragraphs.slice(0, 1)],
    });
  }
  return out;
}

function inputOf(story: RawStory): StoryInput {
  const date =
    story.date && !Number.isNaN(Date.parse(story.date)) ? new Date(story.date).toISOString() : null;
  return {
    source: 'bench',
    externalId: story.id,
    section: story.id.split(':')[0]!,
    title: story.title,
    dateline: null,
    publishedAt: date,
    url: null,
    tags: [],
    paragraphs: story.paragraphs,
    pinnedRelated: [],
  };
}

/**
 * Services over a SQLite database of `stories` at `.bench/<name>.db`, built once and reused while
 * the file exists. Stories go in through the store's `insertStory` in transactions of 5,000
 * (the search index is kept by the store's own triggers, whatever writes the rows); the pipeline's
 * publishing rules, language detection and analysis are not what is measured here, and would
 * make building 100,000 stories take most of an hour.
 */
export async function archiveServices(name: string, stories: () => RawStory[]): Promise<Services> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `${name}.db`);
  if (!existsSync(path)) {
    const building = `${path}.building`;
    rmSync(building, { force: true });
    const services = servicesOver(
      openSqliteStore(building),
      { ...DEFAULT_CONFIG, dbPath: building },
      {
        dictionary: null,
        warn: () => {},
      },
    );
    const all = stories();
    const started = performance.now();
    const sections = new Map<string, number>();
    for (let i = 0; i < all.length; i += 5000) {
      await services.store.transaction(async (tx) => {
        for (const [k, story] of all.slice(i, i + 5000).entries()) {
          const input = inputOf(story);
          const name = input.section!;
          let sectionId = sections.get(name);
          if (sectionId === undefined) {
            sectionId = (await tx.sections.createSection({ slug: name, nameZh: name, nameEn: name })).id;
            sections.set(name, sectionId);
          }
          const now = new Date(Date.UTC(2026, 0, 1) + (i + k) * 1000).toISOString();
          await tx.stories.insertStory(
            {
              ...input,
              externalId: story.id,
              sectionId,
              slug: `story-${i + k + 1}`,
              titleKey: story.title.toLowerCase(),
              level: null,
              author: null,
              license: null,
              feed: null,
              fetchedAt: null,
              language: 'en',
              textFrom: null,
            },
            now,
          );
        }
      });
      process.stderr.write(`  built ${Math.min(all.length, i + 5000)} of ${all.length} stories\r`);
    }
    process.stderr.write(`\n  built ${path} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    await services.close();
    renameSync(building, path);
  }
  return servicesOver(
    openSqliteStore(path),
    { ...DEFAULT_CONFIG, dbPath: path },
    { dictionary: null, warn: () => {} },
  );
}
