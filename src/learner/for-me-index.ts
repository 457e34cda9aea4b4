/**
 * Building 为我推荐's `StoryLemmaIndex` from the store: every canonical story's running lemmas,
 * from its stored analysis. At 100,000 stories this reads and decodes every analysis (a minute or
 * more on a small machine), so `serve` runs it in a worker thread (`for-me-thread.ts`, through
 * `loadInWorker`) and the web thread only receives the finished arrays.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeAnalysis, type StoryAnalysis } from '../articles/story-analysis.js';
import { PACKAGE_ROOT } from '../core/config.js';
import type { Store } from '../store/types.js';
import { type IndexExport, StoryLemmaIndex } from './story-lemma-index.js';

/** Fields per word in `StoryAnalysis.words` (see `articles/story-analysis.ts`). */
const WORD_FIELDS = 7;
const MARKABLE = /\p{L}/u;
/** Stories listed per page of the store while loading. */
const PAGE = 1000;

/** The lemma of every running word of an analysis: names (proper nouns) and numbers left out. */
export function runningLemmas(analysis: StoryAnalysis): string[] {
  const out: string[] = [];
  const { words, keys } = analysis;
  for (let i = 0; i < words.length; i += WORD_FIELDS) {
    const lemma = words[i + 3]! >= 0 ? keys[words[i + 3]!] : undefined;
    if (!lemma || (words[i + 5]! & 1) === 1 || !MARKABLE.test(lemma)) continue;
    out.push(lemma);
  }
  return out;
}

/** Adds one story to `index` from its stored analysis (no words when it has none). */
export async function indexStory(store: Store, index: StoryLemmaIndex, id: number, sortKey: string) {
  const analysis = decodeAnalysis((await store.analysis.findStoryAnalysis(id))?.data);
  index.add(id, sortKey, analysis ? runningLemmas(analysis) : []);
}

/** Every listed story's lemmas, in a new index with its postings built. */
export async function loadStoryLemmaIndex(store: Store): Promise<StoryLemmaIndex> {
  const index = new StoryLemmaIndex();
  for (let offset = 0; ; offset += PAGE) {
    const rows = await store.stories.listStories({ limit: PAGE, offset });
    for (const row of rows) await indexStory(store, index, row.id, row.publishedAt ?? row.createdAt);
    if (rows.length < PAGE) break;
  }
  index.compact();
  return index;
}

/** Where the compiled thread entry is. */
export const FOR_ME_THREAD_PATH = join(PACKAGE_ROOT, 'dist', 'learner', 'for-me-thread.js');

/** What the thread posts back. */
export type ForMeThreadMessage = { ok: true; data: IndexExport } | { ok: false; message: string };

/**
 * Loads the index of the database `dbPath` (a SQLite file or a PostgreSQL URL) in a worker thread
 * with its own connection; null when that cannot be done here (an in-memory database, or no
 * compiled thread entry: run `npm run build`), so the caller loads it on its own thread.
 */
export function loadInWorker(dbPath: string): (() => Promise<IndexExport>) | null {
  if (dbPath === ':memory:' || dbPath === '' || !existsSync(FOR_ME_THREAD_PATH)) return null;
  return () =>
    new Promise<IndexExport>((resolve, reject) => {
      const worker = new Worker(FOR_ME_THREAD_PATH, { workerData: { dbPath } });
      let settled = false;
      worker.once('message', (message: ForMeThreadMessage) => {
        settled = true;
        if (message.ok) resolve(message.data);
        else reject(new Error(`loading the for-me index: ${message.message}`));
      });
      worker.once('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`the for-me index thread stopped (exit code ${code})`));
      });
    });
}
