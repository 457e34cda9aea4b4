/**
 * A part-of-speech tagger: a greedy averaged perceptron (Collins 2002; the design of Honnibal's
 * "A good part-of-speech tagger in about 200 lines of Python"), tagging left to right with the two
 * previous tags as features, plus what the dictionary says a word can be (`POS_HINT` bits:
 * ECDICT's `n.`/`v.`/`a.` lines and which inflection the form is). The hints are why a model fitted
 * on 25,000 treebank words generalises: a word never seen in training still has ECDICT's classes.
 *
 * Pure: the model comes in as data (`PosModel`, read from JSON by whoever does I/O) and so does
 * each word's hint. Training is here too (`trainPosModel`), so the shipped model and the
 * cross-validated figures in `bench/analyze.ts` come from the same code.
 */

import { seededRandom } from '../core/random.js';
import { POS_HINT, POS_HINT_NAMES, UPOS_TAGS, type Upos } from './pos.js';

/** One token as the tagger sees it. */
export interface PosWord {
  /** The token as written, without a clitic (`Russia` of `Russia's`, `do` of `don't`). */
  text: string;
  /** `POS_HINT` bits from the lexicon; 0 when it has nothing to say. */
  hint: number;
}

/** A trained model: weights per feature, one per tag of `UPOS_TAGS`. */
export interface PosModel {
  /** Feature → weights indexed like `UPOS_TAGS`. */
  weights: Map<string, Float32Array>;
}

/** Options of `trainPosModel`. */
export interface PosTrainingOptions {
  /** Passes over the training sentences. Default 12; range 1–50. */
  epochs: number;
  /** Seed of the shuffling between passes. Default 1. */
  seed: number;
  /** Drop features whose averaged weights are all below this in size. Default 0.01. */
  prune: number;
}

/** The defaults of every `PosTrainingOptions` field. */
export const DEFAULT_POS_TRAINING: Readonly<PosTrainingOptions> = Object.freeze({
  epochs: 12,
  seed: 1,
  prune: 0.01,
});

/** A training sentence: words with hints, and their gold tags. */
export interface TaggedSentence {
  words: PosWord[];
  tags: Upos[];
}

const N_TAGS = UPOS_TAGS.length;
const TAG_INDEX = new Map<string, number>(UPOS_TAGS.map((t, i) => [t, i]));
const START = '-S-';
const CONTENT_HINTS = ((1 << 11) - 1) | POS_HINT.name;
const FORM_HINTS =
  POS_HINT.past | POS_HINT.pastParticiple | POS_HINT.ing | POS_HINT.third | POS_HINT.plural | POS_HINT.degree;

const shapeCache = new Map<string, string>();

/** The shape of a word: `Xx`, `X`, `x`, `d`, with `-` and `.` kept (`U.S.` → `X.X.`, `cease-fire` → `x-x`). */
function shapeOf(text: string): string {
  let shape = shapeCache.get(text);
  if (shape === undefined) {
    // Bounded: a long import must not grow it without end.
    if (shapeCache.size >= 50_000) shapeCache.clear();
    shape = spellShape(text);
    shapeCache.set(text, shape);
  }
  return shape;
}

function spellShape(text: string): string {
  let out = '';
  let last = '';
  for (const ch of text) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch === '-' || ch === '.' || ch === "'") c = ch;
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = '#';
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function norm(text: string): string {
  const lower = text.toLowerCase().replaceAll('’', "'");
  if (/^\d/.test(lower)) return /^\d{4}$/.test(lower) ? '!YEAR' : '!DIGITS';
  return lower;
}

const hintNameCache = new Map<number, string>();

function hintNames(hint: number, mask: number): string {
  const bits = hint & mask;
  const cached = hintNameCache.get(bits);
  if (cached !== undefined) return cached;
  const names = spellHint(bits);
  hintNameCache.set(bits, names);
  return names;
}

function spellHint(bits: number): string {
  if (bits === 0) return '0';
  let out = '';
  for (let b = 0; b < POS_HINT_NAMES.length; b++) if (bits & (1 << b)) out += `${POS_HINT_NAMES[b]},`;
  return out;
}

/** Features of a word on its own (no neighbours, no tags): the same wherever it stands. */
function ownFeatures(text: string, w: string, hint: number): string[] {
  const h = hintNames(hint, -1);
  const out = [
    'b',
    `w ${w}`,
    `s4 ${w.slice(-4)}`,
    `s3 ${w.slice(-3)}`,
    `s2 ${w.slice(-2)}`,
    `s1 ${w.slice(-1)}`,
    `p1 ${w.slice(0, 1)}`,
    `sh ${shapeOf(text)}`,
    `h ${h}`,
  ];
  for (let b = 0; b < POS_HINT_NAMES.length; b++) if (hint & (1 << b)) out.push(`hb ${POS_HINT_NAMES[b]}`);
  return out;
}

