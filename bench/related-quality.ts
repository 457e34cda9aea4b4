/**
 * Quality of 相关文章 against a TF-IDF baseline computed in the same run over the same texts.
 *
 *   npx tsx bench/related-quality.ts            (both corpora; about 2 minutes on 2 cores)
 *   npx tsx bench/related-quality.ts reuters    (one corpus)
 *
 * Each corpus is imported without its labels; every story with a label is a query, and the archive
 * (the candidates) is the whole corpus. A returned story is relevant when it shares a label with the
 * query. Queries are split by a hash of the id into a tuning half (the engine's settings were chosen
 * on it) and a held-out half (never looked at while tuning): the held-out figures are the headline.
 * The engine's near-duplicates of the query are removed from the baseline's list too (the engine
 * never shows them), so both rank the same candidates; the baseline's raw figures are printed as well.
 *
 * Noise: the LSA's random projection follows term ids, which follow the order terms are first seen,
 * so a change that leaves the information alone still moves the figures. With the regex analyzer
 * the engine had before it moved onto text/tokenize, reversing the term order of one story (six
 * tried on Reuters, three on BBC) gave held-out Reuters P@5 0.8709–0.8725 (unperturbed 0.8713),
 * nDCG@10 0.8618–0.8626; BBC P@5
 * 0.9476–0.9493, nDCG@10 0.9437–0.9455. Changes that alter the terms of a handful of stories move
 * the figures as much (Reuters held-out P@5 0.8699–0.8718 over such variants). Differences of that
 * size say nothing about a change; compare the tuning half and several variants before concluding.
 */

import { RelatedIndex } from '../src/related/engine.js';
import { ndcgAt, precisionAt } from '../src/related/metrics.js';
import {
  isNearDuplicate,
  NEAR_DUPLICATE_JACCARD,
  SHINGLE_WORDS,
  similarity,
  sketch,
} from '../src/related/near-duplicates.js';
import { storyTerms } from '../src/related/story-terms.js';
import { TfidfBaseline } from '../src/related/tfidf-baseline.js';
import {
  type CorpusName,
  isTuningQuery,
  type LabelledStory,
  loadCorpus,
  sharedDirectory,
} from './related-corpus.js';

interface Totals {
  p5: number;
  p10: number;
  n5: number;
  n10: number;
  queries: number;
}

const empty = (): Totals => ({ p5: 0, p10: 0, n5: 0, n10: 0, queries: 0 });

function accumulate(totals: Totals, relevant: boolean[], totalRelevant: number): void {
  totals.p5 += precisionAt(relevant, 5);
  totals.p10 += precisionAt(relevant, 10);
  totals.n5 += ndcgAt(relevant, 5, totalRelevant);
  totals.n10 += ndcgAt(relevant, 10, totalRelevant);
  totals.queries++;
}

function line(name: string, t: Totals): string {
  const f = (x: number) => (x / t.queries).toFixed(4);
  return `  ${name.padEnd(34)} P@5 ${f(t.p5)}  P@10 ${f(t.p10)}  nDCG@5 ${f(t.n5)}  nDCG@10 ${f(t.n10)}  (${t.queries} queries)`;
}

function topBaseline(scores: Float64Array, self: number, skip: Set<number>, k: number): number[] {
  // Insertion into a short sorted list: a full sort per query would dominate the bench's run time.
  const top: number[] = [];
  for (let d = 0; d < scores.length; d++) {
    const s = scores[d]!;
    if (s <= 0 || d === self || (top.length === k && s <= scores[top[k - 1]!]!) || skip.has(d)) continue;
    let at = top.length < k ? top.length : k - 1;
    if (top.length < k) top.push(d);
    while (at > 0 && scores[top[at - 1]!]! < s) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = d;
  }
  return top;
}

