/**
 * `npm run bench:search` (first part): known-item search quality. A reader remembers three words
 * of a headline, or four words in a row of a sentence, and expects that story in the first
 * results. Queries are generated from the real stories of `../shared/data/news` (Reuters-21578 and
 * BBC training sets, the freely-licensed set: about 11,000 stories in one archive), and scored by
 * mean reciprocal rank (of the first 10; success@1 beside it) for:
 *
 * - lingwire: `SearchService.search`, the code the page, the API and the CLI run;
 * - the plain engine: SQLite FTS5's own `bm25` on the same index (porter stemmer, title weighted
 *   twice: `bm25(story_search, 2.0, 1.0)`), every query word required, as typed.
 *
 * Stories are split by a hash of their id (FNV-1a: even = tuning, odd = held out). The ranking
 * weights (`store/search-ranking.ts`) were chosen on the tuning half with the grid this bench
 * prints; the held-out half is reported with the shipped weights and was used for nothing else.
 */

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../src/core/random.js';
import { parseQuery } from '../src/search/query.js';
import { POOL, RANK_WEIGHTS, type RankWeights, rerank } from '../src/store/search-ranking.js';
import { statementCache } from '../src/store/sqlite/scope.js';
import { searchCandidates } from '../src/store/sqlite/search.js';
import { HAS_SHARED } from '../test/shared-data.js';
import { archiveServices, BENCH_DIR, type RawStory, readRealStories } from './search-corpus.js';

const PER_HALF = Number(process.env.BENCH_SEARCH_QUERIES ?? 800);
const ARCHIVE = 'search-quality-v1';

interface KnownItem {
  kind: 'headline' | 'sentence';
  q: string;
  target: string;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];

/** One headline query (three of its words, in order) and one sentence query (four words in a row). */
function knownItems(story: RawStory, next: () => number): KnownItem[] {
  const items: KnownItem[] = [];
  const title = words(story.title);
  if (title.length >= 3) {
    const picked = new Set<number>();
    while (picked.size < 3) picked.add(Math.floor(next() * title.length));
    const q = [...picked]
      .sort((a, b) => a - b)
      .map((i) => title[i])
      .join(' ');
    items.push({ kind: 'headline', q, target: story.id });
  }
  const sentences = story.paragraphs
    .flatMap((p) => p.split(/(?<=[.!?])\s+/))
    .map(words)
    .filter((w) => w.length >= 6);
  if (sentences.length > 0) {
    const sentence = sentences[Math.floor(next() * sentences.length)]!;
    const start = Math.floor(next() * (sentence.length - 3));
    items.push({ kind: 'sentence', q: sentence.slice(start, start + 4).join(' '), target: story.id });
  }
  return items;
}