/** Features of word `i` from its neighbours and the two previous tags. */
function contextFeatures(
  words: readonly PosWord[],
  norms: readonly string[],
  i: number,
  p1: string,
  p2: string,
): string[] {
  const word = words[i] as PosWord;
  const w = norms[i] as string;
  const prev = i > 0 ? (norms[i - 1] as string) : START;
  const prev2 = i > 1 ? (norms[i - 2] as string) : START;
  const next = i + 1 < words.length ? (norms[i + 1] as string) : '-E-';
  const next2 = i + 2 < words.length ? (norms[i + 2] as string) : '-E-';
  const nextHint = i + 1 < words.length ? (words[i + 1] as PosWord).hint : 0;
  const prevHint = i > 0 ? (words[i - 1] as PosWord).hint : 0;
  const out = [
    `t1 ${p1}`,
    `t2 ${p2} ${p1}`,
    `t1w ${p1} ${w}`,
    `w-1 ${prev}`,
    `w-1w ${prev} ${w}`,
    `s3-1 ${prev.slice(-3)}`,
    `w-2 ${prev2}`,
    `w+1 ${next}`,
    `ww+1 ${w} ${next}`,
    `s3+1 ${next.slice(-3)}`,
    `w+2 ${next2}`,
    `t1h ${p1} ${hintNames(word.hint, -1)}`,
    `h+1 ${hintNames(nextHint, CONTENT_HINTS | FORM_HINTS)}`,
    `h-1 ${hintNames(prevHint, CONTENT_HINTS | FORM_HINTS)}`,
  ];
  if (i === 0) out.push(`first ${shapeOf(word.text)}`);
  return out;
}

/** Every feature of word `i` given the two previous tags (what training updates). */
function features(words: readonly PosWord[], norms: readonly string[], i: number, p1: string, p2: string) {
  const word = words[i] as PosWord;
  return [
    ...ownFeatures(word.text, norms[i] as string, word.hint),
    ...contextFeatures(words, norms, i, p1, p2),
  ];
}

function addWeights(scores: Float64Array, model: PosModel, feats: readonly string[]): void {
  for (const f of feats) {
    const weights = model.weights.get(f);
    if (weights) for (let t = 0; t < N_TAGS; t++) scores[t] = (scores[t] as number) + (weights[t] as number);
  }
}

/** Per model, the summed weights of each word's own features: news repeats its words, so most hit. */
const ownScoreCaches = new WeakMap<PosModel, Map<string, Float64Array>>();

function ownScores(model: PosModel, word: PosWord, w: string): Float64Array {
  let cache = ownScoreCaches.get(model);
  if (!cache) {
    cache = new Map();
    ownScoreCaches.set(model, cache);
  }
  const key = `${word.text}\u0001${word.hint}`;
  let scores = cache.get(key);
  if (!scores) {
    if (cache.size >= 50_000) cache.clear();
    scores = new Float64Array(N_TAGS);
    addWeights(scores, model, ownFeatures(word.text, w, word.hint));
    cache.set(key, scores);
  }
  return scores;
}

function bestTag(scores: Float64Array): number {
  let best = 0;
  for (let t = 1; t < N_TAGS; t++) if ((scores[t] as number) > (scores[best] as number)) best = t;
  return best;
}

/**
 * Tag one sentence (a sentence is the unit the previous-tag features run over; any run of words
 * works). Returns one UPOS tag per word. Never throws; an empty list gives `[]`.
 *
 * @example tagWords([{text: 'Talks', hint}, {text: 'resumed', hint}], model) → ['NOUN', 'VERB']
 */
export function tagWords(words: readonly PosWord[], model: PosModel): Upos[] {
  const norms = words.map((w) => norm(w.text));
  const out: Upos[] = new Array(words.length);
  const scores = new Float64Array(N_TAGS);
  let p1 = START;
  let p2 = START;
  for (let i = 0; i < words.length; i++) {
    scores.set(ownScores(model, words[i] as PosWord, norms[i] as string));
    addWeights(scores, model, contextFeatures(words, norms, i, p1, p2));
    const tag = UPOS_TAGS[bestTag(scores)] as Upos;
    out[i] = tag;
    p2 = p1;
    p1 = tag;
  }
  return out;
}

