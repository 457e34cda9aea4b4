/**
 * The section classifier: TF-IDF features (`features.ts`) and a softmax regression
 * (`softmax.ts`), with everything that is chosen chosen on the training stories alone, so a
 * measurement on other stories is honest:
 *
 * - the regularisation strength, by grouped k-fold cross-validation inside the training set
 *   (copies of one article stay in one fold);
 * - a temperature that turns scores into probabilities that mean what they say, fitted on the
 *   same out-of-fold scores (so "confidence 0.9" is right about nine times in ten, and the 待分类
 *   threshold is a probability an editor can reason about).
 *
 * `bench:sections` wraps this whole procedure in an outer cross-validation (nested CV).
 */
import { createHash } from 'node:crypto';
import { seededRandom } from '../../core/random.js';
import { groupedFolds } from './evaluate.js';
import {
  type ClassifierText,
  fitVocabulary,
  type SparseVector,
  termCounts,
  tfidf,
  type Vocabulary,
  vocabularyOf,
} from './features.js';
import { type SoftmaxWeights, softmaxInPlace, softmaxScores, trainSoftmax } from './softmax.js';

/** Bump when the features or the model change: older stored models are retrained. */
export const SECTION_MODEL_VERSION = 1;

/** A training story: its text, its section (any label) and, optionally, a group key for copies. */
export interface LabelledText extends ClassifierText {
  label: string;
  /** Stories with the same key are kept in one fold; default: a hash of the body. */
  group?: string;
}

export interface SectionModel {
  version: number;
  labels: string[];
  vocabulary: Vocabulary;
  softmax: SoftmaxWeights;
  temperature: number;
  lambda: number;
  /** How many stories it was trained on. */
  trainedOn: number;
}

export interface TrainOptions {
  /** Regularisation strengths tried by inner cross-validation. Default 1e-3 … 1e-5. */
  lambdas?: readonly number[];
  /** Inner folds. Default 3. */
  folds?: number;
  /** Passes of SGD. Default 15. */
  epochs?: number;
  /** Minimum document frequency of a term. Default 2. */
  minDf?: number;
  /**
   * Stories the inner cross-validation uses at most (a seeded sample, every label kept): choosing
   * λ and the temperature on 3,000 stories is as good as on 30,000 and keeps a retrain inside a
   * write transaction to seconds. The final model is trained on every story. Default 3,000.
   */
  maxValidate?: number;
}

/** Training stories needed before the confidence is calibrated. */
const MIN_CALIBRATION = 100;
const DEFAULT_LAMBDAS = [1e-3, 3e-4, 1e-4, 3e-5, 1e-5];
// No sharper than 4× the raw scores: on a few dozen separable stories the out-of-fold log loss keeps
// falling as scores sharpen, and the model would claim a certainty it has not earned.
const TEMPERATURES = Array.from({ length: 30 }, (_, i) => 0.25 * 1.15 ** i);

/** A story's group key when the caller gave none: copies with the same body share it. */
export function bodyKey(story: ClassifierText): string {
  return createHash('sha1').update(story.paragraphs.join('\n')).digest('hex');
}

interface Prepared {
  counts: Map<string, number>[];
  ys: number[];
  labels: string[];
  groups: string[];
}

function prepare(docs: readonly LabelledText[]): Prepared {
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  return {
    counts: docs.map(termCounts),
    ys: docs.map((d) => labelIndex.get(d.label) as number),
    labels,
    groups: docs.map((d) => d.group ?? bodyKey(d)),
  };
}

function fitModel(
  counts: readonly Map<string, number>[],
  ys: readonly number[],
  classes: number,
  lambda: number,
  options: TrainOptions,
): { vocabulary: Vocabulary; softmax: SoftmaxWeights } {
  const vocabulary = fitVocabulary(counts, options.minDf ?? 2);
  const xs = counts.map((c) => tfidf(c, vocabulary));
  const softmax = trainSoftmax(xs, ys, classes, vocabulary.terms.length, {
    lambda,
    epochs: options.epochs,
  });
  return { vocabulary, softmax };
}

