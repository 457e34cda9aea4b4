/**
 * Text analysis throughput: lingwire's `analyzeText` (tokenize, split sentences, find lemma, band
 * and proper nouns for every word, find phrases) against wink-nlp with wink-eng-lite-web-model
 * (tokenize + sentences + lemmatize) on the same BBC stories in the same run, plus how each handles
 * a few news-specific cases.
 *
 *   npx tsx bench/analyze.ts [articles=400]
 *
 * Throughput is running words per second, counted with lingwire's tokenizer for both sides so the
 * ratio compares equal work. The part-of-speech tagger's cost is shown as the analysis with and
 * without it, and its accuracy on the UD English Web Treebank beside wink-nlp's (`pos-accuracy.ts`).
 * Everything printed is measured in this run.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDictionary, openDictionary } from '../src/dictionary/index.js';
import { loadPosModel } from '../src/dictionary/pos-model.js';
import { analyzeText, tagAnalysis } from '../src/text/analyze.js';
import { tokenize } from '../src/text/tokenize.js';
import { printPosAccuracy } from './pos-accuracy.js';
import { EWT_DEV } from './pos-data.js';

const CORPUS = resolve(fileURLToPath(import.meta.url), '../../../shared/data/news/bbc.train.jsonl');
const ROUNDS = 3;

interface WinkDoc {
  tokens(): { out(what?: unknown): string[] };
  sentences(): { out(): string[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { lemma: unknown; pos: unknown };
}

const CASES = [
  'MOSCOW, Feb. 21 (Xinhua) -- U.S. Secretary of State John Kerry arrived.',
  "Officials don't expect the cease-fire in Russia's south to hold.",
  "Talks ended on Feb. 21. The two countries' ministers met Mr. Smith in St. Louis.",
  '"It is nearing completion," the statement said.',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function main(): void {
  if (!existsSync(CORPUS)) {
    console.log(`analyze bench: skipped, corpus not found at ${CORPUS}`);
    return;
  }
  const limit = Number(process.argv[2] ?? 400);
  const texts = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, limit)
    .map((line) => (JSON.parse(line) as { body: string }).body);
  const words = texts.reduce((n, t) => n + tokenize(t).filter((x) => x.kind === 'word').length, 0);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  console.log(`corpus: ${texts.length} BBC stories, ${words} words, ${(chars / 1024).toFixed(0)} KiB`);

  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown) => Wink;
  const t0 = performance.now();
  const nlp = winkNLP(require('wink-eng-lite-web-model'));
  console.log(`wink-nlp model load: ${(performance.now() - t0).toFixed(0)} ms`);

  const path = ensureDictionary();
  const t1 = performance.now();
  const dict = openDictionary(path);
  console.log(`lingwire dictionary open: ${(performance.now() - t1).toFixed(1)} ms`);

  const t2 = performance.now();
  const posModel = loadPosModel();
  console.log(
    `lingwire POS model load: ${(performance.now() - t2).toFixed(0)} ms (${posModel.weights.size} features)`,
  );

  const lingwire =
    (phrases: boolean, tagged = false) =>
    (): number => {
      let n = 0;
      for (const text of texts)
        n += analyzeText(text, dict, { phrases, posModel: tagged ? posModel : null }).tokens.length;
      return n;
    };
  const wink = (): number => {
    let n = 0;
    for (const text of texts) {
      const doc = nlp.readDoc(text);
      n += doc.tokens().out(nlp.its.lemma).length + doc.sentences().out().length;
    }
    return n;
  };
  const time = (fn: () => number): number => {
    const s = performance.now();
    fn();
    return performance.now() - s;
  };
  const coldMs = time(lingwire(true));
  console.log(`lingwire first pass (caches empty): ${Math.round(words / (coldMs / 1000))} words/s`);
  const runs: Record<string, number[]> = { lingwire: [], lingwireNoPhrases: [], wink: [], tagged: [] };
  time(wink); // warm-up: JIT and wink's own caches
  for (let r = 0; r < ROUNDS; r++) {
    runs.wink?.push(time(wink));
    runs.lingwire?.push(time(lingwire(true)));
    runs.lingwireNoPhrases?.push(time(lingwire(false)));
    runs.tagged?.push(time(lingwire(true, true)));
  }
  const rate = (ms: number): number => Math.round(words / (ms / 1000));
  const ours = rate(median(runs.lingwire as number[]));
  const oursNoPhrases = rate(median(runs.lingwireNoPhrases as number[]));
  const theirs = rate(median(runs.wink as number[]));
  const tagged = rate(median(runs.tagged as number[]));
  const analysed = texts.map((text) => analyzeText(text, dict, { phrases: true }));
  const tagOnly: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const s = performance.now();
    for (const a of analysed) tagAnalysis(a, dict, posModel);
    tagOnly.push(performance.now() - s);
  }
  const taggerOnly = rate(median(tagOnly));
  console.log(`median of ${ROUNDS} warm rounds:`);
  console.log(
    `  lingwire analyzeText (tokens, sentences, lemma, band, proper nouns, phrases): ${ours} words/s`,
  );
  console.log(`  lingwire analyzeText without phrases: ${oursNoPhrases} words/s`);
  console.log(
    `  lingwire analyzeText with the POS tagger (as import runs it): ${tagged} words/s ` +
      `(${(tagged / ours).toFixed(2)} of the speed without it; tagging an analysed text alone: ${taggerOnly} words/s)`,
  );
  console.log(`  wink-nlp readDoc + tokens(lemma) + sentences: ${theirs} words/s`);
  console.log(
    `  ratio lingwire / wink-nlp: ${(ours / theirs).toFixed(2)} (without phrases ${(oursNoPhrases / theirs).toFixed(2)})`,
  );

  console.log('\nnews-specific cases (tokens | lemmas | sentences):');
  for (const text of CASES) {
    const a = analyzeText(text, dict, { phrases: true, posModel });
    const ws = a.tokens.filter((t) => t.kind !== 'space');
    console.log(`\n  ${text}`);
    console.log(`  lingwire: ${ws.map((t) => t.text).join(' | ')}`);
    console.log(
      `            ${ws.map((t) => (t.properNoun ? `${t.lemma}*` : (t.lemma ?? t.text))).join(' | ')}`,
    );
    console.log(`            ${ws.map((t) => t.pos ?? '-').join(' | ')}`);
    console.log(
      `            ${a.sentences.length} sentence(s); phrases: ${a.phrases.map((p) => p.key).join(', ') || '-'}`,
    );
    const doc = nlp.readDoc(text);
    console.log(`  wink-nlp: ${doc.tokens().out().join(' | ')}`);
    console.log(`            ${doc.tokens().out(nlp.its.lemma).join(' | ')}`);
    console.log(`            ${doc.tokens().out(nlp.its.pos).join(' | ')}`);
    console.log(`            ${doc.sentences().out().length} sentence(s)`);
  }
  if (existsSync(EWT_DEV)) printPosAccuracy(EWT_DEV, dict);
  else console.log(`\npart of speech: skipped, treebank not found at ${EWT_DEV}`);
  dict.close();
}

main();