function evaluate(name: CorpusName, stories: LabelledStory[]): void {
  console.log(
    `\n== ${name}: ${stories.length} stories, ${stories.filter((s) => s.labels.length).length} queries`,
  );
  let started = performance.now();
  // BENCH_LSA_SEED picks another random projection (see "Noise" above); default the shipped one.
  const index = new RelatedIndex({ latentSeed: Number(process.env.BENCH_LSA_SEED ?? 1) });
  index.addAll(stories.map(({ id, title, body, publishedAt }) => ({ id, title, body, publishedAt })));
  console.log(`  engine: indexed and listed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const baseline = new TfidfBaseline(stories);
  const position = new Map(stories.map((s, i) => [s.id, i]));
  const results = {
    tuning: { engine: empty(), baseline: empty(), raw: empty() },
    heldOut: { engine: empty(), baseline: empty(), raw: empty() },
  };
  const scores = new Float64Array(stories.length);
  stories.forEach((query, q) => {
    if (query.labels.length === 0) return;
    const labels = new Set(query.labels);
    const isRelevant = (d: number) => stories[d]!.labels.some((l) => labels.has(l));
    const duplicates = new Set(index.nearDuplicatesOf(query.id).map((id) => position.get(id)!));
    let totalRelevant = 0;
    for (let d = 0; d < stories.length; d++)
      if (d !== q && !duplicates.has(d) && isRelevant(d)) totalRelevant++;
    const part = isTuningQuery(query.id) ? results.tuning : results.heldOut;
    const engineList = (index.related(query.id) ?? []).map((r) => position.get(r.id)!);
    accumulate(part.engine, engineList.map(isRelevant), totalRelevant);
    baseline.scores(baseline.vector(q), scores);
    accumulate(part.baseline, topBaseline(scores, q, duplicates, 10).map(isRelevant), totalRelevant);
    accumulate(part.raw, topBaseline(scores, q, new Set(), 10).map(isRelevant), totalRelevant);
  });
  console.log(`  evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const [label, part] of [
    ['HELD-OUT (odd FNV-1a hash of id; never used for tuning)', results.heldOut],
    ['tuning (even hash; settings were chosen on these)', results.tuning],
  ] as const) {
    console.log(` ${label}`);
    console.log(line('baseline TF-IDF cosine', part.baseline));
    console.log(line('engine (LSA + lexical)', part.engine));
    const d = (a: number, b: number) => ((a - b) / part.engine.queries).toFixed(4);
    console.log(
      `  ${'engine − baseline'.padEnd(34)} P@5 ${d(part.engine.p5, part.baseline.p5)}  P@10 ${d(part.engine.p10, part.baseline.p10)}  nDCG@5 ${d(part.engine.n5, part.baseline.n5)}  nDCG@10 ${d(part.engine.n10, part.baseline.n10)}`,
    );
    console.log(line('(baseline, query dups not removed)', part.raw));
  }
  if (name === 'reuters') reportDuplicates(stories, index, baseline);
}

/** Near-duplicate groups found by the engine, examples, and the Jaccard distribution behind the threshold. */
function reportDuplicates(stories: LabelledStory[], index: RelatedIndex, baseline: TfidfBaseline): void {
  const sketches = stories.map((s) => sketch(storyTerms(s).words));
  const parent = stories.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    return root;
  };
  const position = new Map(stories.map((s, i) => [s.id, i]));
  const pairs: [number, number, number][] = [];
  stories.forEach((story, i) => {
    for (const id of index.nearDuplicatesOf(story.id)) {
      const j = position.get(id)!;
      if (j > i) pairs.push([i, j, similarity(sketches[i]!.signature, sketches[j]!.signature)]);
      parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number>();
  for (let i = 0; i < stories.length; i++) groups.set(find(i), (groups.get(find(i)) ?? 0) + 1);
  const multi = [...groups.values()].filter((n) => n > 1);
  console.log(
    `\n  near-duplicates (MinHash, ${SHINGLE_WORDS}-word shingles, Jaccard ≥ ${NEAR_DUPLICATE_JACCARD} or containment rule):`,
  );
  console.log(
    `  ${multi.length} groups holding ${multi.reduce((a, b) => a + b, 0)} stories (${pairs.length} pairs; largest group ${Math.max(0, ...multi)})`,
  );
  // Recall check of the candidate-based search: scan every pair's signature (prefix filter first).
  let scanned = 0;
  for (let i = 0; i < stories.length; i++) {
    const a = sketches[i]!;
    for (let j = i + 1; j < stories.length; j++) {
      const b = sketches[j]!;
      let head = 0;
      for (let h = 0; h < 16; h++) if (a.signature[h] === b.signature[h]) head++;
      if (head >= 2 && isNearDuplicate(a, b)) scanned++;
    }
  }
  console.log(
    `  all-pairs signature scan finds ${scanned} pairs (engine's candidate-based search: ${pairs.length})`,
  );
  const sorted = [...pairs].sort((x, y) => x[2] - y[2]);
  console.log('  examples (estimated Jaccard, ids, titles), spread over the range:');
  for (let e = 0; e < 6 && sorted.length > 0; e++) {
    const [i, j, sim] = sorted[Math.floor((e * (sorted.length - 1)) / 5)]!;
    console.log(
      `    ${sim.toFixed(2)}  ${stories[i]!.id} "${stories[i]!.title}"  ~  ${stories[j]!.id} "${stories[j]!.title}"`,
    );
  }
  const histogram = new Array<number>(10).fill(0);
  const scores = new Float64Array(stories.length);
  stories.forEach((_, q) => {
    baseline.scores(baseline.vector(q), scores);
    for (const d of topBaseline(scores, q, new Set(), 5)) {
      histogram[Math.min(9, Math.floor(similarity(sketches[q]!.signature, sketches[d]!.signature) * 10))]!++;
    }
  });
  console.log('  estimated shingle Jaccard of each story with its 5 most similar (TF-IDF) stories:');
  console.log(
    `    ${histogram.map((n, b) => `${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}: ${n}`).join('  ')}`,
  );
  console.log(
    '  threshold: the distribution is bimodal (bulk below 0.2, second mode near 1.0); from 0.5 up the pairs\n' +
      '  read as one story re-sent (corrections, re-headlined copies); 0.3–0.45 are mostly formula stories of\n' +
      '  other days with other figures, which stay visible. See src/related/near-duplicates.ts.',
  );
}

const shared = sharedDirectory();
if (shared) {
  const which = process.argv[2] as CorpusName | undefined;
  for (const name of ['reuters', 'bbc'] as const) {
    if (!which || which === name) evaluate(name, loadCorpus(shared, name));
  }
}
