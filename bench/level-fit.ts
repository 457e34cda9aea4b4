/**
 * Fitting the level model (`src/text/level.ts`) and measuring it honestly: the ordinal–pairwise fit,
 * the best-accuracy boundaries, feature and penalty selection by cross-validation, and nested
 * cross-validation by OneStopEnglish group, where every choice is made inside the outer training
 * folds and the outer test folds only score. `bench/levels.ts` reads the corpus and prints.
 */

import { seededRandom } from '../src/core/random.js';
import type { LevelFeatures, LevelModel } from '../src/text/level.js';
import { rawScore } from '../src/text/level.js';

/** One OneStopEnglish text: its article (`group`), its level and its features. */
export interface Sample {
  group: string;
  /** 0 elementary, 1 intermediate, 2 advanced. */
  level: number;
  features: LevelFeatures;
  /** Flesch–Kincaid grade. */
  fk: number;
  /** Words (readability count), for the length reference only. */
  words: number;
}

export type FeatureName = keyof LevelFeatures;

/** Corrections (negative weights) are clamped to this quantile … 1 − it of the fitted texts. */
const CORRECTION_QUANTILE = 0.025;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const log1pExp = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** Solve `A x = b` (small, dense) by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
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

/** Column means and standard deviations (sd 1 for a constant column). */
export function standardiser(xs: number[][]): { mean: number[]; sd: number[] } {
  const p = xs[0]?.length ?? 0;
  const mean = Array.from({ length: p }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / xs.length);
  const sd = Array.from(
    { length: p },
    (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / xs.length) || 1,
  );
  return { mean, sd };
}

/**
 * Ordinal–pairwise fit on standardised features `z`: weights `w` (and two thresholds a < b)
 * minimising
 *   mean over texts of the cumulative-logit loss −log P(level | w·z, a, b)
 * + mean over same-group pairs (lower level i, higher j) of log(1 + exp(−w·(z_j − z_i)))
 * + l2 · |w|².
 * The pairs say "the harder version of one article scores higher", the strongest signal the
 * corpus has; the ordinal term keeps the scale comparable across articles. The loss is convex in
 * (w, a, b): Newton's method with a backtracking line search, which keeps a < b.
 */
