/**
 * The section classifier on a second corpus, one never used while developing it: Reuters-21578
 * (research-only: internal test), the single-topic ModApte train stories of its 8 most frequent
 * topics, split by body into 80 % to train on and 20 % to classify. Very unbalanced (earn is half
 * the stories, sugar under 2 %), so macro-F1 shows whether small sections are filed too. Naive
 * Bayes on the same split is the floor. Skipped only without `../shared`.
 */
import { describe, expect, it } from 'vitest';
import { reutersR8 } from '../../../test/news-corpora.js';
import { HAS_SHARED } from '../../../test/shared-data.js';
import { groupedFolds, scoreClassification } from './evaluate.js';
import { bodyKey, classifyText, trainSectionModel } from './model.js';
import { classifyNaiveBayes, trainNaiveBayes } from './naive-bayes.js';

describe.skipIf(!HAS_SHARED)('section classifier on Reuters-21578 R8', () => {
  it('files held-out stories better than naive Bayes, small topics included', () => {
    const docs = reutersR8();
    const fold = groupedFolds(
      docs.map((d) => d.label),
      docs.map(bodyKey),
      5,
      3,
    );
    const train = docs.filter((_, i) => fold[i] !== 0);
    const test = docs.filter((_, i) => fold[i] === 0);
    const model = trainSectionModel(train);
    const nb = trainNaiveBayes(train);
    const actual = test.map((d) => d.label);
    const ours = scoreClassification(
      actual,
      test.map((d) => classifyText(model, d).label),
    );
    const baseline = scoreClassification(
      actual,
      test.map((d) => classifyNaiveBayes(nb, d)),
    );
    console.log(
      `Reuters R8, ${test.length} held-out stories: accuracy ${ours.accuracy.toFixed(4)}, macro-F1 ${ours.macroF1.toFixed(4)} (naive Bayes ${baseline.accuracy.toFixed(4)}, ${baseline.macroF1.toFixed(4)})`,
    );
    expect(ours.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(ours.macroF1).toBeGreaterThanOrEqual(0.93);
    expect(ours.macroF1).toBeGreaterThan(baseline.macroF1);
  }, 120_000);
});
