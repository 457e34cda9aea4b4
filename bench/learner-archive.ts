/**
 * The archives `bench/learner.ts` measures on: the real 100,000-story archive `bench:http` and
 * `bench:ingest` import into `.bench/archive-100000.db` (copied to a temporary folder, since the
 * bench adds learners to it), or a synthetic one: stories of 250–450 running words drawn Zipf-like
 * from ECDICT's 40,000 most frequent words, with their analyses stored as import stores them.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  analysedText,
  encodeAnalysis,
  STORY_ANALYSIS_VERSION,
  textHash,
} from '../src/articles/story-analysis.js';
import type { Store } from '../src/store/types.js';
import { REPO_ROOT } from '../test/shared-data.js';

/** The imported real archive of `stories` stories, when one was made (`npm run bench:http` makes it). */
export function importedArchive(stories: number): string | null {
  const path = join(REPO_ROOT, '.bench', `archive-${stories}.db`);
  return existsSync(path) ? path : null;
}

/** Copies the archive database (read-only at its place) to `dir`; the copy's path. */
export function copyArchive(path: string, dir: string): string {
  const copy = join(dir, 'bench.db');
  copyFileSync(path, copy);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
  return copy;
}

/**
 * Stores `count` synthetic stories with their analyses in `store`, drawing words with `draw`;
 * every story's running lemmas, oldest first (for the in-memory naive baseline).
 */
export async function storeSyntheticArchive(
  store: Store,
  sectionId: number,
  count: number,
  random: () => number,
  draw: () => string,
): Promise<string[][]> {
  const tokens: string[][] = [];
  for (let start = 0; start < count; start += 2000) {
    await store.transaction(async (tx) => {
      for (let n = start; n < Math.min(count, start + 2000); n++) {
        const lemmas = Array.from({ length: 250 + Math.floor(random() * 200) }, draw);
        tokens.push(lemmas);
        const text = `${lemmas.join(' ')}.`;
        const paragraphs = [text];
        const keys: string[] = [];
        const keyIndex = new Map<string, number>();
        const words: number[] = [];
        let at = 0;
        for (const lemma of lemmas) {
          let k = keyIndex.get(lemma);
          if (k === undefined) {
            k = keys.length;
            keys.push(lemma);
            keyIndex.set(lemma, k);
          }
          words.push(at, at + lemma.length, k, k, 3, 0, -1);
          at += lemma.length + 1;
        }
        const day = new Date(Date.UTC(2016, 0, 1) + n * 3_600_000).toISOString();
        const story = await tx.stories.insertStory(
          {
            slug: `s${n}`,
            source: 'bench',
            externalId: String(n),
            sectionId,
            title: `Story ${n}`,
            titleKey: `story ${n}`,
            dateline: null,
            publishedAt: day,
            url: null,
            tags: [],
            paragraphs,
            pinnedRelated: [],
            level: null,
            author: null,
            license: null,
            feed: null,
            fetchedAt: null,
            language: 'en',
            textFrom: null,
            group: null,
            groupLevel: null,
          },
          day,
        );
        const analysis = {
          version: STORY_ANALYSIS_VERSION,
          textHash: textHash(analysedText(paragraphs)),
          keys,
          words,
          sentences: [0, text.length],
          phrases: [],
        };
        await tx.analysis.saveStoryAnalysis(story.id, STORY_ANALYSIS_VERSION, encodeAnalysis(analysis));
      }
    });
  }
  return tokens;
}