export function fitOrdinalPairwise(z: number[][], levels: number[], groups: string[], l2: number): number[] {
  const p = z[0]?.length ?? 0;
  const q = p + 2;
  const n = z.length;
  const pairs: [number, number][] = [];
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
  });
  for (const members of byGroup.values()) {
    for (const i of members) for (const j of members) if (levels[i]! < levels[j]!) pairs.push([i, j]);
  }
  const diffs = pairs.map(([i, j]) => z[j]!.map((v, k) => v - z[i]![k]!));
  const dot = (w: number[], x: number[]): number => {
    let s = 0;
    for (let k = 0; k < p; k++) s += w[k]! * x[k]!;
    return s;
  };
  const loss = (t: number[]): number => {
    const a = t[p]!;
    const b = t[p + 1]!;
    if (!(b > a)) return Infinity;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const s = dot(t, z[i]!);
      if (levels[i] === 0) total += log1pExp(-(a - s));
      else if (levels[i] === 2) total += log1pExp(b - s);
      else total -= Math.log(Math.max(sigmoid(b - s) - sigmoid(a - s), 1e-300));
    }
    total /= n;
    let pairLoss = 0;
    for (const d of diffs) pairLoss += log1pExp(-dot(t, d));
    if (pairs.length) total += pairLoss / pairs.length;
    for (let k = 0; k < p; k++) total += l2 * t[k]! ** 2;
    return total;
  };
  const gradHess = (t: number[]): { g: number[]; h: number[][] } => {
    const a = t[p]!;
    const b = t[p + 1]!;
    const g = new Array<number>(q).fill(0);
    const h = Array.from({ length: q }, () => new Array<number>(q).fill(0));
    // Per text: derivatives in (g0 = a − s, g1 = b − s); dg0/dθ = (−z, 1, 0), dg1/dθ = (−z, 0, 1).
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      const s = dot(t, x);
      const g0 = a - s;
      const g1 = b - s;
      let d0 = 0;
      let d1 = 0;
      let h00 = 0;
      let h11 = 0;
      let h01 = 0;
      if (levels[i] === 0) {
        const f = sigmoid(g0);
        d0 = -(1 - f);
        h00 = f * (1 - f);
      } else if (levels[i] === 2) {
        const f = sigmoid(g1);
        d1 = f;
        h11 = f * (1 - f);
      } else {
        const F0 = sigmoid(g0);
        const F1 = sigmoid(g1);
        const P = Math.max(F1 - F0, 1e-300);
        const f0 = F0 * (1 - F0);
        const f1 = F1 * (1 - F1);
        d0 = f0 / P;
        d1 = -f1 / P;
        h00 = (f0 * (1 - 2 * F0)) / P + (f0 * f0) / (P * P);
        h11 = -(f1 * (1 - 2 * F1)) / P + (f1 * f1) / (P * P);
        h01 = -(f0 * f1) / (P * P);
      }
      const vec0 = (k: number): number => (k < p ? -x[k]! : k === p ? 1 : 0);
      const vec1 = (k: number): number => (k < p ? -x[k]! : k === p + 1 ? 1 : 0);
      for (let k = 0; k < q; k++) {
        const v0k = vec0(k);
        const v1k = vec1(k);
        g[k]! += (d0 * v0k + d1 * v1k) / n;
        for (let l = 0; l <= k; l++) {
          const v0l = vec0(l);
          const v1l = vec1(l);
          h[k]![l]! += (h00 * v0k * v0l + h11 * v1k * v1l + h01 * (v0k * v1l + v1k * v0l)) / n;
        }
      }
    }
    for (const d of diffs) {
      const m = dot(t, d);
      const f = sigmoid(m);
      const dm = -(1 - f) / pairs.length;
      const hm = (f * (1 - f)) / pairs.length;
      for (let k = 0; k < p; k++) {
        g[k]! += dm * d[k]!;
        for (let l = 0; l <= k; l++) h[k]![l]! += hm * d[k]! * d[l]!;
      }
    }
    for (let k = 0; k < p; k++) {
      g[k]! += 2 * l2 * t[k]!;
      h[k]![k]! += 2 * l2;
    }
    for (let k = 0; k < q; k++) for (let l = k + 1; l < q; l++) h[k]![l] = h[l]![k]!;
    return { g, h };
  };
  let t = [...new Array<number>(p).fill(0), -0.5, 0.5];
  let current = loss(t);
  for (let iter = 0; iter < 100; iter++) {
    const { g, h } = gradHess(t);
    for (let k = 0; k < q; k++) h[k]![k]! += 1e-9;
    const step = solve(
      h,
      g.map((v) => -v),
    );
    let scale = 1;
    let next = t;
    let value = Infinity;
    for (let halving = 0; halving < 40; halving++) {
      next = t.map((v, k) => v + scale * step[k]!);
      value = loss(next);
      if (value <= current) break;
      scale /= 2;
    }
    if (!(value <= current)) break;
    const moved = Math.max(...step.map((v) => Math.abs(v * scale)));
    t = next;
    const improvement = current - value;
    current = value;
    if (moved < 1e-9 || improvement < 1e-13) break;
  }
  return t;
}

/** Held-out cumulative-logit loss (mean −log P(level)) of texts `z` under `t = (w, a, b)` from `fitOrdinalPairwise`. */
export function ordinalLoss(t: number[], z: number[][], levels: number[]): number {
  const p = t.length - 2;
  const a = t[p]!;
  const b = t[p + 1]!;
  let total = 0;
  z.forEach((x, i) => {
    let s = 0;
    for (let k = 0; k < p; k++) s += t[k]! * x[k]!;
    const P =
      levels[i] === 0
        ? sigmoid(a - s)
        : levels[i] === 2
          ? 1 - sigmoid(b - s)
          : sigmoid(b - s) - sigmoid(a - s);
    total -= Math.log(Math.max(P, 1e-12));
  });
  return z.length === 0 ? 0 : total / z.length;
}

/**
 * The two cut points on `score` that classify `(score, level)` pairs best (ties: the first
 * found), each halfway between neighbouring scores.
 */
