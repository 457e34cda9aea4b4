/**
 * Story levels checked on real text: `npx tsx bench/levels.ts`.
 *
 * OneStopEnglish (shared/data/news/freely-licensed.jsonl, records whose `source` starts with
 * "OneStopEnglish") has each article at three levels, linked by `group`. Groups are split
 * deterministically — FNV-1a hash of the group id, mod 10, < 6 → fitting part, else held out —
 * so the three versions of an article are always on the same side. On the fitting part the bench
 * fits the score's weights (ordinal–pairwise objective on standardised features, see
 * `fitOrdinalPairwise`) and the two boundaries (cut points that classify the fitting part best);
 * on the held-out part it reports three-level accuracy and the share of groups whose versions are
 * ordered elementary < intermediate < advanced, for the shipped procedure and for the variants it
 * was compared with (Flesch–Kincaid alone, the previous least-squares model, …), each beside its
 * mean and range over 50 seeded random group splits of the same size — one split's figure moves
 * by ±8 points, so the mean is the figure to judge by. It then prints the fitted constants next to
 * the shipped `LEVEL_MODEL`, and where the shipped model puts real news (seed story, BBC, Reuters,
 * Wikinews) on the A1–C2 scale.
 *
 * Needs the dictionary index (`openDictionary()` builds `data/ecdict.sqlite` on first use, ~20 s)
 * and shared data at `$LINGWIRE_SHARED` or `../shared` beside the repository; without the data it
 * says so and exits 0.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeStory } from '../src/articles/story-level.js';
import { seededRandom } from '../src/core/random.js';
import { type Dictionary, openDictionary } from '../src/dictionary/index.js';
import { readJsonl } from '../src/ingest/sources/jsonl.js';
import {
  bandForScore,
  CEFR_BANDS,
  type CefrBand,
  LEVEL_FEATURES,
  LEVEL_MODEL,
  type LevelFeatures,
  type LevelModel,
  rawScore,
  SCORE_AT_ELEMENTARY_INTERMEDIATE,
  SCORE_AT_INTERMEDIATE_ADVANCED,
  scoreFromRaw,
} from '../src/text/level.js';

const LEVELS = ['elementary', 'intermediate', 'advanced'] as const;
type OseLevel = (typeof LEVELS)[number];
const FEATURES = LEVEL_FEATURES;
/** The four features the shipped model keeps from the previous model (whose fifth, distinct hard lemmas per window, is gone), for comparison. */
const KEPT_FEATURES: readonly (keyof LevelFeatures)[] = [
  'sentenceLength',
  'lexicalVariety',
  'suffixShare',
  'nameShare',
];
/** L2 penalty on the standardised weights of the ordinal–pairwise fit. */
const L2 = 0.01;
/** Corrections (negative weights) are clamped to this quantile … 1 − it of the fitted texts. */
const CORRECTION_QUANTILE = 0.025;
/** Random group splits for the mean and range. */
const SPLITS = 50;
/** Groups with hash mod 10 below this are fitted on. */
const FIT_BUCKETS = 6;

interface Sample {
  group: string;
  level: number; // 0 elementary, 1 intermediate, 2 advanced
  features: LevelFeatures;
  fk: number;
  words: number;
}

function sharedDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return process.env.LINGWIRE_SHARED ?? resolve(repo, '..', 'shared');
}

/** FNV-1a, 32 bit: stable across runs and platforms. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const isFitGroup = (group: string): boolean => fnv1a(group) % 10 < FIT_BUCKETS;

/** Solve `A x = b` (small, dense) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Least squares `y ≈ b0 + Σ w·x`, on standardized columns for stability, returned in raw units. */
function leastSquares(xs: number[][], y: number[]): { intercept: number; weights: number[] } {
  const p = xs[0]?.length ?? 0;
  const mean = Array.from({ length: p }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / xs.length);
  const sd = Array.from(
    { length: p },
    (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / xs.length) || 1,
  );
  const z = xs.map((x) => [1, ...x.map((v, j) => (v - mean[j]!) / sd[j]!)]);
  const ata = Array.from({ length: p + 1 }, (_, i) =>
    Array.from({ length: p + 1 }, (_, j) => z.reduce((s, row) => s + row[i]! * row[j]!, 0)),
  );
  const atb = Array.from({ length: p + 1 }, (_, i) => z.reduce((s, row, k) => s + row[i]! * y[k]!, 0));
  const beta = solve(ata, atb);
  const weights = Array.from({ length: p }, (_, j) => beta[j + 1]! / sd[j]!);
  const intercept = beta[0]! - weights.reduce((s, w, j) => s + w * mean[j]!, 0);
  return { intercept, weights };
}

