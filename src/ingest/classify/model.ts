/**
 * The section classifier: TF-IDF features (`features.ts`) and a one-vs-rest linear SVM (`svm.ts`),
 * with everything that is chosen chosen on the training stories alone, so a measurement on other
 * stories is honest:
 *
 * - the SVM's cost C (and, when a caller offers several, the term set), by grouped k-fold
 *   cross-validation inside the training set (copies of one article stay in one fold);
 * - a temperature that turns the SVM's margins into probabilities that mean what they say (a
 *   softmax of margin / T), fitted on the same out-of-fold margins (so "confidence 0.9" is right
 *   about nine times in ten, and the 待分类 threshold is a probability an editor can reason about).
 *
 * `bench:sections` wraps this whole procedure in an outer cross-validation (nested CV).
 */
import { createHash } from 'node:crypto';
import { seededRandom } from '../../core/random.js';
import {
  type EncodedDocs,
  type EncodedVocabulary,
  encodeCounts,
  encodedTfidf,
  fitEncodedVocabulary,
} from './encoded.js';
import { groupedFolds } from './evaluate.js';
import {
  type ClassifierText,
  MAX_TERMS,
  type SparseVector,
  type TermSet,
  termCounts,
  tfidf,
  type Vocabulary,
  vocabularyOf,
} from './features.js';
import { type LinearWeights, linearScores, softmaxInPlace } from './linear.js';
import { trainLinearSvm } from './svm.js';

/**
 * Bump when the features or the model change: older stored models are not read, and the filer
 * retrains. 1: softmax regression over words; 2: linear SVM, words or words and pairs; 3: the
 * same SVM, plurals folded and the title and lead paragraph counted three times.
 */
export const SECTION_MODEL_VERSION = 3;

/** A training story: its text, its section (any label) and, optionally, a group key for copies. */
export interface LabelledText extends ClassifierText {
  label: string;
  /** Stories with the same key are kept in one fold; default: a hash of the body. */
  group?: string;
}

export interface SectionModel {
  version: number;
  labels: string[];
  termSet: TermSet;
  vocabulary: Vocabulary;
  linear: LinearWeights;
  temperature: number;
  /** The SVM's cost C the cross-validation chose. */
  c: number;
  /** How many stories it was trained on. */
  trainedOn: number;
}

export interface TrainOptions {
  /** SVM costs tried by inner cross-validation; on a tie the first listed wins. Default 1, 0.3, 3. */
  costs?: readonly number[];
  /**
   * Term sets tried by inner cross-validation; on a tie the first listed wins. Default words and
   * pairs only: over repeated CV inside the BBC development part pairs were better by about 0.2 points,
   * more than a 3-fold inner CV can tell apart, so letting it choose only added noise.
   */
  termSets?: readonly TermSet[];
  /** Inner folds. Default 3. */
  folds?: number;
  /** Minimum document frequency of a term. Default 2. */
  minDf?: number;
  /**
   * Stories the inner cross-validation uses at most (a seeded sample, every label kept): choosing
   * C, the terms and the temperature on 3,000 stories is as good as on 30,000 and keeps a retrain
   * inside a write transaction to seconds. The final model is trained on every story. Default 3,000.
   */
  maxValidate?: number;
}

/** Training stories needed before the confidence is calibrated. */
const MIN_CALIBRATION = 100;
const DEFAULT_COSTS = [1, 0.3, 3];
const DEFAULT_TERM_SETS: readonly TermSet[] = ['words+pairs'];
// SVM margins lie around ±1: temperatures from 0.02 (very sure) to about 5 (hardly sure at all).
const TEMPERATURES = Array.from({ length: 40 }, (_, i) => 0.02 * 1.15 ** i);

/** A story's group key when the caller gave none: copies with the same body share it. */
export function bodyKey(story: ClassifierText): string {
  return createHash('sha1').update(story.paragraphs.join('\n')).digest('hex');
}

interface Prepared {
  docs: readonly ClassifierText[];
  /** Term counts per term set, encoded on first need. */
  encoded: Map<TermSet, EncodedDocs>;
  ys: number[];
  labels: string[];
  groups: string[];
}

function prepare(docs: readonly LabelledText[]): Prepared {
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  return {
    docs,
    encoded: new Map(),
    ys: docs.map((d) => labelIndex.get(d.label) as number),
    labels,
    groups: docs.map((d) => d.group ?? bodyKey(d)),
  };
}

