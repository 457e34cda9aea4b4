/**
 * Speed of 相关文章 on a synthetic 100,000-story archive, against brute-force TF-IDF cosine measured
 * in the same run over the same archive.
 *
 *   npx tsx bench/related-speed.ts            (100,000 stories; several minutes on 2 cores, ~2 GB RSS)
 *   npx tsx bench/related-speed.ts 20000      (a smaller archive)
 *
 * Stories are synthesised from Reuters-21578 and BBC: the title and first paragraph of one story,
 * then one or two paragraphs of other stories of the same corpus (seeded), so no two are
 * near-duplicates; a story's labels are the union of its sources' labels. Stories are generated on
 * the fly and their text dropped once indexed: the engine keeps only term vectors in typed arrays.
 */
import { seededRandom } from '../src/core/random.js';
import { RelatedIndex, type StoryInput } from '../src/related/engine.js';
import { precisionAt } from '../src/related/metrics.js';
import { TfidfBaseline } from '../src/related/tfidf-baseline.js';
import { type LabelledStory, loadCorpus, peakRssMiB, sharedDirectory } from './related-corpus.js';

const ARCHIVE = Number(process.argv[2] ?? 100_000);
const NEW_STORIES = 300;
const LIST_SAMPLE = Number(process.env.LIST_SAMPLE ?? ARCHIVE);

interface Source {
  title: string;
  paragraphs: string[];
  labels: string[];
}

function sourcesOf(stories: LabelledStory[], corpus: string): Source[] {
  return stories.map((s) => ({
    title: s.title,
    paragraphs: s.body.split(/\n\s*\n|\n {2,}/).filter((p) => p.trim().length > 0),
    labels: s.labels.map((l) => `${corpus}:${l}`),
  }));
}

/** The n-th synthetic story (deterministic in n). */
function synthesise(corpora: Source[][], n: number): StoryInput & { labels: string[] } {
  const next = seededRandom(n * 7919 + 17);
  const corpus = corpora[next() < 0.8 ? 0 : 1]!;
  const pick = () => corpus[Math.floor(next() * corpus.length)]!;
  const main = pick();
  const extra = [pick(), ...(next() < 0.5 ? [pick()] : [])];
  const paragraphs = [
    main.paragraphs[0] ?? '',
    ...extra.map((s) => s.paragraphs[Math.floor(next() * s.paragraphs.length)] ?? ''),
  ];
  const labels = [...new Set([main, ...extra].flatMap((s) => s.labels))];
  return { id: `syn-${n}`, title: main.title, body: paragraphs.join('\n\n'), labels };
}

function* archive(corpora: Source[][]): Generator<StoryInput & { labels: string[] }> {
  for (let n = 0; n < ARCHIVE; n++) yield synthesise(corpora, n);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

function run(shared: string): void {
  const corpora = [
    sourcesOf(loadCorpus(shared, 'reuters'), 'reuters'),
    sourcesOf(loadCorpus(shared, 'bbc'), 'bbc'),
  ];
  const labels: string[][] = [];
  console.log(`archive: ${ARCHIVE} synthetic stories`);
  let started = performance.now();
  const index = new RelatedIndex();
  index.addAll(
    (function* () {
      for (const story of archive(corpora)) {
        labels.push(story.labels);
        yield story;
      }
    })(),
    { lists: false },
  );
  const indexSeconds = (performance.now() - started) / 1000;
  console.log(
    `engine: indexed (analysis, term vectors, LSA fit and fold-in) in ${indexSeconds.toFixed(1)} s`,
  );
  console.log(`peak RSS after indexing: ${peakRssMiB().toFixed(0)} MiB`);

  const fresh = Array.from({ length: NEW_STORIES }, (_, i) => synthesise(corpora, ARCHIVE + i));
  const labelOf = (id: string) => labels[Number(id.slice(4))]!;
  const fastTimes: number[] = [];
  const fastLists: string[][] = [];
  for (const story of fresh) {
    const t = performance.now();
    fastLists.push(index.relatedForNew(story).map((r) => r.id));
    fastTimes.push(performance.now() - t);
  }
  const exhaustiveLists = fresh.map((story) =>
    index.relatedForNew(story, { exhaustive: true }).map((r) => r.id),
  );

  started = performance.now();
  const baseline = new TfidfBaseline(archive(corpora));
  console.log(`baseline: indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const dense = new Float32Array(baseline.termCount);
  const scores = new Float64Array(baseline.size);
  const bruteTimes: number[] = [];
  for (const story of fresh) {
    const t = performance.now();
    baseline.scanScores(baseline.vectorOf(story), dense, scores);
    let best = -1;
    for (let d = 0; d < scores.length; d++) if (best < 0 || scores[d]! > scores[best]!) best = d;
    bruteTimes.push(performance.now() - t);
  }
  fastTimes.sort((a, b) => a - b);
  bruteTimes.sort((a, b) => a - b);
  const fastMedian = quantile(fastTimes, 0.5);
  const bruteMedian = quantile(bruteTimes, 0.5);
  console.log(`\nrelated list for one new story (${NEW_STORIES} new stories, archive ${ARCHIVE}):`);
  console.log(`  engine fast path      median ${ms(fastMedian)}  p99 ${ms(quantile(fastTimes, 0.99))}`);
  console.log(`  brute-force TF-IDF    median ${ms(bruteMedian)}  p99 ${ms(quantile(bruteTimes, 0.99))}`);
  console.log(`  speed-up (median)     ${(bruteMedian / fastMedian).toFixed(1)}×`);

  const precision = (lists: string[][]) =>
    lists.reduce((sum, list, i) => {
      const wanted = new Set(fresh[i]!.labels);
      return (
        sum +
        precisionAt(
          list.map((id) => labelOf(id).some((l) => wanted.has(l))),
          5,
        )
      );
    }, 0) / lists.length;
  const overlap =
    fastLists.reduce(
      (sum, list, i) => sum + list.filter((id) => exhaustiveLists[i]!.includes(id)).length / 10,
      0,
    ) / fastLists.length;
  console.log(
    `  P@5 fast ${precision(fastLists).toFixed(4)}  vs exhaustive ${precision(exhaustiveLists).toFixed(4)}  (top-10 overlap ${overlap.toFixed(3)})`,
  );

  const sample = Math.min(LIST_SAMPLE, ARCHIVE);
  started = performance.now();
  for (let n = 0; n < sample; n++) index.related(`syn-${n}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nall lists: ${sample} of the ${ARCHIVE} stories' lists computed in ${seconds.toFixed(1)} s = ${(sample / seconds).toFixed(0)} stories/s (one thread; LIST_SAMPLE sets how many)`,
  );
  console.log(`peak RSS (engine + baseline): ${peakRssMiB().toFixed(0)} MiB`);
}

const shared = sharedDirectory();
if (shared) run(shared);
