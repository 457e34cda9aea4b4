/**
 * Trains the shipped part-of-speech model on the whole UD English Web Treebank dev split (with
 * ECDICT hints from lingwire's index) and writes `models/pos-ewt.json.gz`.
 *
 *   npm run pos:train
 *
 * The model's weights derive from the treebank: CC BY-SA 4.0, credit "Universal Dependencies
 * English Web Treebank" (see README). Its accuracy is measured by `bench/analyze.ts` on data it was
 * not trained on (the sealed split and cross-validation), never on its own training data.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { openDictionary } from '../src/dictionary/index.js';
import { posModelPath } from '../src/dictionary/pos-model.js';
import { posModelToJson, trainPosModel } from '../src/text/pos-tagger.js';
import { EWT_DEV, readConllu, withHints } from './pos-data.js';

const dictionary = openDictionary();
const sentences = readConllu(EWT_DEV);
const started = performance.now();
const model = trainPosModel(withHints(sentences, dictionary));
const json = JSON.stringify(posModelToJson(model));
writeFileSync(posModelPath(), gzipSync(`${json}\n`, { level: 9 }));
console.log(
  `trained on ${sentences.length} sentences in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${model.weights.size} features, ${(json.length / 1e6).toFixed(2)} MB → ${posModelPath()}`,
);
dictionary.close();
