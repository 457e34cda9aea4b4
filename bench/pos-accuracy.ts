/**
 * Part-of-speech accuracy on the UD English Web Treebank dev split (CC BY-SA 4.0; "Universal
 * Dependencies English Web Treebank"), measured in the run that prints it: lingwire's tagger on
 * data it was not trained on, beside wink-nlp (wink-eng-lite-web-model) on the same sentences.
 *
 * - sealed: trained on four fifths of the documents, tested on the fifth never looked at while
 *   choosing features or epochs (`pos-data.ts#isSealed`);
 * - 5-fold: cross-validation by document over the whole split, the model retrained inside each fold
 *   with the same fixed settings.
 * - through analyze --tokens: the same held-out sentences as `lingwire analyze --json --tokens`
 *   lists their words (lingwire's tokenizer; a contraction or compound as the pieces the tagger
 *   read, `text/pos-pieces.ts`), each gold word scored by the listed word covering its first
 *   character.
 * The shipped model is trained on the whole split (`npm run pos:train`); neither figure uses it.
 *
 * The measure: of the words whose gold tag is NOUN, VERB, AUX, ADJ or ADV, the share whose coarse
 * class is right (AUX counts as VERB); full 17-tag accuracy beside it.
 */
import { createRequire } from 'node:module';
import { analyzeText } from '../src/text/analyze.js';
import type { Lexicon } from '../src/text/lexicon.js';
import { isUpos, type Upos } from '../src/text/pos.js';
import { type WordRow, wordRows } from '../src/text/pos-pieces.js';
import { type PosModel, tagWords, trainPosModel } from '../src/text/pos-tagger.js';
import {
  addScores,
  type ContentScore,
  emptyScore,
  foldOf,
  type GoldSentence,
  isSealed,
  readConllu,
  scoreWord,
  share,
  withHints,
} from './pos-data.js';

interface WinkToken {
  out(what?: unknown): string[];
}
interface Wink {
  readDoc(text: string): { tokens(): WinkToken };
  its: { value: unknown; pos: unknown };
}

/** Trains on `train`; scores `test` on the treebank's own words and through `analyzeText`. */
function lingwireScores(
  train: GoldSentence[],
  test: GoldSentence[],
  lexicon: Lexicon,
): { gold: ContentScore; pipeline: ContentScore } {
  const model = trainPosModel(withHints(train, lexicon));
  const score = emptyScore();
  for (const sentence of withHints(test, lexicon)) {
    const tags = tagWords(sentence.words, model);
    sentence.tags.forEach((gold, i) => {
      scoreWord(score, gold, tags[i] ?? null);
    });
  }
  return { gold: score, pipeline: pipelineScore(model, test, lexicon) };
}

/**
 * As `lingwire analyze --json --tokens` gives it: each treebank sentence through `analyzeText` with
 * the same options and the same word list (`wordRows`: lingwire's tokenizer, a contraction or a
 * hyphenated compound as the pieces the tagger read); a gold word gets the tag of the listed word
 * that covers its first character, and no tag (wrong) when no listed word covers it.
 */
function pipelineScore(model: PosModel, test: GoldSentence[], lexicon: Lexicon): ContentScore {
  const score = emptyScore();
  for (const s of test) {
    const analysis = analyzeText(s.text, lexicon, { phrases: false, lineBreaks: 'every', posModel: model });
    const rows = wordRows(analysis.tokens, lexicon);
    let k = 0;
    s.tags.forEach((gold, i) => {
      const start = s.starts[i] as number;
      while (k < rows.length && (rows[k] as WordRow).end <= start) k++;
      const row = rows[k];
      scoreWord(score, gold, row && row.start <= start ? row.pos : null);
    });
  }
  return score;
}

/** wink-nlp tags its own tokens; a gold word gets the tag of the wink token that starts where it does. */
function winkScore(nlp: Wink, test: GoldSentence[]): ContentScore {
  const score = emptyScore();
  for (const s of test) {
    const tokens = nlp.readDoc(s.text).tokens();
    const values = tokens.out(nlp.its.value);
    const tags = tokens.out(nlp.its.pos);
    const byStart = new Map<number, Upos>();
    let at = 0;
    values.forEach((value, i) => {
      const found = s.text.indexOf(value, at);
      const tag = tags[i] ?? '';
      if (found < 0) return;
      if (isUpos(tag)) byStart.set(found, tag);
      at = found + value.length;
    });
    s.tags.forEach((gold, i) => {
      scoreWord(score, gold, byStart.get(s.starts[i] as number) ?? null);
    });
  }
  return score;
}

const pct = (score: ContentScore) =>
  `${share(score.right, score.total).toFixed(3)} (all 17 tags ${share(score.allRight, score.allTotal).toFixed(3)})`;
/** Through `analyze --tokens` only words are listed, so punctuation has no tag: the content-word share only. */
const pctWords = (score: ContentScore) => `${share(score.right, score.total).toFixed(3)}`;

/** Prints the accuracy table; returns the sealed content-word figures. */
export function printPosAccuracy(path: string, lexicon: Lexicon): { lingwire: number; wink: number } {
  const sentences = readConllu(path);
  const sealed = sentences.filter(isSealed);
  const open = sentences.filter((s) => !isSealed(s));
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown) => Wink;
  const nlp = winkNLP(require('wink-eng-lite-web-model'));

  const t0 = performance.now();
  const { gold: oursSealed, pipeline: oursPipeline } = lingwireScores(open, sealed, lexicon);
  let oursFolds = emptyScore();
  let oursFoldsPipeline = emptyScore();
  const K = 5;
  for (let k = 0; k < K; k++) {
    const train = sentences.filter((s) => foldOf(s, K) !== k);
    const test = sentences.filter((s) => foldOf(s, K) === k);
    const scores = lingwireScores(train, test, lexicon);
    oursFolds = addScores(oursFolds, scores.gold);
    oursFoldsPipeline = addScores(oursFoldsPipeline, scores.pipeline);
  }
  const trainingSeconds = (performance.now() - t0) / 1000;
  const winkSealed = winkScore(nlp, sealed);
  const winkAll = winkScore(nlp, sentences);
  console.log(
    `\npart of speech on UD English Web Treebank dev (CC BY-SA 4.0): ${sentences.length} sentences, ` +
      `sealed fifth ${sealed.length} sentences / ${oursSealed.total} content words`,
  );
  console.log('  share of NOUN/VERB(+AUX)/ADJ/ADV words whose class is right:');
  console.log(`    lingwire, sealed fifth (trained on the other four): ${pct(oursSealed)}`);
  console.log(`    wink-nlp, sealed fifth:                              ${pct(winkSealed)}`);
  console.log(`    lingwire, sealed fifth through analyze --tokens:     ${pctWords(oursPipeline)}`);
  console.log(`    lingwire, 5-fold by document over all of it:        ${pct(oursFolds)}`);
  console.log(`    lingwire, 5-fold, through analyze --tokens:          ${pctWords(oursFoldsPipeline)}`);
  console.log(`    wink-nlp, all of it:                                 ${pct(winkAll)}`);
  console.log(`  (6 trainings in ${trainingSeconds.toFixed(1)} s)`);
  return {
    lingwire: share(oursSealed.right, oursSealed.total),
    wink: share(winkSealed.right, winkSealed.total),
  };
}
