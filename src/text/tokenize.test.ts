import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Token, tokenize, wordBase, wordClitic } from './tokenize.js';

const SEED = fileURLToPath(new URL('../../../shared/seed/000_a8fe7018b2185b9d.txt', import.meta.url));

/** Non-space tokens in a compact notation: `text/kind`, with `|` at the clitic boundary. */
function show(text: string): string {
  return tokenize(text)
    .filter((t) => t.kind !== 'space')
    .map((t) => {
      const shown = t.cliticStart === undefined ? t.text : `${wordBase(t)}|${wordClitic(t)}`;
      return `${shown}/${t.kind}`;
    })
    .join(' ');
}

function assertTiles(text: string, tokens: Token[]): void {
  let at = 0;
  for (const t of tokens) {
    expect(t.start).toBe(at);
    expect(t.end).toBeGreaterThan(t.start);
    expect(text.slice(t.start, t.end)).toBe(t.text);
    if (t.cliticStart !== undefined) {
      expect(t.cliticStart).toBeGreaterThan(t.start);
      expect(t.cliticStart).toBeLessThan(t.end);
    }
    at = t.end;
  }
  expect(at).toBe(text.length);
}

describe('tokenize', () => {
  it.each([
    // contractions and possessives: one word, clitic marked
    ["They don't agree.", "They/word do|n't/word agree/word ./punct"],
    ["We can't and won't.", "We/word ca|n't/word and/word wo|n't/word ./punct"],
    ["Beijing's plan", "Beijing|'s/word plan/word"],
    ["the Ministers' talks", "the/word Ministers|'/word talks/word"],
    ['both nations’ envoys', "both/word nations|'/word envoys/word"],
    ["they're here, O'Neill's car", "they|'re/word here/word ,/punct O'Neill|'s/word car/word"],
    // hyphenated words stay whole, ranges split
    [
      'a well-known co-chair of the cease-fire talks',
      'a/word well-known/word co-chair/word of/word the/word cease-fire/word talks/word',
    ],
    [
      'a 20-year-old won 3-1 in the 2015-16 season',
      'a/word 20-year-old/word won/word 3/number -/punct 1/number in/word the/word 2015/number -/punct 16/number season/word',
    ],
    ['COVID-19 and F-16 jets', 'COVID-19/word and/word F-16/word jets/word'],
    // abbreviations and initialisms
    ['The U.S. and the U.N. met', 'The/word U.S./word and/word the/word U.N./word met/word'],
    [
      'Dr. Wang met Mr. Li in St. Petersburg',
      'Dr./word Wang/word met/word Mr./word Li/word in/word St./word Petersburg/word',
    ],
    [
      'the IAEA and NATO, e.g. at 9 a.m.',
      'the/word IAEA/word and/word NATO/word ,/punct e.g./word at/word 9/number a.m./word',
    ],
    ['John F. Kennedy', 'John/word F./word Kennedy/word'],
    ['No. 10 said no.', 'No./word 10/number said/word no/word ./punct'],
    // numbers and dates
    ['on Jan. 9-10, 2024', 'on/word Jan./word 9/number -/punct 10/number ,/punct 2024/number'],
    [
      '5 bln yuan, 2.75 percent, 12,500 troops',
      '5/number bln/word yuan/word ,/punct 2.75/number percent/word ,/punct 12,500/number troops/word',
    ],
    [
      "the 2nd and 33rd, in the 1980s and the '70s",
      "the/word 2nd/number and/word 33rd/number ,/punct in/word the/word 1980s/number and/word the/word '70s/number",
    ],
    ['$4.5bn at 10:30', '$/punct 4.5/number bn/word at/word 10:30/number'],
    // quotes and dashes
    [
      '"Yes," she said -- twice — and “no”.',
      '"/punct Yes/word ,/punct "/punct she/word said/word --/punct twice/word —/punct and/word “/punct no/word ”/punct ./punct',
    ],
    ["'Talks,' he said", "'/punct Talks/word ,/punct '/punct he/word said/word"],
    ['Wait... what?!', 'Wait/word .../punct what/word ?!/punct'],
    // urls, e-mail, CJK
    [
      'see https://example.org/a?b=1. Or mail desk@example.com',
      'see/word https://example.org/a?b=1/url ./punct Or/word mail/word desk@example.com/url',
    ],
    ['国际新闻:Talks', '国际新闻/other :/punct Talks/word'],
    ['café in Zürich', 'café/word in/word Zürich/word'],
  ])('%s', (text, expected) => {
    expect(show(text)).toBe(expected);
    assertTiles(text, tokenize(text));
  });

  it('returns no tokens for the empty string and one space token for blanks', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t')).toEqual([{ text: ' \n\t', start: 0, end: 3, kind: 'space' }]);
  });

  it('tiles any string exactly: in order, no gaps, no overlaps, text matches offsets', () => {
    const alphabet = fc.constantFrom(
      ...'aZ09 .,\'’‘"“”-—–?!:;()$%\n\tU.S.'.split(''),
      "n't",
      "'s",
      'Feb.',
      '国',
      '😀',
      '\ud800',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.array(alphabet).map((a) => a.join('')),
        ),
        (text) => {
          assertTiles(text, tokenize(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        for (const t of tokenize(text)) {
          const last = t.text.charCodeAt(t.text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff && t.end < text.length) {
            const next = text.charCodeAt(t.end);
            expect(next >= 0xdc00 && next <= 0xdfff).toBe(false);
          }
        }
      }),
    );
  });

  describe.skipIf(!existsSync(SEED))('on the seed story (../shared/seed)', () => {
    it('keeps the wire-copy forms whole and tiles the story', () => {
      const text = readFileSync(SEED, 'utf8');
      const tokens = tokenize(text);
      assertTiles(text, tokens);
      const words = new Set(tokens.filter((t) => t.kind === 'word').map((t) => t.text));
      for (const w of ['Feb.', 'U.S.', 'co-chairs', "countries'", 'ISSG', 'UN', 're-election', "Egypt's"]) {
        expect(words).toContain(w);
      }
      expect(tokens.some((t) => t.kind === 'punct' && t.text === '--')).toBe(true);
      expect(tokens.some((t) => t.kind === 'number' && t.text === '1st')).toBe(true);
    });
  });
});