/**
 * The two cut points on `score` that classify `(score, level)` pairs best (ties: the first
 * found), each halfway between neighbouring scores.
 */
function fitBoundaries(scores: number[], levels: number[]): [number, number] {
  const order = scores.map((s, i) => [s, levels[i]!] as const).sort((a, b) => a[0] - b[0]);
  const n = order.length;
  const below = [[0], [0], [0]] as number[][];
  for (const [, level] of order) {
    for (let c = 0; c < 3; c++) below[c]!.push(below[c]!.at(-1)! + (level === c ? 1 : 0));
  }
  const cut = (k: number): number =>
    k === 0 ? -Infinity : k === n ? Infinity : (order[k - 1]![0] + order[k]![0]) / 2;
  let best = -1;
  let bi = 0;
  let bj = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = i; j <= n; j++) {
      const correct = below[0]![i]! + (below[1]![j]! - below[1]![i]!) + (below[2]![n]! - below[2]![j]!);
      if (correct > best) {
        best = correct;
        bi = i;
        bj = j;
      }
    }
  }
  return [cut(bi), cut(bj)];
}

function classify(score: number, [a, b]: [number, number]): number {
  return score < a ? 0 : score < b ? 1 : 2;
}

function accuracy(scores: number[], levels: number[], cuts: [number, number]): number {
  let ok = 0;
  scores.forEach((s, i) => {
    if (classify(s, cuts) === levels[i]) ok += 1;
  });
  return scores.length === 0 ? 0 : ok / scores.length;
}

/** Groups (with all three versions) ordered strictly elementary < intermediate < advanced. */
function ordering(
  samples: Sample[],
  scoreOf: (s: Sample) => number,
): { ordered: number; groups: number; misordered: string[] } {
  const byGroup = new Map<string, Map<number, number>>();
  for (const s of samples) {
    const g = byGroup.get(s.group) ?? new Map<number, number>();
    g.set(s.level, scoreOf(s));
    byGroup.set(s.group, g);
  }
  let ordered = 0;
  let groups = 0;
  const misordered: string[] = [];
  for (const [group, g] of byGroup) {
    if (g.size !== 3) continue;
    groups += 1;
    if (g.get(0)! < g.get(1)! && g.get(1)! < g.get(2)!) ordered += 1;
    else misordered.push(group);
  }
  return { ordered, groups, misordered };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const fixed = (x: number, d = 4): string => x.toFixed(d);

/** Column means and standard deviations (sd 1 for a constant column). */
function standardiser(xs: number[][]): { mean: number[]; sd: number[] } {
  const p = xs[0]?.length ?? 0;
  const mean = Array.from({ length: p }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / xs.length);
  const sd = Array.from(
    { length: p },
    (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / xs.length) || 1,
  );
  return { mean, sd };
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Ordinal–pairwise fit on standardised features: weights `w` minimising
 *   mean over texts of the cumulative-logit loss −log P(level | w·z, a, b)
 * + mean over same-group pairs (lower level i, higher j) of log(1 + exp(−w·(z_j − z_i)))
 * + L2 · |w|².
 * The pairs say "the harder version of one article scores higher", the strongest signal the
 * corpus has; the ordinal term keeps the scale comparable across articles. Plain gradient
 * descent with step halving (the loss is convex in w, a, log(b − a) is a smooth reparametrisation).
 */
function fitOrdinalPairwise(z: number[][], levels: number[], groups: string[], l2: number): number[] {
  const p = z[0]?.length ?? 0;
  const pairs: [number, number][] = [];
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
  });
  for (const members of byGroup.values()) {
    for (const i of members) for (const j of members) if (levels[i]! < levels[j]!) pairs.push([i, j]);
  }
  const loss = (t: number[], grad: number[] | null): number => {
    const a = t[p]!;
    const gap = Math.exp(t[p + 1]!);
    const b = a + gap;
    let total = 0;
    const g = grad ?? [];
    if (grad) grad.fill(0);
    const n = z.length;
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      let s = 0;
      for (let k = 0; k < p; k++) s += t[k]! * x[k]!;
      const p0 = sigmoid(a - s);
      const p1 = sigmoid(b - s);
      let ds = 0;
      let da = 0;
      let db = 0;
      if (levels[i] === 0) {
        total -= Math.log(Math.max(p0, 1e-300));
        ds = 1 - p0;
        da = -(1 - p0);
      } else if (levels[i] === 2) {
        total -= Math.log(Math.max(1 - p1, 1e-300));
        ds = -p1;
        db = p1;
      } else {
        const m = Math.max(p1 - p0, 1e-300);
        total -= Math.log(m);
        ds = (p1 * (1 - p1) - p0 * (1 - p0)) / m;
        da = (p0 * (1 - p0)) / m;
        db = -(p1 * (1 - p1)) / m;
      }
      if (grad) {
        for (let k = 0; k < p; k++) g[k]! += (ds * x[k]!) / n;
        g[p]! += (da + db) / n;
        g[p + 1]! += (db * gap) / n;
      }
    }
    total /= n;
    for (const [i, j] of pairs) {
      let d = 0;
      for (let k = 0; k < p; k++) d += t[k]! * (z[j]![k]! - z[i]![k]!);
      total += (d >= 0 ? Math.log1p(Math.exp(-d)) : -d + Math.log1p(Math.exp(d))) / pairs.length;
      if (grad) {
        const f = -(1 - sigmoid(d)) / pairs.length;
        for (let k = 0; k < p; k++) g[k]! += f * (z[j]![k]! - z[i]![k]!);
      }
    }
    for (let k = 0; k < p; k++) {
      total += l2 * t[k]! ** 2;
      if (grad) g[k]! += 2 * l2 * t[k]!;
    }
    return total;
  };
  let t = [...new Array(p).fill(0), -0.5, 0];
  const grad = new Array(p + 2).fill(0);
  let current = loss(t, grad);
  let step = 1;
  for (let iter = 0; iter < 2000 && step > 1e-10; iter++) {
    const next = t.map((v, k) => v - step * grad[k]!);
    const value = loss(next, null);
    if (value < current) {
      const improvement = current - value;
      t = next;
      current = loss(t, grad);
      step *= 1.5;
      if (improvement < 1e-12) break;
    } else {
      step /= 2;
    }
  }
  return t.slice(0, p);
}

