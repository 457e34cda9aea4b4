/**
 * Automatic sections measured on labelled news (`npm run bench:sections`).
 *
 * BBC News, `shared/data/news/bbc.train.jsonl` (research-only: benchmarks and internal tests; its
 * label field is `category`: business, entertainment, politics, sport, tech). Copies (same body)
 * always stay on one side of every split. Two honest figures, each beside multinomial naive Bayes
 * (Laplace α = 1, same tokens) trained and tested on exactly the same stories in the same run:
 *
 * 1. **Nested cross-validation**: 5 outer folds over the whole file; in each, the shipped training
 *    procedure (`trainSectionModel`, which picks its SVM cost and calibrates its
 *    confidence by 3-fold CV *inside* the outer training part) is trained on 4 folds and scored on
 *    the fifth.
 * 2. **Untouched split**: the 20 % of stories in outer fold 0 of a separately seeded split, never
 *    used to choose anything (development ran `--dev`, which only cross-validates inside the other
 *    80 %), scored after training on the 80 %. It has been looked at twice, once at the end of each
 *    round of development (the SVM; then plural folding and the lead paragraph's weight).
 *
 * A second corpus, never used while developing: Reuters-21578 (ModApte train file, research-only),
 * the stories with exactly one topic among the 8 most frequent such topics (as the usual "R8"
 * subset), by nested 5-fold CV the same way (skipped with `--dev` or `--bbc-only`).
 *
 * Also printed: how many test stories clear the 待分类 threshold (`--threshold`, default the
 * product's) and the accuracy on those, and the CPU time one training takes (the live filer
 * retrains inside an import batch).
 *
 *   npx tsx bench/sections.ts [--dev] [--bbc-only] [--threshold 0.6]
 */
import { existsSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { groupedFolds, scoreClassification } from '../src/ingest/classify/evaluate.js';
import { bodyKey, classifyText, type LabelledText, trainSectionModel } from '../src/ingest/classify/model.js';
import { classifyNaiveBayes, trainNaiveBayes } from '../src/ingest/classify/naive-bayes.js';
import { BBC_FILE, bbcStories, REUTERS_FILE, reutersR8 } from '../test/news-corpora.js';

const args = process.argv.slice(2);
const dev = args.includes('--dev');
const bbcOnly = args.includes('--bbc-only');
const thresholdAt = args.indexOf('--threshold');
const threshold = thresholdAt >= 0 ? Number(args[thresholdAt + 1]) : DEFAULT_CONFIG.classifyThreshold;

if (!existsSync(BBC_FILE)) {
  console.log(`bench:sections: ${BBC_FILE} is absent; nothing measured.`);
  process.exit(0);
}

interface Corpus {
  docs: LabelledText[];
  groups: string[];
}

function corpus(docs: LabelledText[]): Corpus {
  return { docs, groups: docs.map(bodyKey) };
}

const bbc = corpus(bbcStories());

interface Figures {
  /** Mean CPU seconds of one training: ours, naive Bayes. */
  cpu: { ours: number; nb: number };
  accuracy: number;
  macroF1: number;
  n: number;
  confident: number;
  confidentAccuracy: number;
  /** Mean confidence: calibrated, it is close to the accuracy. */
  meanConfidence: number;
  nb: { accuracy: number; macroF1: number };
}

const cpuSeconds = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};

function evaluate(
  { docs }: Corpus,
  train: number[],
  test: number[],
): { actual: string[]; ours: string[]; conf: number[]; nb: string[]; cpu: { ours: number; nb: number } } {
  const trainDocs = train.map((i) => docs[i] as LabelledText);
  let started = cpuSeconds();
  const model = trainSectionModel(trainDocs);
  const cpu = { ours: cpuSeconds() - started, nb: 0 };
  started = cpuSeconds();
  const nb = trainNaiveBayes(trainDocs);
  cpu.nb = cpuSeconds() - started;
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
    `  fold: trained on ${train.length} (${cpu.ours.toFixed(1)} s CPU; naive Bayes ${cpu.nb.toFixed(1)} s), tested on ${test.length}; chose ${model.termSet}, C=${model.c}, T=${model.temperature.toFixed(3)}; ${model.vocabulary.terms.length} terms`,
  );
  return { actual, ours, conf, nb: nbs, cpu };
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
  const mean = (pick: (p: (typeof parts)[number]) => number) =>
    parts.reduce((sum, p) => sum + pick(p), 0) / parts.length;
  return {
    cpu: { ours: mean((p) => p.cpu.ours), nb: mean((p) => p.cpu.nb) },
    ...scoreClassification(actual, ours),
    confident: sure.length,
    confidentAccuracy: sureScore.accuracy,
    meanConfidence: conf.reduce((sum, c) => sum + c, 0) / (conf.length || 1),
    nb: { accuracy: nb.accuracy, macroF1: nb.macroF1 },
  };
}

function crossValidate(data: Corpus, items: number[], k: number, seed: number): Figures {
  const fold = groupedFolds(
    items.map((i) => (data.docs[i] as LabelledText).label),
    items.map((i) => data.groups[i] as string),
    k,
    seed,
  );
  const parts = [];
  for (let f = 0; f < k; f++) {
    parts.push(
      evaluate(
        data,
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
    `  one training: ${f.cpu.ours.toFixed(1)} s CPU (naive Bayes ${f.cpu.nb.toFixed(1)} s), mean over the folds`,
  );
  console.log(
    `  confidence ≥ ${threshold}: ${f.confident}/${f.n} stories filed (${pct(f.confident / f.n)} %), accuracy on them ${pct(f.confidentAccuracy)} %; the rest would go to 待分类; mean confidence ${pct(f.meanConfidence)} % (calibrated: near the accuracy)`,
  );
}

// The untouched split: outer fold 0 of a split seeded apart from every other.
const all = bbc.docs.map((_, i) => i);
const split = groupedFolds(
  bbc.docs.map((d) => d.label),
  bbc.groups,
  5,
  2026,
);
const devPart = all.filter((i) => split[i] !== 0);
const untouched = all.filter((i) => split[i] === 0);
const started = Date.now();
console.log(
  `bench:sections on ${BBC_FILE}: ${bbc.docs.length} stories, ${new Set(bbc.groups).size} distinct bodies`,
);
if (dev) {
  console.log(`development run: 5-fold CV inside the development part (${devPart.length} stories) only`);
  print('dev CV', crossValidate(bbc, devPart, 5, 11));
} else {
  console.log('nested 5-fold cross-validation over the whole file:');
  print('BBC nested CV', crossValidate(bbc, all, 5, 7));
  console.log(`untouched split: train on ${devPart.length}, test once on ${untouched.length}:`);
  print('BBC untouched split', summarise([evaluate(bbc, devPart, untouched)]));
  if (!bbcOnly && existsSync(REUTERS_FILE)) {
    const reuters = corpus(reutersR8());
    const labels = [...new Set(reuters.docs.map((d) => d.label))].sort();
    console.log(
      `Reuters-21578 ModApte train, single-topic stories of the 8 most frequent topics (${labels.join(', ')}): ${reuters.docs.length} stories; nested 5-fold CV:`,
    );
    print(
      'Reuters R8 nested CV',
      crossValidate(
        reuters,
        reuters.docs.map((_, i) => i),
        5,
        7,
      ),
    );
  }
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
