/**
 * Story levels checked on real text: `npx tsx bench/levels.ts`.
 *
 * OneStopEnglish (shared/data/news/freely-licensed.jsonl, records whose `source` starts with
 * "OneStopEnglish") has each article at three levels, linked by `group`. Groups are split
 * deterministically — FNV-1a hash of the group id, mod 10, < 6 → fitting part, else held out —
 * so the three versions of an article are always on the same side. On the fitting part the bench
 * fits the score's weights (least squares of level 0/1/2 on the four features) and the two
 * boundaries (cut points that classify the fitting part best); on the held-out part it reports
 * three-level accuracy beside Flesch–Kincaid grade alone (its own boundaries fitted on the same
 * fitting part, in the same run) and the share of groups whose versions are ordered
 * elementary < intermediate < advanced by score. It then prints the fitted constants next to the
 * shipped `LEVEL_MODEL`, and where the shipped model puts real news (seed story, BBC, Reuters,
 * Wikinews) on the A1–C2 scale.
 *
 * Needs the dictionary index (`openDictionary()` builds `data/ecdict.sqlite` on first use, ~15 s)
 * and shared data at `$LINGWIRE_SHARED` or `../shared` beside the repository; without the data it
 * says so and exits 0.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { analyzeText, type Dictionary, openDictionary } from '../src/dictionary/index.js';
import {
  bandForScore,
  CEFR_BANDS,
  type CefrBand,
  estimateLevel,
  LEVEL_MODEL,
  type LevelFeatures,
  type LevelModel,
  levelFeatures,
  rawScore,
  SCORE_AT_ELEMENTARY_INTERMEDIATE,
  SCORE_AT_INTERMEDIATE_ADVANCED,
  scoreFromRaw,
} from '../src/text/level.js';
import { readability } from '../src/text/readability.js';

const LEVELS = ['elementary', 'intermediate', 'advanced'] as const;
type OseLevel = (typeof LEVELS)[number];
const FEATURES: readonly (keyof LevelFeatures)[] = [
  'hardTypeShare',
  'sentenceLength',
  'lexicalVariety',
  'suffixShare',
];
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

function fitModel(fit: Sample[]): LevelModel {
  const { intercept, weights } = leastSquares(
    fit.map((s) => FEATURES.map((f) => s.features[f])),
    fit.map((s) => s.level),
  );
  const w = Object.fromEntries(FEATURES.map((f, j) => [f, weights[j]!])) as Record<
    keyof LevelFeatures,
    number
  >;
  const partial: LevelModel = {
    intercept,
    weights: w,
    elementaryIntermediate: 0.5,
    intermediateAdvanced: 1.5,
  };
  const [a, b] = fitBoundaries(
    fit.map((s) => rawScore(s.features, partial)),
    fit.map((s) => s.level),
  );
  return { ...partial, elementaryIntermediate: a, intermediateAdvanced: b };
}

function bandHistogram(scores: number[]): string {
  const counts = new Map<CefrBand, number>(CEFR_BANDS.map((b) => [b, 0]));
  for (const s of scores) counts.set(bandForScore(s), (counts.get(bandForScore(s)) ?? 0) + 1);
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `${CEFR_BANDS.map((b) => `${b} ${pct((counts.get(b) ?? 0) / Math.max(1, scores.length))}`).join('  ')}   median score ${median.toFixed(2)}`;
}

function main(): void {
  const shared = sharedDir();
  const corpus = join(shared, 'data', 'news', 'freely-licensed.jsonl');
  if (!existsSync(corpus)) {
    console.log(`levels: shared data not found at ${corpus} (set LINGWIRE_SHARED); nothing to measure.`);
    return;
  }
  const started = Date.now();
  const dict: Dictionary = openDictionary();
  const samples: Sample[] = [];
  const wikinews: string[] = [];
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { source?: string; group?: string; level?: string; body?: string };
    if (record.source?.startsWith('Wikinews') && record.body) wikinews.push(record.body);
    if (!record.source?.startsWith('OneStopEnglish') || !record.group || !record.body) continue;
    const level = LEVELS.indexOf(record.level as OseLevel);
    if (level < 0) continue;
    const tokens = analyzeText(record.body, dict, { phrases: false }).tokens;
    const r = readability(tokens);
    samples.push({
      group: record.group,
      level,
      features: levelFeatures(tokens),
      fk: r.fleschKincaidGrade,
      words: r.words,
    });
  }
  const fit = samples.filter((s) => isFitGroup(s.group));
  const held = samples.filter((s) => !isFitGroup(s.group));
  const groupsOf = (xs: Sample[]): number => new Set(xs.map((s) => s.group)).size;
  console.log(
    `OneStopEnglish: ${samples.length} texts in ${groupsOf(samples)} groups; fitting part ${groupsOf(fit)} groups (${fit.length} texts), held out ${groupsOf(held)} groups (${held.length} texts)  [FNV-1a(group) mod 10 < ${FIT_BUCKETS}]`,
  );

  const model = fitModel(fit);
  const heldLevels = held.map((s) => s.level);
  const scoreWith = (m: LevelModel) => (s: Sample) => scoreFromRaw(rawScore(s.features, m), m);
  const fitted = held.map(scoreWith(model));
  const cutsScore: [number, number] = [SCORE_AT_ELEMENTARY_INTERMEDIATE, SCORE_AT_INTERMEDIATE_ADVANCED];
  const fkCuts = fitBoundaries(
    fit.map((s) => s.fk),
    fit.map((s) => s.level),
  );
  const fkAcc = accuracy(
    held.map((s) => s.fk),
    heldLevels,
    fkCuts,
  );
  const ours = accuracy(fitted, heldLevels, cutsScore);
  const ordScore = ordering(held, scoreWith(model));
  const ordFk = ordering(held, (s) => s.fk);
  const ordRaw = ordering(held, (s) => rawScore(s.features, model));
  console.log('\nHeld-out three-level accuracy (boundaries fitted on the fitting part):');
  console.log(
    `  Flesch–Kincaid grade alone   ${pct(fkAcc)}   (cuts at grade ${fixed(fkCuts[0], 2)} | ${fixed(fkCuts[1], 2)})`,
  );
  console.log(`  level score (4 features)     ${pct(ours)}`);
  console.log('Held-out groups ordered elementary < intermediate < advanced:');
  console.log(
    `  by level score   ${ordScore.ordered}/${ordScore.groups} = ${pct(ordScore.ordered / ordScore.groups)}${ordScore.misordered.length ? `   misordered: ${ordScore.misordered.join(', ')}` : ''}`,
  );
  console.log(`  by raw (unclamped) ${ordRaw.ordered}/${ordRaw.groups}`);
  console.log(`  by FK grade      ${ordFk.ordered}/${ordFk.groups} = ${pct(ordFk.ordered / ordFk.groups)}`);
  const fitAcc = accuracy(
    fit.map(scoreWith(model)),
    fit.map((s) => s.level),
    cutsScore,
  );
  console.log(`(on the fitting part itself: ${pct(fitAcc)})`);

  // What length would add on this corpus (not used: see level.ts).
  const withLength = leastSquares(
    fit.map((s) => [...FEATURES.map((f) => s.features[f]), Math.log(Math.max(1, s.words))]),
    fit.map((s) => s.level),
  );
  const lenScore = (s: Sample): number =>
    withLength.intercept +
    FEATURES.reduce((acc, f, j) => acc + withLength.weights[j]! * s.features[f], 0) +
    withLength.weights[FEATURES.length]! * Math.log(Math.max(1, s.words));
  const lenCuts = fitBoundaries(
    fit.map(lenScore),
    fit.map((s) => s.level),
  );
  console.log(
    `  for reference, + log(text length) as a 5th feature: ${pct(accuracy(held.map(lenScore), heldLevels, lenCuts))} (not shipped: length is an artefact of this corpus)`,
  );

  // The same procedure on other deterministic splits, for how much one split's figure can move.
  const alternatives: number[] = [];
  let altOrdered = 0;
  let altGroups = 0;
  for (let salt = 1; salt <= 20; salt++) {
    const inFit = (g: string): boolean => fnv1a(`${salt}:${g}`) % 10 < FIT_BUCKETS;
    const m = fitModel(samples.filter((x) => inFit(x.group)));
    const out = samples.filter((x) => !inFit(x.group));
    alternatives.push(
      accuracy(
        out.map(scoreWith(m)),
        out.map((x) => x.level),
        cutsScore,
      ),
    );
    const o = ordering(out, (x) => rawScore(x.features, m));
    altOrdered += o.ordered;
    altGroups += o.groups;
  }
  alternatives.sort((a, b) => a - b);
  const mean = alternatives.reduce((a, b) => a + b, 0) / alternatives.length;
  console.log(
    `  20 other splits (FNV-1a of "salt:group"): held-out accuracy mean ${pct(mean)}, range ${pct(alternatives[0] ?? 0)}–${pct(alternatives.at(-1) ?? 0)}; groups ordered ${altOrdered}/${altGroups}`,
  );

  console.log('\nFreshly fitted constants (compare with LEVEL_MODEL in src/text/level.ts):');
  console.log(`  intercept: ${fixed(model.intercept)},`);
  console.log(`  weights: { ${FEATURES.map((f) => `${f}: ${fixed(model.weights[f])}`).join(', ')} },`);
  console.log(`  elementaryIntermediate: ${fixed(model.elementaryIntermediate)},`);
  console.log(`  intermediateAdvanced: ${fixed(model.intermediateAdvanced)},`);
  const shippedAcc = accuracy(held.map(scoreWith(LEVEL_MODEL)), heldLevels, cutsScore);
  const same =
    FEATURES.every((f) => Math.abs(LEVEL_MODEL.weights[f] - model.weights[f]) < 1e-3) &&
    Math.abs(LEVEL_MODEL.intercept - model.intercept) < 1e-3;
  console.log(
    `  shipped LEVEL_MODEL ${same ? 'matches' : 'DIFFERS from'} this fit; its held-out accuracy: ${pct(shippedAcc)}`,
  );

  console.log('\nShipped model on real news (share per band):');
  const seedPath = join(shared, 'seed', '000_a8fe7018b2185b9d.txt');
  if (existsSync(seedPath)) {
    const lines = readFileSync(seedPath, 'utf8').split('\n');
    const end = lines.findIndex((l) => l.startsWith('相关文章'));
    const body = lines.slice(1, end < 0 ? undefined : end).join('\n');
    const level = estimateLevel(analyzeText(body, dict, { phrases: false }).tokens);
    const f = level.features;
    console.log(
      `  seed (Xinhua, Lavrov/Kerry): score ${level.score.toFixed(2)} → ${level.band}; FK ${level.readability.fleschKincaidGrade.toFixed(1)}, Coleman–Liau ${level.readability.colemanLiauIndex.toFixed(1)}; hard types ${pct(f.hardTypeShare)}, sentence length ${f.sentenceLength.toFixed(1)}, variety ${f.lexicalVariety.toFixed(2)}, suffixes ${pct(f.suffixShare)}; off-list ${pct(level.profile.offList)}`,
    );
  }
  const levelOf = (body: string, lineBreaks: 'every' | 'blank' = 'every'): number =>
    estimateLevel(analyzeText(body, dict, { phrases: false, lineBreaks }).tokens).score;
  const news = (label: string, scores: number[]): void =>
    console.log(`  ${label.padEnd(22)} n=${String(scores.length).padEnd(4)} ${bandHistogram(scores)}`);
  const oseScores = (level: number): number[] =>
    samples.filter((s) => s.level === level).map(scoreWith(LEVEL_MODEL));
  news('OSE elementary', oseScores(0));
  news('OSE intermediate', oseScores(1));
  news('OSE advanced', oseScores(2));
  if (wikinews.length)
    news(
      'Wikinews (GUM)',
      wikinews.map((b) => levelOf(b)),
    );
  const bbcPath = join(shared, 'data', 'news', 'bbc.train.jsonl');
  if (existsSync(bbcPath)) {
    const bodies = readFileSync(bbcPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { body: string }).body);
    news(
      'BBC (every 9th)',
      bodies.filter((_, i) => i % 9 === 0).map((b) => levelOf(b)),
    );
  }
  const reutersPath = join(shared, 'data', 'news', 'reuters21578.train.jsonl.gz');
  if (existsSync(reutersPath)) {
    const bodies = gunzipSync(readFileSync(reutersPath))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { body?: string }).body ?? '')
      .filter((b) => b.split(/\s+/).length >= 150);
    news(
      'Reuters ≥150 words (every 10th)',
      bodies.filter((_, i) => i % 10 === 0).map((b) => levelOf(b, 'blank')),
    );
  }
  dict.close();
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();
