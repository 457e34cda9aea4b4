/**
 * The least score a 相关文章 entry needs to be shown (`RELATED_MIN_SCORE` in
 * `src/articles/related-list.ts`): chosen on data, checked on data not used for choosing.
 *
 *   npx tsx bench/related-min-score.ts          (BBC and Reuters, several archive sizes; a few minutes)
 *   npx tsx bench/related-min-score.ts bbc      (one corpus)
 *
 * Each corpus is indexed by the engine as the site does (whole corpus, and samples of 400 and
 * 2,000 stories, since scores depend on the archive's size); every labelled story is a query and
 * an entry of its list is related when it shares a label with it. Queries are split by a hash of
 * their id (`isTuningQuery`): the threshold is chosen on the tuning half only, and the held-out
 * half reports what it does.
 *
 * Rule: show an entry when it is more likely related than not. On the tuning entries of each
 * archive, P(related | score) is estimated in windows of 0.05; the condition's threshold is the
 * lowest score from which every window with at least 30 entries is at least half related. The
 * chosen threshold is the highest of the conditions' (so that it holds on every archive measured),
 * rounded up to 0.01. Baseline: no threshold (the site before), measured in the same run.
 */
import { RELATED_MIN_SCORE } from '../src/articles/related-list.js';
import { RelatedIndex } from '../src/related/engine.js';
import {
  type CorpusName,
  hashId,
  isTuningQuery,
  type LabelledStory,
  loadCorpus,
  sharedDirectory,
} from './related-corpus.js';

interface Entry {
  score: number;
  related: boolean;
  query: string;
}

const WINDOW = 0.05;
const MIN_WINDOW_ENTRIES = 30;

/** Entries of every labelled query's list, split into tuning and held-out queries. */
function entriesOf(stories: LabelledStory[]): {
  tuning: Entry[];
  heldOut: Entry[];
  queries: { tuning: number; heldOut: number };
} {
  const index = new RelatedIndex();
  index.addAll(stories.map(({ id, title, body, publishedAt }) => ({ id, title, body, publishedAt })));
  const byId = new Map(stories.map((s) => [s.id, s]));
  const out = { tuning: [] as Entry[], heldOut: [] as Entry[], queries: { tuning: 0, heldOut: 0 } };
  for (const query of stories) {
    if (query.labels.length === 0) continue;
    const labels = new Set(query.labels);
    const part = isTuningQuery(query.id) ? 'tuning' : 'heldOut';
    out.queries[part]++;
    for (const r of index.related(query.id) ?? []) {
      const related = byId.get(r.id)!.labels.some((l) => labels.has(l));
      out[part].push({ score: r.score, related, query: query.id });
    }
  }
  return out;
}

/** The lowest score from which every well-filled window is at least half related. */
function thresholdOf(entries: Entry[]): number {
  let threshold = 0;
  for (let t = 0; t < 1; t += 0.01) {
    const inWindow = entries.filter((e) => e.score >= t && e.score < t + WINDOW);
    if (inWindow.length < MIN_WINDOW_ENTRIES) continue;
    const precision = inWindow.filter((e) => e.related).length / inWindow.length;
    if (precision < 0.5) threshold = t + 0.01;
  }
  return Math.round(threshold * 100) / 100;
}

function report(entries: Entry[], queries: number, t: number): string {
  const shown = entries.filter((e) => e.score >= t);
  const related = entries.filter((e) => e.related).length;
  const unrelated = entries.length - related;
  const shownRelated = shown.filter((e) => e.related).length;
  const lists = new Map<string, number>();
  for (const e of shown) lists.set(e.query, (lists.get(e.query) ?? 0) + 1);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    `precision of shown ${(shownRelated / Math.max(1, shown.length)).toFixed(3)}, ` +
    `entries per list ${(shown.length / queries).toFixed(2)}, ` +
    `unrelated removed ${pct((unrelated - (shown.length - shownRelated)) / Math.max(1, unrelated))}, ` +
    `related lost ${pct((related - shownRelated) / Math.max(1, related))}, ` +
    `empty lists ${pct((queries - lists.size) / queries)}`
  );
}

const shared = sharedDirectory();
if (shared) {
  const which = process.argv[2] as CorpusName | undefined;
  const conditions: Array<{
    name: string;
    tuning: Entry[];
    heldOut: Entry[];
    queries: { tuning: number; heldOut: number };
  }> = [];
  for (const corpus of ['bbc', 'reuters'] as const) {
    if (which && which !== corpus) continue;
    const all = loadCorpus(shared, corpus);
    // Samples by a hash of the id (another hash than the query split's parity).
    const ordered = [...all].sort((a, b) => hashId(`s:${a.id}`) - hashId(`s:${b.id}`));
    for (const size of [400, 2000, all.length]) {
      if (size > all.length || (size === 2000 && all.length < 3000)) continue;
      const started = performance.now();
      const entries = entriesOf(ordered.slice(0, size));
      const name = `${corpus} ${size}`;
      conditions.push({ name, ...entries });
      console.log(`${name}: indexed and scored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  console.log('\nthreshold per archive (tuning queries only):');
  let chosen = 0;
  for (const c of conditions) {
    const t = thresholdOf(c.tuning);
    chosen = Math.max(chosen, t);
    console.log(`  ${c.name.padEnd(14)} ${t.toFixed(2)}`);
  }
  console.log(
    `chosen: ${chosen.toFixed(2)} (the highest); shipped RELATED_MIN_SCORE: ${RELATED_MIN_SCORE.toFixed(2)}`,
  );
  for (const [label, part] of [
    ['HELD-OUT queries (odd hash; never used for choosing)', 'heldOut'],
    ['tuning queries', 'tuning'],
  ] as const) {
    console.log(`\n${label}:`);
    for (const c of conditions) {
      console.log(`  ${c.name}`);
      console.log(`    no threshold (baseline)  ${report(c[part], c.queries[part], 0)}`);
      console.log(`    chosen ${chosen.toFixed(2)}             ${report(c[part], c.queries[part], chosen)}`);
      if (RELATED_MIN_SCORE !== chosen)
        console.log(
          `    shipped ${RELATED_MIN_SCORE.toFixed(2)}            ${report(c[part], c.queries[part], RELATED_MIN_SCORE)}`,
        );
    }
  }
}
