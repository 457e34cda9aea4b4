/**
 * `npm run bench:search` (second part): search latency over 100,000 stories, against MiniSearch
 * over the same stories in the same run.
 *
 * The archive is the real stories of `../shared/data/news` plus stories made by mixing paragraphs
 * of three different ones (`search-corpus.ts`), stored through the real pipeline in a SQLite file
 * cached under `.bench/`. Queries are sampled from the archive: three words of a headline, four
 * words in a row of a sentence, and one or two words of a headline (broad queries matching
 * thousands of stories). lingwire is timed through `SearchService.search` (what the page, the API
 * and the CLI run: count, rank, rerank, summaries and snippets of the first 10); MiniSearch
 * (in memory, title boosted twice, every word required as lingwire does) returns its ranked list,
 * no snippets. Median and p99 per query, after a warm-up; the process's CPU time per query beside
 * the wall time, which on a busy machine also counts waiting for a core. The queries are the same
 * on every run (seeded), and lingwire runs without its cache of recent answers
 * (`store/answer-cache.ts`), so every query is searched.
 */
import MiniSearch from 'minisearch';
import { seededRandom } from '../src/core/random.js';
import { SearchService } from '../src/search/service.js';
import { HAS_SHARED } from '../test/shared-data.js';
import { archiveServices, mixedArchive, type RawStory, readRealStories } from './search-corpus.js';

const SIZE = Number(process.env.BENCH_SEARCH_STORIES ?? 100_000);
const QUERIES = Number(process.env.BENCH_SEARCH_TIMED ?? 1500);

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

function queriesFrom(archive: RawStory[]): Array<{ kind: string; q: string }> {
  const next = seededRandom(7);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const out: Array<{ kind: string; q: string }> = [];
  while (out.length < QUERIES) {
    const story = pick(archive);
    const title = words(story.title);
    const kind = ['headline', 'sentence', 'broad'][out.length % 3]!;
    if (kind === 'headline' && title.length >= 3) {
      const start = Math.floor(next() * (title.length - 2));
      out.push({ kind, q: title.slice(start, start + 3).join(' ') });
    } else if (kind === 'sentence') {
      const sentence = words(pick(story.paragraphs));
      if (sentence.length < 4) continue;
      const start = Math.floor(next() * (sentence.length - 3));
      out.push({ kind, q: sentence.slice(start, start + 4).join(' ') });
    } else if (kind === 'broad' && title.length >= 2) {
      const n = 1 + Math.floor(next() * 2);
      const start = Math.floor(next() * (title.length - n + 1));
      out.push({ kind, q: title.slice(start, start + n).join(' ') });
    }
  }
  return out;
}

function quantiles(ms: number[]): { median: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99) };
}

async function time(
  queries: Array<{ kind: string; q: string }>,
  run: (q: string) => unknown | Promise<unknown>,
) {
  for (const { q } of queries.slice(0, 100)) await run(q);
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  const cpu: number[] = [];
  for (const { kind, q } of queries) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await run(q);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
    all.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  return {
    all: quantiles(all),
    cpu: quantiles(cpu),
    byKind: new Map([...byKind].map(([k, v]) => [k, quantiles(v)])),
  };
}

async function main() {
  if (!HAS_SHARED) {
    console.log('search speed: ../shared is absent; skipped.');
    return;
  }
  const real = readRealStories();
  const archive = mixedArchive(real, SIZE);
  const services = await archiveServices(`search-${SIZE}-v1`, () => archive);
  const queries = queriesFrom(archive);
  console.log(`search speed: ${archive.length} stories, ${queries.length} queries (after 100 warm-up)`);

  // Every query searched: the service's cache of recent answers (repeated queries) is left out.
  const search = new SearchService(services.store, { cache: false });
  const ours = await time(queries, (q) => search.search({ q, page: 1, limit: 10 }));
  await services.close();

  const started = performance.now();
  const mini = new MiniSearch<{ id: number; title: string; body: string }>({
    fields: ['title', 'body'],
    searchOptions: { boost: { title: 2 }, combineWith: 'AND' },
  });
  for (const [id, s] of archive.entries()) mini.add({ id, title: s.title, body: s.paragraphs.join('\n') });
  console.log(`  MiniSearch indexed them in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const theirs = await time(queries, (q) => mini.search(q).slice(0, 10));

  const row = (label: string, a: { median: number; p99: number }, b: { median: number; p99: number }) =>
    `  ${label.padEnd(9)} lingwire median ${a.median.toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms   MiniSearch median ${b.median.toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms`;
  console.log(row('all', ours.all, theirs.all));
  // On a machine shared with other work, wall time counts waiting for a core; CPU time does not.
  console.log(row('CPU time', ours.cpu, theirs.cpu));
  for (const kind of ours.byKind.keys())
    console.log(row(kind, ours.byKind.get(kind)!, theirs.byKind.get(kind)!));
  console.log(
    `  target: p99 under 20 ms (${ours.all.p99 < 20 ? 'met' : 'NOT met'}), median no worse than MiniSearch's (${ours.all.median <= theirs.all.median ? 'met' : 'NOT met'})`,
  );
}

await main();
