import { describe, expect, it } from 'vitest';
import { parseQuery } from './query.js';

const parsed = (q: string) => {
  const result = parseQuery(q);
  if (!result.ok) throw new Error(result.message);
  return result.query;
};

describe('parseQuery', () => {
  it('reads words, quoted phrases and exclusions, lower case, cut where the index cuts', () => {
    expect(parsed('Ceasefire "cessation of hostilities" -Museum -"oil prices" cease-fire U.S.')).toEqual({
      include: [['ceasefire'], ['cessation', 'of', 'hostilities'], ['cease', 'fire'], ['u', 's']],
      exclude: [['museum'], ['oil', 'prices']],
      sequence: ['ceasefire', 'cessation', 'of', 'hostilities', 'cease', 'fire', 'u', 's'],
    });
  });

  it('drops a lone common word when other words remain, but keeps it in the sequence and in phrases', () => {
    expect(parsed('said the company would')).toEqual({
      include: [['company']],
      exclude: [],
      sequence: ['said', 'the', 'company', 'would'],
    });
    expect(parsed('the').include).toEqual([['the']]);
    expect(parsed('US trade').include).toEqual([['us'], ['trade']]);
  });

  it('takes an unclosed quote as a phrase to the end, and typographic quotes as quotes', () => {
    expect(parsed('"cessation of').include).toEqual([['cessation', 'of']]);
    expect(parsed('“peace talks”').include).toEqual([['peace', 'talks']]);
  });

  it.each([
    ['', 'Type a few words'],
    ['   ', 'Type a few words'],
    ['!!! ""', 'letters or digits'],
    ['-sport -"world cup"', '-word only leaves stories out'],
    [Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '), 'at most 16'],
  ])('says what to do with %j', (q, message) => {
    const result = parseQuery(q);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