/** Train a model on gold-tagged sentences (deterministic for a given seed). */
export function trainPosModel(
  sentences: readonly TaggedSentence[],
  options: Partial<PosTrainingOptions> = {},
): PosModel {
  const opts = { ...DEFAULT_POS_TRAINING, ...options };
  const weights = new Map<string, Float64Array>();
  const totals = new Map<string, Float64Array>();
  const stamps = new Map<string, Float64Array>();
  let clock = 0;
  const scores = new Float64Array(N_TAGS);
  const update = (f: string, tag: number, delta: number) => {
    let w = weights.get(f);
    if (!w) {
      w = new Float64Array(N_TAGS);
      weights.set(f, w);
      totals.set(f, new Float64Array(N_TAGS));
      stamps.set(f, new Float64Array(N_TAGS));
    }
    const total = totals.get(f) as Float64Array;
    const stamp = stamps.get(f) as Float64Array;
    total[tag] = (total[tag] as number) + (clock - (stamp[tag] as number)) * (w[tag] as number);
    stamp[tag] = clock;
    w[tag] = (w[tag] as number) + delta;
  };
  const order = sentences.map((_, i) => i);
  const random = seededRandom(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const index of order) {
      const { words, tags } = sentences[index] as TaggedSentence;
      const norms = words.map((w) => norm(w.text));
      let p1 = START;
      let p2 = START;
      for (let i = 0; i < words.length; i++) {
        clock++;
        const feats = features(words, norms, i, p1, p2);
        scores.fill(0);
        for (const f of feats) {
          const w = weights.get(f);
          if (w) for (let t = 0; t < N_TAGS; t++) scores[t] = (scores[t] as number) + (w[t] as number);
        }
        const guess = bestTag(scores);
        const gold = TAG_INDEX.get(tags[i] as string) ?? N_TAGS - 1;
        if (guess !== gold) {
          for (const f of feats) {
            update(f, gold, 1);
            update(f, guess, -1);
          }
        }
        p2 = p1;
        // Train on the tags the model will see when tagging: its own guesses.
        p1 = UPOS_TAGS[guess] as string;
      }
    }
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
  }
  const averaged = new Map<string, Float32Array>();
  for (const [f, w] of weights) {
    const total = totals.get(f) as Float64Array;
    const stamp = stamps.get(f) as Float64Array;
    const avg = new Float32Array(N_TAGS);
    let keep = false;
    for (let t = 0; t < N_TAGS; t++) {
      const value = ((total[t] as number) + (clock - (stamp[t] as number)) * (w[t] as number)) / clock;
      if (Math.abs(value) >= opts.prune) {
        avg[t] = value;
        keep = true;
      }
    }
    if (keep) averaged.set(f, avg);
  }
  return { weights: averaged };
}

/** Serialised model format: `{ format, tags, weights: { feature: [tagIndex, weight, …] } }`. */
export interface PosModelJson {
  format: 'lingwire-pos-perceptron-1';
  tags: string[];
  weights: Record<string, number[]>;
}

/** The model as JSON-ready data, weights rounded to 3 decimals (about a tenth of the size, same tags). */
export function posModelToJson(model: PosModel): PosModelJson {
  const weights: Record<string, number[]> = {};
  for (const [f, w] of model.weights) {
    const pairs: number[] = [];
    for (let t = 0; t < N_TAGS; t++) {
      const value = Math.round((w[t] as number) * 1000) / 1000;
      if (value !== 0) pairs.push(t, value);
    }
    if (pairs.length > 0) weights[f] = pairs;
  }
  return { format: 'lingwire-pos-perceptron-1', tags: [...UPOS_TAGS], weights };
}

/** A model from `posModelToJson` data; throws an `Error` naming what is wrong for anything else. */
export function posModelFromJson(json: PosModelJson): PosModel {
  if (json?.format !== 'lingwire-pos-perceptron-1' || json.tags?.join(' ') !== UPOS_TAGS.join(' ')) {
    throw new Error('pos model: not a lingwire-pos-perceptron-1 model over the 17 UPOS tags');
  }
  const weights = new Map<string, Float32Array>();
  for (const [f, pairs] of Object.entries(json.weights)) {
    const w = new Float32Array(N_TAGS);
    for (let k = 0; k + 1 < pairs.length; k += 2) w[pairs[k] as number] = pairs[k + 1] as number;
    weights.set(f, w);
  }
  return { weights };
}
