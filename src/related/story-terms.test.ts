import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { stem, storyTerms, storyTermsFromTokens } from './story-terms.js';

const termsOf = (title: string, body: string, options = {}) => storyTerms({ title, body }, options).terms;

describe('storyTerms', () => {
  it.each([
    [
      'drops stop words and numbers',
      'x',
      'The price of 1,200 tonnes rose in 1987.',
      ['price', 'tonnes', 'rose'],
    ],
    ['cuts possessives', 'x', "Moody's cut the bank's rating", ['moody', 'cut', 'bank', 'rating']],
    ['keeps abbreviations with inner dots', 'x', 'U.S. exports rose', ['u.s', 'exports', 'rose']],
    [
      'splits compounds into their parts',
      'x',
      'A cease-fire in Moscow-based talks',
      ['cease', 'fire', 'moscow', 'based', 'talks'],
    ],
    [
      'keeps tickers whole and units with their numbers',
      'x',
      'Shell <SHEL.L> paid 9.3bn',
      ['shell', 'shel.l', 'paid'],
    ],
    ['takes the host of a URL', 'x', 'See https://www.dec.org.uk/appeal now', ['see', 'www.dec.org.uk']],
    ['drops apostrophes of contractions', 'x', "They're sure O'Brien didn't", ['theyre', 'sure', 'obrien']],
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

  it('ends a name at an abbreviation dot, a plural possessive and an indented line, not a wrapped one', () => {
    const terms = termsOf(
      'x',
      "The U.S. Agriculture Department met in Los Angeles' Kodak Theatre with Federal\nReserve Board\n    European Central Bank officials",
    );
    expect([...terms.keys()].filter((t) => t.includes('_'))).toEqual([
      'los_angeles',
      'kodak_theatre',
      'federal_reserve_board',
      'central_bank',
    ]);
  });

  it('still sees the sentence breaks after a ticker it keeps whole', () => {
    const terms = termsOf('x', 'Traders at Shell <SHEL.L> said Federal\n    Reserve officials met.');
    expect(terms.has('shel.l')).toBe(true);
    expect(terms.has('federal_reserve')).toBe(false);
  });

  it('gives the same terms from tokens a caller already has', () => {
    const title = 'Kerry meets Lavrov in Munich';
    const body = 'U.S. Secretary of State John Kerry said on Friday the cease-fire would hold.';
    const fromTokens = storyTermsFromTokens(tokenize(title), tokenize(body));
    expect(fromTokens).toEqual(storyTerms({ title, body }));
    expect(fromTokens.terms.has('state_john_kerry')).toBe(true);
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
    expect(storyTerms({ title: 'A title', body: 'It was 5 pct.' }).words).toEqual([
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
