import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeStory, stem } from './analyze.js';

const termsOf = (title: string, body: string, options = {}) => analyzeStory({ title, body }, options).terms;

describe('analyzeStory', () => {
  it.each([
    [
      'drops stop words and numbers',
      'x',
      'The price of 1,200 tonnes rose in 1987.',
      ['price', 'tonnes', 'rose'],
    ],
    ['cuts possessives', 'x', "Moody's cut the bank's rating", ['moody', 'cut', 'bank', 'rating']],
    ['keeps abbreviations with inner dots', 'x', 'U.S. exports rose', ['u.s', 'exports', 'rose']],
  ])('%s', (_name, title, body, expected) => {
    const terms = [...termsOf(title, body).keys()].filter((t) => t !== 'x');
    expect(terms).toEqual(expected);
  });

  it('makes one phrase term of a multi-word name taken from mixed-case text', () => {
    const terms = termsOf(
      'Talks',
      'Talks were held by Foreign Minister Sergei Lavrov with officials of the Bank of Japan.',
    );
    expect(terms.has('foreign_minister_sergei_lavrov')).toBe(true);
    expect(terms.has('bank_of_japan')).toBe(false);
    expect(terms.has('bank_japan')).toBe(true);
  });

  it('takes no names from an all-capitals headline', () => {
    const terms = termsOf('FEDERAL RESERVE ADDS RESERVES', 'markets were calm.');
    expect([...terms.keys()].some((t) => t.includes('_'))).toBe(false);
  });

  it('does not join names across a comma', () => {
    const terms = termsOf('x', 'On Friday, Federal Reserve chairman Alan Greenspan spoke.');
    expect(terms.has('federal_reserve')).toBe(true);
    expect(terms.has('friday_federal_reserve')).toBe(false);
  });

  it('counts a title word more than a body word', () => {
    const terms = termsOf('Coffee harvest', 'The coffee harvest was late.');
    expect(terms.get('coffee')).toBe(3);
    expect(terms.get('late')).toBe(1);
  });

  it('keeps every word, stop words included, for near-duplicate shingles', () => {
    expect(analyzeStory({ title: 'A title', body: 'It was 5 pct.' }).words).toEqual([
      'a',
      'title',
      'it',
      'was',
      '5',
      'pct',
    ]);
  });

  it('gives the same terms for the same text (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, body) => {
        expect([...termsOf(title, body)]).toEqual([...termsOf(title, body)]);
        for (const [term, count] of termsOf(title, body)) {
          expect(term).toBe(term.toLowerCase());
          expect(count).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('stem', () => {
  it.each([
    ['companies', 'company'],
    ['taxes', 'tax'],
    ['shares', 'share'],
    ['business', 'business'],
    ['status', 'status'],
    ['gas', 'gas'],
  ])('%s → %s', (word, expected) => expect(stem(word)).toBe(expected));
});