export function fitBoundaries(scores: number[], levels: number[]): [number, number] {
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

export function classify(score: number, [a, b]: [number, number]): number {
  return score < a ? 0 : score < b ? 1 : 2;
}

/** Share of `scores` that `cuts` put at their `levels`. */
export function accuracy(scores: number[], levels: number[], cuts: [number, number]): number {
  let ok = 0;
  scores.forEach((s, i) => {
    if (classify(s, cuts) === levels[i]) ok += 1;
  });
  return scores.length === 0 ? 0 : ok / scores.length;
}

/** Groups (with all three versions) ordered strictly elementary < intermediate < advanced. */
export function ordering(
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

/** Fit weights on `features` (ordinal–pairwise, penalty `l2`), the correction ranges, then the best-accuracy boundaries. */
export function fitModel(fit: Sample[], features: readonly FeatureName[], l2: number): LevelModel {
  const xs = fit.map((s) => features.map((f) => s.features[f]));
  const levels = fit.map((s) => s.level);
  const { mean, sd } = standardiser(xs);
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
  const beta = fitOrdinalPairwise(
    z,
    levels,
    fit.map((s) => s.group),
    l2,
  ).slice(0, features.length);
  const weights = beta.map((b, j) => b / sd[j]!);
  const intercept = -weights.reduce((acc, w, j) => acc + w * mean[j]!, 0);
  const w: Partial<Record<FeatureName, number>> = {};
  features.forEach((f, j) => {
    w[f] = weights[j]!;
  });
  const correctionRange: Partial<Record<FeatureName, [number, number]>> = {};
  for (const f of features) {
    if ((w[f] ?? 0) >= 0) continue;
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

/** `k` folds of the groups of `samples` (seeded shuffle, then dealt out): fold index per group. */
export function groupFolds(samples: Sample[], k: number, seed: number): Map<string, number> {
  const groups = [...new Set(samples.map((s) => s.group))].sort();
  const random = seededRandom(seed);
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  return new Map(groups.map((g, i) => [g, i % k]));
}

/** A way of choosing and fitting a model on some texts; `fit` makes every choice on `train` alone. */
export interface Procedure {
  label: string;
  fit: (train: Sample[]) => { score: (s: Sample) => number; cuts: [number, number]; chosen?: string };
}

/** A fixed feature set and penalty (nothing chosen on the data but weights and cuts). */
export function fixedProcedure(label: string, features: readonly FeatureName[], l2: number): Procedure {
  return {
    label,
    fit: (train) => {
      const model = fitModel(train, features, l2);
      return {
        score: (s) => rawScore(s.features, model),
        cuts: [model.elementaryIntermediate, model.intermediateAdvanced],
      };
    },
  };
}

/** What inner cross-validation maximises: accuracy, or minus the held-out ordinal loss (smoother). */
export type Criterion = 'accuracy' | 'loss';

/** Cross-validated criterion (higher is better) of fitting `features` with `l2` on `samples` (inner folds by group). */
function innerScore(
  samples: Sample[],
  folds: Map<string, number>,
  k: number,
  features: readonly FeatureName[],
  l2: number,
  criterion: Criterion = 'accuracy',
): number {
  let total = 0;
  for (let f = 0; f < k; f++) {
    const train = samples.filter((s) => folds.get(s.group) !== f);
    const test = samples.filter((s) => folds.get(s.group) === f);
    if (criterion === 'loss') {
      const xs = train.map((s) => features.map((name) => s.features[name]));
      const { mean, sd } = standardiser(xs);
      const zOf = (s: Sample) => features.map((name, j) => (s.features[name] - mean[j]!) / sd[j]!);
      const t = fitOrdinalPairwise(
        train.map(zOf),
        train.map((s) => s.level),
        train.map((s) => s.group),
        l2,
      );
      total -=
        ordinalLoss(
          t,
          test.map(zOf),
          test.map((s) => s.level),
        ) * test.length;
      continue;
    }
    const model = fitModel(train, features, l2);
    const cuts: [number, number] = [model.elementaryIntermediate, model.intermediateAdvanced];
    for (const s of test) if (classify(rawScore(s.features, model), cuts) === s.level) total += 1;
  }
  return total / samples.length;
}

export interface SelectionOptions {
  /** Features the search may use. */
  candidates: readonly FeatureName[];
  /** Penalties to choose from (after the features are chosen). */
  penalties: readonly number[];
  /** Penalty while choosing features. */
  selectionPenalty: number;
  /** Inner folds (by group). */
  innerFolds: number;
  /** Smallest gain in inner-CV accuracy that adds a feature. */
  minGain: number;
  /** Seed of the inner folds. */
  seed: number;
  /** What the inner folds maximise. */
  criterion: Criterion;
}

/**
 * Forward selection by inner cross-validation: start with no feature, add the candidate that
 * raises inner-CV accuracy most, while it raises it by at least `minGain`; then the penalty with
 * the best inner-CV accuracy; then fit on all of `train`. Everything is chosen on `train` alone.
 */
export function chooseModel(
  train: Sample[],
  options: SelectionOptions,
): { features: FeatureName[]; l2: number } {
  const folds = groupFolds(train, options.innerFolds, options.seed);
  const chosen: FeatureName[] = [];
  let best = -Infinity;
  for (;;) {
    let bestFeature: FeatureName | null = null;
    let bestScore = best;
    for (const f of options.candidates) {
      if (chosen.includes(f)) continue;
      const score = innerScore(
        train,
        folds,
        options.innerFolds,
        [...chosen, f],
        options.selectionPenalty,
        options.criterion,
      );
      if (score > bestScore) {
        bestScore = score;
        bestFeature = f;
      }
    }
    if (bestFeature === null || bestScore < best + options.minGain) break;
    chosen.push(bestFeature);
    best = bestScore;
  }
  let l2 = options.selectionPenalty;
  let bestL2 = -Infinity;
  for (const candidate of options.penalties) {
    const score = innerScore(train, folds, options.innerFolds, chosen, candidate, options.criterion);
    if (score > bestL2) {
      bestL2 = score;
      l2 = candidate;
    }
  }
  return { features: chosen, l2 };
}

/** The selection procedure as a `Procedure`: choose on the training texts, fit there. */
export function selectingProcedure(label: string, options: SelectionOptions): Procedure {
  return {
    label,
    fit: (train) => {
      const { features, l2 } = chooseModel(train, options);
      const model = fitModel(train, features, l2);
      return {
        score: (s) => rawScore(s.features, model),
        cuts: [model.elementaryIntermediate, model.intermediateAdvanced],
        chosen: `${features.length} features, l2 ${l2}`,
      };
    },
  };
}

/** Penalty chosen by inner CV for a fixed feature set. */
export function penaltyProcedure(
  label: string,
  features: readonly FeatureName[],
  options: Pick<SelectionOptions, 'penalties' | 'innerFolds' | 'seed' | 'criterion'>,
): Procedure {
  return {
    label,
    fit: (train) => {
      const folds = groupFolds(train, options.innerFolds, options.seed);
      let l2 = options.penalties[0]!;
      let best = -Infinity;
      for (const candidate of options.penalties) {
        const score = innerScore(train, folds, options.innerFolds, features, candidate, options.criterion);
        if (score > best) {
          best = score;
          l2 = candidate;
        }
      }
      const model = fitModel(train, features, l2);
      return {
        score: (s) => rawScore(s.features, model),
        cuts: [model.elementaryIntermediate, model.intermediateAdvanced],
        chosen: `l2 ${l2}`,
      };
    },
  };
}

export interface NestedResult {
  /** Outer-fold accuracy, all test texts pooled, per repeat. */
  accuracies: number[];
  /** Share of test groups ordered elementary < intermediate < advanced, per repeat. */
  ordered: number[];
  /** What each outer fold chose (for the printout). */
  chosen: string[];
}

/**
 * Outer cross-validation by group, `repeats` times with different fold assignments: the procedure
 * is fitted (and makes all its choices) on the outer training folds, the outer test fold only
 * scores. Each text is scored exactly once per repeat.
 */
export function nestedCrossValidation(
  samples: Sample[],
  procedure: Procedure,
  folds: number,
  repeats: number,
  seed: number,
): NestedResult {
  const result: NestedResult = { accuracies: [], ordered: [], chosen: [] };
  for (let r = 0; r < repeats; r++) {
    const assignment = groupFolds(samples, folds, seed + r);
    let right = 0;
    let ordered = 0;
    let groups = 0;
    for (let f = 0; f < folds; f++) {
      const train = samples.filter((s) => assignment.get(s.group) !== f);
      const test = samples.filter((s) => assignment.get(s.group) === f);
      const fitted = procedure.fit(train);
      for (const s of test) if (classify(fitted.score(s), fitted.cuts) === s.level) right += 1;
      const o = ordering(test, fitted.score);
      ordered += o.ordered;
      groups += o.groups;
      if (fitted.chosen) result.chosen.push(fitted.chosen);
    }
    result.accuracies.push(right / samples.length);
    result.ordered.push(groups === 0 ? 0 : ordered / groups);
  }
  return result;
}

/** The twelve features of level model 2, chosen (before this bench) by looking at all 126 groups. */
export const MODEL_2_FEATURES: readonly FeatureName[] = [
  'sentenceLength',
  'lexicalVariety',
  'suffixShare',
  'nameShare',
  'onceHardShare',
  'repeatedHardShare',
  'medianLogRank',
  'nonCoreShare',
  'phraseDensity',
  'prepositionShare',
  'wordsPerChunk',
  'bracketShare',
];
