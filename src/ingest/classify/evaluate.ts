/**
 * Measuring a classifier honestly: folds that keep copies together (the BBC set has byte-identical
 * articles; a copy in both the training and the test fold would flatter any model), accuracy and
 * macro-averaged F1.
 */
import { seededRandom } from '../../core/random.js';

/**
 * Splits items 0 … n−1 into `k` folds: items with the same group key always share a fold, and
 * each label is spread over the folds (groups are dealt round-robin per label after a seeded
 * shuffle). Returns each item's fold.
 */
export function groupedFolds(
  labels: readonly string[],
  groups: readonly string[],
  k: number,
  seed = 7,
): number[] {
  const random = seededRandom(seed);
  const byGroup = new Map<string, number[]>();
  labels.forEach((_, i) => {
    const key = groups[i] as string;
    const members = byGroup.get(key);
    if (members) members.push(i);
    else byGroup.set(key, [i]);
  });
  const byLabel = new Map<string, number[][]>();
  for (const members of byGroup.values()) {
    const label = labels[members[0] as number] as string;
    const list = byLabel.get(label) ?? [];
    list.push(members);
    byLabel.set(label, list);
  }
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel.get(label) as number[][];
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j] as number[], list[i] as number[]];
    }
    for (const members of list) {
      for (const m of members) fold[m] = next % k;
      next++;
    }
  }
  return fold;
}

/** Accuracy and macro-averaged F1 of `predicted` against `actual` (F1 averaged over the actual labels). */
export function scoreClassification(
  actual: readonly string[],
  predicted: readonly string[],
): { accuracy: number; macroF1: number; n: number } {
  let right = 0;
  const labels = [...new Set(actual)].sort();
  const tp = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const actualCount = new Map<string, number>();
  actual.forEach((label, i) => {
    const guess = predicted[i] as string;
    actualCount.set(label, (actualCount.get(label) ?? 0) + 1);
    predictedCount.set(guess, (predictedCount.get(guess) ?? 0) + 1);
    if (guess === label) {
      right++;
      tp.set(label, (tp.get(label) ?? 0) + 1);
    }
  });
  let f1Sum = 0;
  for (const label of labels) {
    const hits = tp.get(label) ?? 0;
    const precision = hits / (predictedCount.get(label) || 1);
    const recall = hits / (actualCount.get(label) || 1);
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return {
    accuracy: actual.length ? right / actual.length : 0,
    macroF1: labels.length ? f1Sum / labels.length : 0,
    n: actual.length,
  };
}