function encodedOf(data: Prepared, terms: TermSet): EncodedDocs {
  let encoded = data.encoded.get(terms);
  if (!encoded) {
    encoded = encodeCounts(data.docs.map((d) => termCounts(d, terms)));
    data.encoded.set(terms, encoded);
  }
  return encoded;
}

/** The SVM trained on stories `rows`, with the vocabulary fitted on them. */
function fitSvm(
  data: Prepared,
  terms: TermSet,
  rows: readonly number[],
  costs: readonly number[],
  options: TrainOptions,
): { vocabulary: EncodedVocabulary; linear: LinearWeights[] } {
  const encoded = encodedOf(data, terms);
  const vocabulary = fitEncodedVocabulary(encoded, rows, options.minDf ?? 2, MAX_TERMS);
  const xs = rows.map((r) => encodedTfidf(encoded, r, vocabulary));
  const ys = rows.map((r) => data.ys[r] as number);
  const linear = costs.map((c) => trainLinearSvm(xs, ys, data.labels.length, vocabulary.terms.length, { c }));
  return { vocabulary, linear };
}

interface Candidate {
  terms: TermSet;
  c: number;
  right: number;
  /** Out-of-fold margins, by position in `rows`. */
  scores: Float64Array[];
}

/**
 * Out-of-fold margins on stories `rows` for each term set × cost: which classifies best, and its
 * margins to calibrate on.
 */
function crossValidate(
  data: Prepared,
  rows: readonly number[],
  termSets: readonly TermSet[],
  costs: readonly number[],
  options: TrainOptions,
): Candidate {
  const k = options.folds ?? 3;
  const fold = groupedFolds(
    rows.map((r) => String(data.ys[r])),
    rows.map((r) => data.groups[r] as string),
    k,
  );
  const candidates: Candidate[] = termSets.flatMap((terms) =>
    costs.map((c) => ({ terms, c, right: 0, scores: new Array<Float64Array>(rows.length) })),
  );
  for (const terms of termSets) {
    const encoded = encodedOf(data, terms);
    const mine = candidates.filter((candidate) => candidate.terms === terms);
    for (let f = 0; f < k; f++) {
      const train = rows.filter((_, j) => fold[j] !== f);
      const test = rows.flatMap((_, j) => (fold[j] === f ? [j] : []));
      const model = fitSvm(data, terms, train, costs, options);
      for (const j of test) {
        const x = encodedTfidf(encoded, rows[j] as number, model.vocabulary);
        mine.forEach((candidate, m) => {
          const scores = linearScores(model.linear[m] as LinearWeights, x);
          candidate.scores[j] = scores;
          if (argmax(scores) === data.ys[rows[j] as number]) candidate.right++;
        });
      }
    }
  }
  let best = candidates[0] as Candidate;
  for (const candidate of candidates) if (candidate.right > best.right) best = candidate;
  return best;
}

/**
 * At most `max` of the stories, a seeded sample (all of them when there are fewer), with term
 * counts of their own: cross-validation encodes only the stories it uses.
 */
function sample(data: Prepared, max: number): Prepared {
  if (data.ys.length <= max) return data;
  const random = seededRandom(5);
  const order = data.ys.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const keep = order.slice(0, max).sort((a, b) => a - b);
  return {
    docs: keep.map((i) => data.docs[i] as ClassifierText),
    encoded: new Map(),
    ys: keep.map((i) => data.ys[i] as number),
    labels: data.labels,
    groups: keep.map((i) => data.groups[i] as string),
  };
}