function sample<T>(items: T[], n: number, next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

interface Scores {
  mrr: number;
  at1: number;
  n: number;
}

function score(ranks: Array<number | null>): Scores {
  const rr = ranks.map((r) => (r !== null && r <= 10 ? 1 / r : 0));
  return {
    mrr: rr.reduce((a, b) => a + b, 0) / ranks.length,
    at1: ranks.filter((r) => r === 1).length / ranks.length,
    n: ranks.length,
  };
}

const fmt = (s: Scores) => `MRR ${s.mrr.toFixed(3)}  success@1 ${(s.at1 * 100).toFixed(1)} %`;

async function main() {
  if (!HAS_SHARED) {
    console.log('search quality: ../shared is absent; skipped.');
    return;
  }
  const real = readRealStories();
  const services = await archiveServices(ARCHIVE, () => real);
  const db = new Database(join(BENCH_DIR, `${ARCHIVE}.db`), { readonly: true });
  const prepare = statementCache(db);
  const idOf = new Map(
    (
      db.prepare('SELECT id, external_id FROM stories').all() as Array<{ id: number; external_id: string }>
    ).map((r) => [r.external_id, r.id]),
  );

  const next = seededRandom(13);
  const halves: Record<'tune' | 'held', KnownItem[]> = { tune: [], held: [] };
  for (const half of ['tune', 'held'] as const) {
    const stories = real.filter((s) => (fnv1a(s.id) % 2 === 0) === (half === 'tune'));
    halves[half] = sample(stories, PER_HALF, next).flatMap((s) => knownItems(s, next));
  }
  console.log(
    `search quality: ${real.length} stories; known-item queries: ${halves.tune.length} tuning, ${halves.held.length} held out`,
  );

  // The plain engine: FTS5 bm25, title weighted twice, every word as typed.
  const baseline = db.prepare(
    `SELECT s.external_id AS id FROM story_search f JOIN stories s ON s.id = f.rowid
     WHERE story_search MATCH ? ORDER BY bm25(story_search, 2.0, 1.0) LIMIT 10`,
  );
  const baselineRank = (item: KnownItem) => {
    const tokens = item.q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const ids = (baseline.all(tokens.map((t) => `"${t}"`).join(' ')) as Array<{ id: string }>).map(
      (r) => r.id,
    );
    const at = ids.indexOf(item.target);
    return at < 0 ? null : at + 1;
  };
  const lingwireRank = async (item: KnownItem) => {
    const answer = await services.search.search({ q: item.q, page: 1, limit: 10 });
    if (!answer.ok) return null;
    const at = answer.results.findIndex((r) => r.externalId === item.target);
    return at < 0 ? null : at + 1;
  };

  // Tuning half: the grid of weights (the pool is gathered once per title weight).
  const grid: Array<{ weights: RankWeights; scores: Scores }> = [];
  for (const title of [2, 3, 5]) {
    const pools = halves.tune.map((item) => {
      const parsed = parseQuery(item.q);
      if (!parsed.ok) return { item, candidates: [] };
      const weights = { ...RANK_WEIGHTS, title };
      const { candidates } = searchCandidates(
        { prepare },
        { terms: parsed.query, limit: 10, offset: 0 },
        weights,
      );
      return { item, candidates };
    });
    for (const phrase of [0, 0.5, 1, 2])
      for (const inTitle of [0, 0.15, 0.3, 0.6]) {
        const weights = { ...RANK_WEIGHTS, title, phrase, inTitle };
        const ranks = pools.map(({ item, candidates }) => {
          const at = rerank(candidates, weights).findIndex((c) => c.id === idOf.get(item.target));
          return at < 0 ? null : at + 1;
        });
        grid.push({ weights, scores: score(ranks) });
      }
  }
  grid.sort((a, b) => b.scores.mrr - a.scores.mrr);
  const show = (w: RankWeights) => `title ${w.title}, phrase ${w.phrase}, inTitle ${w.inTitle}`;
  console.log(`tuning half, best of ${grid.length} weightings (pool ${POOL}):`);
  for (const g of grid.slice(0, 3)) console.log(`  ${show(g.weights)}: ${fmt(g.scores)}`);
  const shipped = grid.find((g) => show(g.weights) === show(RANK_WEIGHTS));
  if (shipped) console.log(`  shipped (${show(RANK_WEIGHTS)}): ${fmt(shipped.scores)}`);

  for (const half of ['tune', 'held'] as const) {
    const label = half === 'tune' ? 'tuning half (chosen on)' : 'held-out half (never used for choosing)';
    console.log(`${label}:`);
    for (const kind of ['headline', 'sentence', 'all'] as const) {
      const items = halves[half].filter((i) => kind === 'all' || i.kind === kind);
      const ours: Array<number | null> = [];
      for (const item of items) ours.push(await lingwireRank(item));
      const plain = items.map(baselineRank);
      console.log(
        `  ${kind.padEnd(8)} (${String(items.length).padStart(4)} queries)  lingwire ${fmt(score(ours))}   FTS5 bm25 ${fmt(score(plain))}`,
      );
    }
  }
  db.close();
  await services.close();
}

await main();