type Objective = 'ordinal-pairwise' | 'least-squares';

/** Fit weights on `features` (others 0) with `objective`, then the best-accuracy boundaries. */
function fitModel(
  fit: Sample[],
  features: readonly (keyof LevelFeatures)[] = FEATURES,
  objective: Objective = 'ordinal-pairwise',
): LevelModel {
  const xs = fit.map((s) => features.map((f) => s.features[f]));
  const levels = fit.map((s) => s.level);
  let intercept: number;
  let weights: number[];
  if (objective === 'least-squares') {
    ({ intercept, weights } = leastSquares(xs, levels));
  } else {
    const { mean, sd } = standardiser(xs);
    const z = xs.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
    const beta = fitOrdinalPairwise(
      z,
      levels,
      fit.map((s) => s.group),
      L2,
    );
    weights = beta.map((b, j) => b / sd[j]!);
    intercept = -weights.reduce((acc, w, j) => acc + w * mean[j]!, 0);
  }
  const w = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<keyof LevelFeatures, number>;
  features.forEach((f, j) => {
    w[f] = weights[j]!;
  });
  const correctionRange: Partial<Record<keyof LevelFeatures, [number, number]>> = {};
  for (const f of features) {
    if (w[f] >= 0) continue;
    const values = fit.map((s) => s.features[f]).sort((x, y) => x - y);
    const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
    correctionRange[f] = [at(CORRECTION_QUANTILE), at(1 - CORRECTION_QUANTILE)];
  }
  const partial: LevelModel = {
    intercept,
    weights: w,
    correctionRange,
    elementaryIntermediate: 0.5,
    intermediateAdvanced: 1.5,
  };
  const [a, b] = fitBoundaries(
    fit.map((s) => rawScore(s.features, partial)),
    levels,
  );
  return { ...partial, elementaryIntermediate: a, intermediateAdvanced: b };
}

/** `count` random splits of the groups: the same share fitted on as the shipped split (60 %). */
function randomSplits(groups: string[], count: number): Set<string>[] {
  const random = seededRandom(20240611);
  const fitSize = Math.round((groups.length * FIT_BUCKETS) / 10);
  return Array.from({ length: count }, () => {
    const order = [...groups];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return new Set(order.slice(0, fitSize));
  });
}