/** The temperature that minimises the log loss of out-of-fold scores. */
function calibrate(scores: readonly Float64Array[], ys: readonly number[]): number {
  let bestT = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const t of TEMPERATURES) {
    let loss = 0;
    scores.forEach((s, i) => {
      const p = Float64Array.from(s);
      softmaxInPlace(p, t);
      loss -= Math.log(Math.max(p[ys[i] as number] as number, 1e-12));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      bestT = t;
    }
  }
  return bestT;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * Trains a classifier on labelled stories (at least two labels). With fewer than 30 stories or
 * fewer than 3 in some label there is too little to cross-validate: the first term set and cost are
 * used; with fewer than 100, margins are not calibrated (temperature 1: a story on the margin of
 * its section and outside the others' gets about 0.65 among five sections, 0.88 between two).
 */
export function trainSectionModel(docs: readonly LabelledText[], options: TrainOptions = {}): SectionModel {
  const data = prepare(docs);
  if (data.labels.length < 2) throw new Error('section classifier: needs stories in at least two sections');
  const costs = options.costs?.length ? options.costs : DEFAULT_COSTS;
  const termSets = options.termSets?.length ? options.termSets : DEFAULT_TERM_SETS;
  const perLabel = data.labels.map((_, y) => data.ys.filter((v) => v === y).length);
  const canValidate = docs.length >= 30 && Math.min(...perLabel) >= 3;
  let c = costs[0] as number;
  let terms = termSets[0] as TermSet;
  let temperature = 1;
  if (canValidate) {
    const validation = sample(data, options.maxValidate ?? 3000);
    const chosen = crossValidate(
      validation,
      validation.ys.map((_, i) => i),
      termSets,
      costs,
      options,
    );
    c = chosen.c;
    terms = chosen.terms;
    // A temperature fitted on a few dozen out-of-fold margins says more about those stories than
    // about the next one: below MIN_CALIBRATION stories the raw margins stand.
    if (docs.length >= MIN_CALIBRATION) temperature = calibrate(chosen.scores, validation.ys);
  }
  const model = fitSvm(
    data,
    terms,
    docs.map((_, i) => i),
    [c],
    options,
  );
  const vocabulary = vocabularyOf(model.vocabulary.terms, model.vocabulary.idf);
  const linear = model.linear[0] as LinearWeights;
  return {
    version: SECTION_MODEL_VERSION,
    labels: data.labels,
    termSet: terms,
    vocabulary,
    linear,
    temperature,
    c,
    trainedOn: docs.length,
  };
}

/** Every label with its calibrated probability (0–1), in the model's label order. */
function labelProbabilities(model: SectionModel, story: ClassifierText): Float64Array {
  const x: SparseVector = tfidf(termCounts(story, model.termSet), model.vocabulary);
  const p = linearScores(model.linear, x);
  softmaxInPlace(p, model.temperature);
  return p;
}

/** The most likely label of a story and its probability (0–1). */
export function classifyText(
  model: SectionModel,
  story: ClassifierText,
): { label: string; confidence: number } {
  const p = labelProbabilities(model, story);
  const best = argmax(p);
  return { label: model.labels[best] as string, confidence: p[best] as number };
}

/** Every label with its calibrated probability, the most likely first (the desk's 待分类 guesses). */
export function rankLabels(
  model: SectionModel,
  story: ClassifierText,
): Array<{ label: string; confidence: number }> {
  const p = labelProbabilities(model, story);
  return model.labels
    .map((label, i) => ({ label, confidence: p[i] as number }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** Serialised form, for the database. Weights rounded to 6 significant digits. */
export function serializeSectionModel(model: SectionModel): string {
  const round = (v: number) => Number(v.toPrecision(6));
  return JSON.stringify({
    version: model.version,
    labels: model.labels,
    termSet: model.termSet,
    terms: model.vocabulary.terms,
    idf: Array.from(model.vocabulary.idf, round),
    weights: Array.from(model.linear.weights, round),
    bias: Array.from(model.linear.bias, round),
    temperature: model.temperature,
    c: model.c,
    trainedOn: model.trainedOn,
  });
}

/** Reads a serialised model; null when it is of another version (the filer retrains). */
export function parseSectionModel(data: string): SectionModel | null {
  const raw = JSON.parse(data) as {
    version: number;
    labels: string[];
    termSet: TermSet;
    terms: string[];
    idf: number[];
    weights: number[];
    bias: number[];
    temperature: number;
    c: number;
    trainedOn: number;
  };
  if (raw.version !== SECTION_MODEL_VERSION) return null;
  return {
    version: raw.version,
    labels: raw.labels,
    termSet: raw.termSet,
    vocabulary: vocabularyOf(raw.terms, Float32Array.from(raw.idf)),
    linear: {
      classes: raw.labels.length,
      features: raw.terms.length,
      weights: Float32Array.from(raw.weights),
      bias: Float32Array.from(raw.bias),
    },
    temperature: raw.temperature,
    c: raw.c,
    trainedOn: raw.trainedOn,
  };
}
