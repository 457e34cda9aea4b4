/**
 * Multinomial naive Bayes over raw term counts with Laplace smoothing (α = 1): the textbook
 * baseline `bench:sections` prints beside the classifier, on the same tokens.
 */
import { type ClassifierText, termCounts } from './features.js';

export interface NaiveBayes {
  labels: string[];
  /** Every term seen in training; others are ignored when classifying. */
  vocabulary: Set<string>;
  logPrior: number[];
  /** Per label: term → log P(term | label); `unseen` for terms the label never had. */
  logLikelihood: Array<Map<string, number>>;
  unseen: number[];
}

export function trainNaiveBayes(
  docs: ReadonlyArray<ClassifierText & { label: string }>,
  alpha = 1,
): NaiveBayes {
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const vocabulary = new Set<string>();
  const counts = labels.map(() => new Map<string, number>());
  const docsPer = labels.map(() => 0);
  for (const doc of docs) {
    const y = labels.indexOf(doc.label);
    docsPer[y] = (docsPer[y] as number) + 1;
    const target = counts[y] as Map<string, number>;
    for (const [term, n] of termCounts(doc)) {
      vocabulary.add(term);
      target.set(term, (target.get(term) ?? 0) + n);
    }
  }
  const v = vocabulary.size;
  const logLikelihood = counts.map((c) => {
    let total = 0;
    for (const n of c.values()) total += n;
    const denominator = Math.log(total + alpha * v);
    return new Map([...c].map(([term, n]) => [term, Math.log(n + alpha) - denominator]));
  });
  const unseen = counts.map((c) => {
    let total = 0;
    for (const n of c.values()) total += n;
    return Math.log(alpha) - Math.log(total + alpha * v);
  });
  return {
    labels,
    vocabulary,
    logPrior: docsPer.map((n) => Math.log(n / docs.length)),
    logLikelihood,
    unseen,
  };
}

/** The most likely label; terms never seen in training are ignored. */
export function classifyNaiveBayes(model: NaiveBayes, doc: ClassifierText): string {
  const counts = termCounts(doc);
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  model.labels.forEach((_, y) => {
    let score = model.logPrior[y] as number;
    const table = model.logLikelihood[y] as Map<string, number>;
    for (const [term, n] of counts) {
      if (!model.vocabulary.has(term)) continue;
      score += n * (table.get(term) ?? (model.unseen[y] as number));
    }
    if (score > bestScore) {
      bestScore = score;
      best = y;
    }
  });
  return model.labels[best] as string;
}
