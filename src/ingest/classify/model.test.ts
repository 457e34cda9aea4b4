import { describe, expect, it } from 'vitest';
import { encodeCounts, encodedTfidf, fitEncodedVocabulary } from './encoded.js';
import { scoreClassification } from './evaluate.js';
import { fitVocabulary, termCounts, tfidf, vocabularyOf } from './features.js';
import {
  classifyText,
  type LabelledText,
  parseSectionModel,
  serializeSectionModel,
  trainSectionModel,
} from './model.js';

const WORDS = {
  weather: 'rain storm wind snow forecast cloud flood sunshine temperature frost'.split(' '),
  music: 'album band concert guitar singer tour song chart festival drummer'.split(' '),
};

function doc(n: number, label: keyof typeof WORDS): LabelledText {
  const pool = WORDS[label];
  const pick = (k: number) => pool[(n * 7 + k * 3) % pool.length];
  return {
    title: `${pick(1)} ${pick(2)}`,
    paragraphs: [`Today ${pick(3)} and ${pick(4)} with ${pick(5)}.`, `People said ${pick(6)} ${pick(7)}.`],
    label,
  };
}

describe('section model', () => {
  const docs = Array.from({ length: 60 }, (_, n) => doc(n, n % 2 ? 'weather' : 'music'));

  it('learns its labels, and a serialised model classifies exactly as the trained one', () => {
    const model = trainSectionModel(docs);
    const again = parseSectionModel(serializeSectionModel(model));
    expect(again).not.toBeNull();
    const tests = Array.from({ length: 20 }, (_, n) => doc(n + 100, n % 2 ? 'weather' : 'music'));
    const predicted = tests.map((d) => classifyText(model, d));
    expect(
      scoreClassification(
        tests.map((d) => d.label),
        predicted.map((p) => p.label),
      ).accuracy,
    ).toBe(1);
    tests.forEach((d, i) => {
      const b = classifyText(again!, d);
      expect(b.label).toBe(predicted[i]?.label);
      expect(b.confidence).toBeCloseTo(predicted[i]?.confidence ?? 0, 4);
    });
  });

  it('a stored model of another version is not used', () => {
    const data = JSON.parse(serializeSectionModel(trainSectionModel(docs)));
    expect(parseSectionModel(JSON.stringify({ ...data, version: 0 }))).toBeNull();
  });

  it('refuses to train on one section', () => {
    expect(() => trainSectionModel(docs.map((d) => ({ ...d, label: 'only' })))).toThrow(
      'at least two sections',
    );
  });

  it('keeps the most frequent terms when the vocabulary is capped', () => {
    const counts = docs.map((d) => termCounts(d));
    const capped = fitVocabulary(counts, 1, 5);
    expect(capped.terms).toHaveLength(5);
    expect(capped.terms).toContain('today');
    expect(capped.terms).toContain('people');
  });

  it('trains on the same vectors a new story gets (encoded and by-string TF-IDF agree)', () => {
    const counts = docs.map((d) => termCounts(d, 'words+pairs'));
    const encoded = encodeCounts(counts);
    const rows = counts.map((_, i) => i).filter((i) => i % 3 !== 0);
    const fitted = fitEncodedVocabulary(encoded, rows, 2, 40);
    expect(fitted.terms).toHaveLength(40);
    const vocabulary = vocabularyOf(fitted.terms, fitted.idf);
    counts.forEach((c, i) => {
      const a = encodedTfidf(encoded, i, fitted);
      const b = tfidf(c, vocabulary);
      expect(Array.from(a.index)).toEqual(Array.from(b.index));
      a.value.forEach((v, k) => {
        expect(v).toBeCloseTo(b.value[k] as number, 5);
      });
    });
  });
});