interface Variant {
  label: string;
  /** Held-out score of each sample given the fitting part (higher is harder). */
  train: (fit: Sample[]) => (s: Sample) => number;
}

/** Held-out accuracy (cuts fitted on the fitting part) and ordering of one variant on one split. */
function heldOut(variant: Variant, fit: Sample[], held: Sample[]): { accuracy: number; ordered: number } {
  const score = variant.train(fit);
  const cuts = fitBoundaries(
    fit.map(score),
    fit.map((s) => s.level),
  );
  const o = ordering(held, score);
  return {
    accuracy: accuracy(
      held.map(score),
      held.map((s) => s.level),
      cuts,
    ),
    ordered: o.groups === 0 ? 0 : o.ordered / o.groups,
  };
}

function bandHistogram(scores: number[]): string {
  const counts = new Map<CefrBand, number>(CEFR_BANDS.map((b) => [b, 0]));
  for (const s of scores) counts.set(bandForScore(s), (counts.get(bandForScore(s)) ?? 0) + 1);
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `${CEFR_BANDS.map((b) => `${b} ${pct((counts.get(b) ?? 0) / Math.max(1, scores.length))}`).join('  ')}   median score ${median.toFixed(2)}`;
}

/** The analysis and level of a story's paragraphs, as import and `lingwire analyze` do it. */
function levelOf(paragraphs: readonly string[], dict: Dictionary) {
  return analyzeStory(paragraphs, dict).level;
}

/** Scores of the stories long enough to rate (the others have none). */
const rated = (scores: (number | null)[]): number[] => scores.filter((s): s is number => s !== null);