/** Out-of-fold scores for each λ: which λ classifies best, and the scores to calibrate on. */
function crossValidate(data: Prepared, lambdas: readonly number[], options: TrainOptions) {
  const k = options.folds ?? 3;
  const fold = groupedFolds(
    data.ys.map((y) => String(y)),
    data.groups,
    k,
  );
  const results = lambdas.map(() => ({ right: 0, scores: new Array<Float64Array>(data.ys.length) }));
  for (let f = 0; f < k; f++) {
    const train = data.ys.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const test = data.ys.flatMap((_, i) => (fold[i] === f ? [i] : []));
    lambdas.forEach((lambda, l) => {
      const result = results[l] as (typeof results)[number];
      const model = fitModel(
        train.map((i) => data.counts[i] as Map<string, number>),
        train.map((i) => data.ys[i] as number),
        data.labels.length,
        lambda,
        options,
      );
      for (const i of test) {
        const scores = softmaxScores(
          model.softmax,
          tfidf(data.counts[i] as Map<string, number>, model.vocabulary),
        );
        result.scores[i] = scores;
        if (argmax(scores) === data.ys[i]) result.right++;
      }
    });
  }
  let best = 0;
  results.forEach((r, l) => {
    if (r.right > (results[best] as (typeof results)[number]).right) best = l;
  });
  return {
    lambda: lambdas[best] as number,
    scores: (results[best] as (typeof results)[number]).scores,
    ys: data.ys,
  };
}

/** At most `max` of the prepared stories, a seeded sample (all of them when there are fewer). */
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
    counts: keep.map((i) => data.counts[i] as Map<string, number>),
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
 * fewer than 3 in some label there is too little to cross-validate: the middle λ is used; with
 * fewer than 100, scores are not calibrated.
 */
export function trainSectionModel(docs: readonly LabelledText[], options: TrainOptions = {}): SectionModel {
  const data = prepare(docs);
  if (data.labels.length < 2) throw new Error('section classifier: needs stories in at least two sections');
  const lambdas = options.lambdas ?? DEFAULT_LAMBDAS;
  const perLabel = data.labels.map((_, y) => data.ys.filter((v) => v === y).length);
  const canValidate = docs.length >= 30 && Math.min(...perLabel) >= 3 && lambdas.length > 0;
  let lambda = lambdas[Math.floor(lambdas.length / 2)] ?? 1e-4;
  let temperature = 1;
  if (canValidate) {
    const chosen = crossValidate(sample(data, options.maxValidate ?? 3000), lambdas, options);
    lambda = chosen.lambda;
    // A temperature fitted on a few dozen out-of-fold scores says more about those stories than
    // about the next one: below MIN_CALIBRATION stories the raw probabilities stand.
    if (docs.length >= MIN_CALIBRATION) temperature = calibrate(chosen.scores, chosen.ys);
  }
  const model = fitModel(data.counts, data.ys, data.labels.length, lambda, options);
  return {
    version: SECTION_MODEL_VERSION,
    labels: data.labels,
    ...model,
    temperature,
    lambda,
    trainedOn: docs.length,
  };
}

/** The most likely label of a story and its probability (0–1). */
export function classifyText(
  model: SectionModel,
  story: ClassifierText,
): { label: string; confidence: number } {
  const x: SparseVector = tfidf(termCounts(story), model.vocabulary);
  const p = softmaxScores(model.softmax, x);
  softmaxInPlace(p, model.temperature);
  const best = argmax(p);
  return { label: model.labels[best] as string, confidence: p[best] as number };
}

/** Every label with its calibrated probability, the most likely first (the desk's 待分类 guesses). */
export function rankLabels(
  model: SectionModel,
  story: ClassifierText,
): Array<{ label: string; confidence: number }> {
  const x: SparseVector = tfidf(termCounts(story), model.vocabulary);
  const p = softmaxScores(model.softmax, x);
  softmaxInPlace(p, model.temperature);
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
    terms: model.vocabulary.terms,
    idf: Array.from(model.vocabulary.idf, round),
    weights: Array.from(model.softmax.weights, round),
    bias: Array.from(model.softmax.bias, round),
    temperature: model.temperature,
    lambda: model.lambda,
    trainedOn: model.trainedOn,
  });
}

/** Reads a serialised model; null when it is of another version (retrain it). */
export function parseSectionModel(data: string): SectionModel | null {
  const raw = JSON.parse(data) as {
    version: number;
    labels: string[];
    terms: string[];
    idf: number[];
    weights: number[];
    bias: number[];
    temperature: number;
    lambda: number;
    trainedOn: number;
  };
  if (raw.version !== SECTION_MODEL_VERSION) return null;
  return {
    version: raw.version,
    labels: raw.labels,
    vocabulary: vocabularyOf(raw.terms, Float32Array.from(raw.idf)),
    softmax: {
      classes: raw.labels.length,
      features: raw.terms.length,
      weights: Float32Array.from(raw.weights),
      bias: Float32Array.from(raw.bias),
    },
    temperature: raw.temperature,
    lambda: raw.lambda,
    trainedOn: raw.trainedOn,
  };
}
