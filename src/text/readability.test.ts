import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readability } from './readability.js';
import { countSyllables } from './syllables.js';

describe('countSyllables', () => {
  it.each([
    ['the', 1],
    ['cat', 1],
    ['make', 1],
    ['makes', 1],
    ['table', 2],
    ['tables', 2],
    ['jumped', 1],
    ['wanted', 2],
    ['needed', 2],
    ['buses', 2],
    ['changes', 2],
    ['nation', 2],
    ['radiation', 4],
    ['media', 3],
    ['radio', 3],
    ['quiet', 2],
    ['society', 4],
    ['client', 2],
    ['friend', 1],
    ['ancient', 2],
    ['language', 2],
    ['actual', 3],
    ['continuous', 4],
    ['various', 3],
    ['playing', 2],
    ['trying', 2],
    ['studying', 3],
    ['year', 1],
    ['million', 2],
    ['region', 2],
    ['fuel', 2],
    ['value', 2],
    ['statement', 2],
    ['lately', 2],
    ['geography', 4],
    ['everybody', 4],
    ['coordination', 5],
    ['minister', 3],
    ['secretary', 4],
    ['hostilities', 4],
    ['cessation', 3],
    ['organizations', 5],
    ['international', 5],
    ['university', 5],
    ['tourism', 3],
    ['people', 2],
  ])('%s has %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it('ignores case, apostrophes and counts hyphenated parts', () => {
    expect(countSyllables('NATION')).toBe(2);
    expect(countSyllables("don't")).toBe(1);
    expect(countSyllables('co-operate')).toBe(4);
    expect(countSyllables('well-known')).toBe(2);
  });

  it('is 0 without letters and at least 1 with one', () => {
    expect(countSyllables('')).toBe(0);
    expect(countSyllables('2016')).toBe(0);
    expect(countSyllables('--')).toBe(0);
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = countSyllables(s);
        const letters = s.toLowerCase().replace(/[^a-z]/g, '').length;
        return Number.isInteger(n) && n >= (letters > 0 ? 1 : 0) && n <= Math.max(letters, 0);
      }),
    );
  });
});

describe('readability', () => {
  it('counts words, sentences and syllables of plain text', () => {
    const r = readability('The cat sat on the mat. My old dog was very happy.');
    expect(r).toMatchObject({ words: 12, sentences: 2, syllables: 14, polysyllables: 0, longWords: 0 });
    expect(r.wordsPerSentence).toBe(6);
  });

  it.each([
    // words/sentence, syllables/word → FK = 0.39·wps + 11.8·spw − 15.59
    ['The cat sat on the mat.', 6, 1, 6, 0.39 * 6 + 11.8 * 1 - 15.59],
    ['Officials discussed the agreement. It failed.', 6, 2, 11, 0.39 * 3 + 11.8 * (11 / 6) - 15.59],
    ['International organizations negotiated.', 3, 1, 14, 0.39 * 3 + 11.8 * (14 / 3) - 15.59],
  ])('%s → FK grade', (text, words, sentences, syllables, fk) => {
    const r = readability(text);
    expect([r.words, r.sentences, r.syllables]).toEqual([words, sentences, syllables]);
    expect(r.fleschKincaidGrade).toBeCloseTo(fk, 6);
    expect(r.fleschReadingEase).toBeCloseTo(
      206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words),
      6,
    );
  });

  it('computes Coleman–Liau and SMOG from letters and polysyllables', () => {
    const r = readability('Governments negotiated. People waited patiently.');
    // letters: 11 + 10 + 6 + 6 + 9 = 42 over 5 words; 2 sentences
    expect(r.letters).toBe(42);
    expect(r.colemanLiauIndex).toBeCloseTo(0.0588 * ((42 / 5) * 100) - 0.296 * ((2 / 5) * 100) - 15.8, 6);
    // polysyllables: negotiated (5), patiently (3), governments (3)
    expect(r.polysyllables).toBe(3);
    expect(r.smogGrade).toBeCloseTo(1.043 * Math.sqrt((3 * 30) / 2) + 3.1291, 6);
  });

  it('leaves numbers and punctuation out, keeps abbreviations and names', () => {
    const r = readability('On Feb. 21, 2016, U.S. officials met 300 people in Moscow.');
    expect(r.words).toBe(8); // On Feb. U.S. officials met people in Moscow
    expect(r.sentences).toBe(1);
  });

  it('ends a sentence at every line break (one paragraph a line)', () => {
    expect(readability('A headline without a stop\nThe body starts here.').sentences).toBe(2);
  });

  it('gives the same result for text and for tokens of that text', () => {
    const tokens = [
      { text: 'Talks', kind: 'word', sentenceIndex: 0 },
      { text: 'resumed', kind: 'word', sentenceIndex: 0 },
      { text: '.', kind: 'punct', sentenceIndex: 0 },
      { text: 'Both', kind: 'word', sentenceIndex: 1 },
      { text: 'sides', kind: 'word', sentenceIndex: 1 },
      { text: 'agreed', kind: 'word', sentenceIndex: 1 },
      { text: '.', kind: 'punct', sentenceIndex: 1 },
    ];
    expect(readability(tokens)).toEqual(readability('Talks resumed. Both sides agreed.'));
  });

  it('is all zeros, never NaN, for empty or wordless input', () => {
    for (const input of ['', '   \n\n', '2016 -- 300,000 !!!', []]) {
      const r = readability(input);
      expect(r.words).toBe(0);
      expect(Object.values(r).every((v) => v === 0)).toBe(true);
    }
  });

  it('never returns a non-finite number on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => Object.values(readability(s)).every(Number.isFinite)),
    );
  });
});