/** Records of a JSON Lines file through the importer's own reader (paragraphs, dateline taken off). */
async function readStories(path: string): Promise<{ id: string; paragraphs: string[] }[]> {
  const out: { id: string; paragraphs: string[] }[] = [];
  for await (const record of readJsonl(path)) {
    if (record.ok && record.story.externalId) {
      out.push({ id: record.story.externalId, paragraphs: record.story.paragraphs });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const shared = sharedDir();
  const corpus = join(shared, 'data', 'news', 'freely-licensed.jsonl');
  if (!existsSync(corpus)) {
    console.log(`levels: shared data not found at ${corpus} (set LINGWIRE_SHARED); nothing to measure.`);
    return;
  }
  const started = Date.now();
  const dict: Dictionary = openDictionary();
  const labels = new Map<string, { source: string; group?: string; level?: string }>();
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { id: string; source?: string; group?: string; level?: string };
    labels.set(String(record.id), { source: record.source ?? '', group: record.group, level: record.level });
  }
  const samples: Sample[] = [];
  const wikinews: number[] = [];
  // Each record is read and analysed exactly as `lingwire analyze freely-licensed.jsonl` does it.
  for (const story of await readStories(corpus)) {
    const label = labels.get(story.id);
    if (!label) continue;
    if (label.source.startsWith('Wikinews')) wikinews.push(...rated([levelOf(story.paragraphs, dict).score]));
    if (!label.source.startsWith('OneStopEnglish') || !label.group) continue;
    const level = LEVELS.indexOf(label.level as OseLevel);
    if (level < 0) continue;
    const analysed = levelOf(story.paragraphs, dict);
    samples.push({
      group: label.group,
      level,
      features: analysed.features,
      fk: analysed.readability.fleschKincaidGrade,
      words: analysed.readability.words,
    });
  }
  const fit = samples.filter((s) => isFitGroup(s.group));
  const held = samples.filter((s) => !isFitGroup(s.group));
  const groupsOf = (xs: Sample[]): number => new Set(xs.map((s) => s.group)).size;
  console.log(
    `OneStopEnglish: ${samples.length} texts in ${groupsOf(samples)} groups; shipped split: fitting part ${groupsOf(fit)} groups (${fit.length} texts), held out ${groupsOf(held)} groups (${held.length} texts)  [FNV-1a(group) mod 10 < ${FIT_BUCKETS}]`,
  );

  const logLength = (s: Sample): number => Math.log(Math.max(1, s.words));
  const rawWith = (m: LevelModel) => (s: Sample) => rawScore(s.features, m);
  const variants: Variant[] = [
    { label: 'Flesch–Kincaid grade alone', train: () => (s) => s.fk },
    {
      label: '4 features kept from the last model',
      train: (f) => rawWith(fitModel(f, KEPT_FEATURES, 'ordinal-pairwise')),
    },
    {
      label: '12 features, least squares',
      train: (f) => rawWith(fitModel(f, FEATURES, 'least-squares')),
    },
    { label: 'SHIPPED: 12 features, ordinal + pairwise', train: (f) => rawWith(fitModel(f)) },
    {
      label: 'reference, not shipped: + log(length)',
      train: (f) => {
        const xs = f.map((s) => [...FEATURES.map((k) => s.features[k]), logLength(s)]);
        const { intercept, weights } = leastSquares(
          xs,
          f.map((s) => s.level),
        );
        return (s) =>
          intercept +
          FEATURES.reduce((acc, k, j) => acc + weights[j]! * s.features[k], 0) +
          weights[FEATURES.length]! * logLength(s);
      },
    },
  ];

  const groups = [...new Set(samples.map((s) => s.group))].sort();
  const splits = randomSplits(groups, SPLITS);
  console.log(
    `\nThree-level accuracy on held-out groups (each variant's weights and boundaries fitted on the fitting part only); groups ordered elementary < intermediate < advanced by score; then the mean and range over ${SPLITS} random group splits of the same size (seeded, all in this run):`,
  );
  console.log(
    `  ${'variant'.padEnd(42)} shipped split   ordered   | ${SPLITS} random splits: mean  range          ordered`,
  );
  for (const variant of variants) {
    const here = heldOut(variant, fit, held);
    const results = splits.map((inFit) =>
      heldOut(
        variant,
        samples.filter((x) => inFit.has(x.group)),
        samples.filter((x) => !inFit.has(x.group)),
      ),
    );
    const accs = results.map((r) => r.accuracy).sort((a, b) => a - b);
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    const ordered = results.reduce((a, r) => a + r.ordered, 0) / results.length;
    console.log(
      `  ${variant.label.padEnd(42)} ${pct(here.accuracy).padStart(6)}        ${pct(here.ordered).padStart(6)}    |                 ${pct(mean).padStart(6)}  ${pct(accs[0] ?? 0)}–${pct(accs.at(-1) ?? 0)}   ${pct(ordered).padStart(6)}`,
    );
  }

  // The shipped procedure on the shipped split, in detail.
  const splitModel = fitModel(fit);
  const heldLevels = held.map((s) => s.level);
  const scoreWith = (m: LevelModel) => (s: Sample) => scoreFromRaw(rawScore(s.features, m), m);
  const cutsScore: [number, number] = [SCORE_AT_ELEMENTARY_INTERMEDIATE, SCORE_AT_INTERMEDIATE_ADVANCED];
  const fkCuts = fitBoundaries(
    fit.map((s) => s.fk),
    fit.map((s) => s.level),
  );
  const splitScores = held.map(scoreWith(splitModel));
  const splitOrder = ordering(held, scoreWith(splitModel));
  console.log(
    `\nShipped procedure on the shipped split: held-out accuracy ${pct(accuracy(splitScores, heldLevels, cutsScore))} (Flesch–Kincaid alone ${pct(
      accuracy(
        held.map((s) => s.fk),
        heldLevels,
        fkCuts,
      ),
    )}, cuts at grade ${fixed(fkCuts[0], 2)} | ${fixed(fkCuts[1], 2)})`,
  );
  console.log(
    `  held-out groups ordered by level score ${splitOrder.ordered}/${splitOrder.groups} = ${pct(splitOrder.ordered / splitOrder.groups)}${splitOrder.misordered.length ? `   misordered: ${splitOrder.misordered.join(', ')}` : ''}`,
  );
  const confusion = [0, 1, 2].map((truth) =>
    [0, 1, 2].map(
      (guess) =>
        held.filter((s, i) => s.level === truth && classify(splitScores[i]!, cutsScore) === guess).length,
    ),
  );
  console.log(
    `  confusion (rows true ele/int/adv, columns predicted): ${confusion.map((r) => r.join(' ')).join(' | ')}`,
  );

  // The shipped constants: the same procedure on every group.
  const model = fitModel(samples);
  console.log(
    `\nFitted on all ${groupsOf(samples)} groups (what LEVEL_MODEL in src/text/level.ts should hold):`,
  );
  console.log(`  intercept: ${fixed(model.intercept)},`);
  console.log(`  weights: { ${FEATURES.map((f) => `${f}: ${fixed(model.weights[f])}`).join(', ')} },`);
  console.log(
    `  correctionRange: { ${Object.entries(model.correctionRange)
      .map(([f, [lo, hi]]) => `${f}: [${fixed(lo, 4)}, ${fixed(hi, 4)}]`)
      .join(', ')} },`,
  );
  console.log(`  elementaryIntermediate: ${fixed(model.elementaryIntermediate)},`);
  console.log(`  intermediateAdvanced: ${fixed(model.intermediateAdvanced)},`);
  const same =
    Math.abs(LEVEL_MODEL.elementaryIntermediate - model.elementaryIntermediate) < 1e-3 &&
    Math.abs(LEVEL_MODEL.intermediateAdvanced - model.intermediateAdvanced) < 1e-3 &&
    FEATURES.every((f) => Math.abs(LEVEL_MODEL.weights[f] - model.weights[f]) < 1e-3) &&
    FEATURES.every(
      (f) =>
        JSON.stringify(LEVEL_MODEL.correctionRange[f]?.map((v) => v.toFixed(4))) ===
        JSON.stringify(model.correctionRange[f]?.map((v) => v.toFixed(4))),
    ) &&
    Math.abs(LEVEL_MODEL.intercept - model.intercept) < 1e-3;
  const shippedOrder = ordering(samples, scoreWith(LEVEL_MODEL));
  console.log(
    `  shipped LEVEL_MODEL ${same ? 'matches' : 'DIFFERS from'} this fit; on all texts (in-sample, not a held-out figure): accuracy ${pct(
      accuracy(
        samples.map(scoreWith(LEVEL_MODEL)),
        samples.map((s) => s.level),
        cutsScore,
      ),
    )}, groups ordered ${shippedOrder.ordered}/${shippedOrder.groups}${shippedOrder.misordered.length ? `, misordered: ${shippedOrder.misordered.join(', ')}` : ''}`,
  );

  console.log('\nShipped model on real news (share per band):');
  const seedPath = join(shared, 'seed', '000_a8fe7018b2185b9d.txt');
  if (existsSync(seedPath)) {
    const lines = readFileSync(seedPath, 'utf8').split('\n');
    const end = lines.findIndex((l) => l.startsWith('相关文章'));
    const paragraphs = lines.slice(1, end < 0 ? undefined : end).filter((l) => l.trim());
    const level = levelOf(paragraphs, dict);
    const f = level.features;
    console.log(
      `  seed (Xinhua, Lavrov/Kerry): score ${level.score?.toFixed(2)} → ${level.band}; FK ${level.readability.fleschKincaidGrade.toFixed(1)}, Coleman–Liau ${level.readability.colemanLiauIndex.toFixed(1)}; hard words used once ${pct(f.onceHardShare)}, sentence length ${f.sentenceLength.toFixed(1)}, variety ${f.lexicalVariety.toFixed(2)}, off the Oxford 3000 ${pct(f.nonCoreShare)}; off-list ${pct(level.profile.offList)}`,
    );
  }
  const news = (label: string, scores: number[]): void =>
    console.log(`  ${label.padEnd(22)} n=${String(scores.length).padEnd(4)} ${bandHistogram(scores)}`);
  const oseScores = (level: number): number[] =>
    samples.filter((s) => s.level === level).map(scoreWith(LEVEL_MODEL));
  news('OSE elementary', oseScores(0));
  news('OSE intermediate', oseScores(1));
  news('OSE advanced', oseScores(2));
  if (wikinews.length) news('Wikinews (GUM)', wikinews);
  const bbcPath = join(shared, 'data', 'news', 'bbc.train.jsonl');
  if (existsSync(bbcPath)) {
    const stories = (await readStories(bbcPath)).filter((_, i) => i % 9 === 0);
    news('BBC (every 9th)', rated(stories.map((s) => levelOf(s.paragraphs, dict).score)));
  }
  const reutersPath = join(shared, 'data', 'news', 'reuters21578.train.jsonl.gz');
  if (existsSync(reutersPath)) {
    const stories = (await readStories(reutersPath)).filter(
      (s) => s.paragraphs.join(' ').split(/\s+/).length >= 150,
    );
    news(
      'Reuters ≥150 words (every 10th)',
      rated(stories.filter((_, i) => i % 10 === 0).map((s) => levelOf(s.paragraphs, dict).score)),
    );
  }
  dict.close();
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
