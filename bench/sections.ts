/**
 * Automatic sections measured on BBC News (`npm run bench:sections`).
 *
 * Reads `shared/data/news/bbc.train.jsonl` (research-only: benchmarks and internal tests; its
 * label field is `category`: business, entertainment, politics, sport, tech). Copies (same body)
 * always stay on one side of every split. Two honest figures, each beside multinomial naive Bayes
 * (Laplace α = 1, same tokens) trained and tested on exactly the same stories in the same run:
 *
 * 1. **Nested cross-validation**: 5 outer folds over the whole file; in each, the shipped training
 *    procedure (`trainSectionModel`, which picks its regularisation and calibrates its confidence
 *    by 3-fold CV *inside* the outer training part) is trained on 4 folds and scored on the fifth.
 * 2. **Untouched split**: the 20 % of stories in outer fold 0 of a separately seeded split, never
 *    looked at while the method was developed (development ran `--dev`, which only
 *    cross-validates inside the other 80 %), scored once after training on the 80 %.
 *
 * Also printed: how many test stories clear the 待分类 threshold (`--threshold`, default the
 * product's) and the accuracy on those.
 *
 *   npx tsx bench/sections.ts [--dev] [--threshold 0.6]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { groupedFolds, scoreClassification } from '../src/ingest/classify/evaluate.js';
import { bodyKey, classifyText, type LabelledText, trainSectionModel } from '../src/ingest/classify/model.js';
import { classifyNaiveBayes, trainNaiveBayes } from '../src/ingest/classify/naive-bayes.js';

const SHARED = process.env.LINGWIRE_SHARED ?? resolve(import.meta.dirname, '..', '..', 'shared');
const FILE = join(SHARED, 'data', 'news', 'bbc.train.jsonl');
const args = process.argv.slice(2);
const dev = args.includes('--dev');
const thresholdAt = args.indexOf('--threshold');
const threshold = thresholdAt >= 0 ? Number(args[thresholdAt + 1]) : DEFAULT_CONFIG.classifyThreshold;

if (!existsSync(FILE)) {
  console.log(`bench:sections: ${FILE} is absent; nothing measured.`);
  process.exit(0);
}

const docs: LabelledText[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => {
    const r = JSON.parse(line) as { title: string; body: string; category: string };
    return { title: r.title, paragraphs: r.body.split(/\n\s*\n/), label: r.category };
  });
const groups = docs.map(bodyKey);

interface Figures {
  accuracy: number;
  macroF1: number;
  n: number;
  confident: number;
  confidentAccuracy: number;
  nb: { accuracy: number; macroF1: number };
}

function evaluate(
  train: number[],
  test: number[],
): { actual: string[]; ours: string[]; conf: number[]; nb: string[] } {
  const trainDocs = train.map((i) => docs[i] as LabelledText);
  const model = trainSectionModel(trainDocs);
  const nb = trainNaiveBayes(trainDocs);
  const actual: string[] = [];
  const ours: string[] = [];
  const conf: number[] = [];
  const nbs: string[] = [];
  for (const i of test) {
    const doc = docs[i] as LabelledText;
    const guess = classifyText(model, doc);
    actual.push(doc.label);
    ours.push(guess.label);
    conf.push(guess.confidence);
    nbs.push(classifyNaiveBayes(nb, doc));
  }
  console.log(
    `  fold: trained on ${train.length}, tested on ${test.length}, C=${model.c}, ${model.termSet}, T=${model.temperature.toFixed(2)}, ${model.vocabulary.terms.length} terms`,
  );
  return { actual, ours, conf, nb: nbs };
}

function summarise(parts: Array<ReturnType<typeof evaluate>>): Figures {
  const actual = parts.flatMap((p) => p.actual);
  const ours = parts.flatMap((p) => p.ours);
  const conf = parts.flatMap((p) => p.conf);
  const nb = scoreClassification(
    actual,
    parts.flatMap((p) => p.nb),
  );
  const sure = actual.flatMap((_, i) => ((conf[i] as number) >= threshold ? [i] : []));
  const sureScore = scoreClassification(
    sure.map((i) => actual[i] as string),
    sure.map((i) => ours[i] as string),
  );
  return {
    ...scoreClassification(actual, ours),
    confident: sure.length,
    confidentAccuracy: sureScore.accuracy,
    nb: { accuracy: nb.accuracy, macroF1: nb.macroF1 },
  };
}

function crossValidate(items: number[], k: number, seed: number): Figures {
  const fold = groupedFolds(
    items.map((i) => (docs[i] as LabelledText).label),
    items.map((i) => groups[i] as string),
    k,
    seed,
  );
  const parts = [];
  for (let f = 0; f < k; f++) {
    parts.push(
      evaluate(
        items.filter((_, j) => fold[j] !== f),
        items.filter((_, j) => fold[j] === f),
      ),
    );
  }
  return summarise(parts);
}

function print(name: string, f: Figures): void {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  console.log(
    `${name}: n=${f.n}  classifier accuracy ${pct(f.accuracy)} %  macro-F1 ${pct(f.macroF1)} %   |   naive Bayes accuracy ${pct(f.nb.accuracy)} %  macro-F1 ${pct(f.nb.macroF1)} %`,
  );
  console.log(
    `  confidence ≥ ${threshold}: ${f.confident}/${f.n} stories filed (${pct(f.confident / f.n)} %), accuracy on them ${pct(f.confidentAccuracy)} %; the rest would go to 待分类`,
  );
}

// The untouched split: outer fold 0 of a split seeded apart from every other.
const all = docs.map((_, i) => i);
const split = groupedFolds(
  docs.map((d) => d.label),
  groups,
  5,
  2026,
);
const devPart = all.filter((i) => split[i] !== 0);
const untouched = all.filter((i) => split[i] === 0);
const started = Date.now();
console.log(`bench:sections on ${FILE}: ${docs.length} stories, ${new Set(groups).size} distinct bodies`);
if (dev) {
  console.log(`development run: 5-fold CV inside the development part (${devPart.length} stories) only`);
  print('dev CV', crossValidate(devPart, 5, 11));
} else {
  console.log('nested 5-fold cross-validation over the whole file:');
  print('nested CV', crossValidate(all, 5, 7));
  console.log(`untouched split: train on ${devPart.length}, test once on ${untouched.length}:`);
  print('untouched split', summarise([evaluate(devPart, untouched)]));
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
