import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentencesOf, splitSentences } from './sentences.js';
import { tokenize } from './tokenize.js';

const SEED = fileURLToPath(new URL('../../../shared/seed/000_a8fe7018b2185b9d.txt', import.meta.url));

function split(text: string, lineBreaks: 'every' | 'blank' | 'indented' = 'every'): string[] {
  return sentencesOf(text, { lineBreaks }).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it.each([
    ['BEIJING, March 3 (Xinhua) -- Talks resumed on Feb. 21 in Geneva. Both sides attended.', 2],
    ['The U.S. Secretary of Defense arrived on Monday. He left on Tuesday.', 2],
    ['Prices rose sharply in the U.S. The dollar fell.', 2],
    ['Mr. Smith and Dr. Jones met Gen. Lee in St. Louis on Jan. 5.', 1],
    ['"The deal is nearly done," said a spokesman. "We expect it soon."', 2],
    ['"Is it over?" she asked. Nobody answered.', 2],
    ['He shouted "Stop!" and ran.', 1],
    ['The firm, Acme Corp. said profits doubled.', 1],
    ['They met at 3 p.m. The talks lasted an hour.', 2],
    ['Sales grew 3.5 percent, e.g. in Asia. Costs fell.', 2],
    ['It was built by Foo Inc. It opened in 1999.', 2],
    ['(Reuters) -- Oil rose. (Full story)', 2],
    ['Headline without a stop\nFirst line of the body.', 2],
    ['Wait... what happened? Nobody knows!', 2],
    ['', 0],
    ['   \n  ', 0],
  ])('%s → %i sentence(s)', (text, count) => {
    expect(split(text)).toHaveLength(count);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(split('He said: "We agree." Then he left.')).toEqual(['He said: "We agree."', 'Then he left.']);
    expect(split('It ended (as planned.) Next came lunch.')).toEqual([
      'It ended (as planned.)',
      'Next came lunch.',
    ]);
  });

  it('joins hard-wrapped lines with lineBreaks: blank, and splits at blank lines', () => {
    const text = 'The company said it\nwould raise its dividend\n\nShares rose';
    expect(split(text, 'blank')).toEqual(['The company said it\nwould raise its dividend', 'Shares rose']);
    expect(split(text, 'every')).toHaveLength(3);
  });

  it('also splits before an indented line with lineBreaks: indented (Reuters paragraphs and table rows)', () => {
    const text = 'Comissaria Smith said it\nwould rise\n    SUBPRODUCTS\n    Wheat prev 39.9\n\tMaize nil';
    expect(split(text, 'indented')).toEqual([
      'Comissaria Smith said it\nwould rise',
      'SUBPRODUCTS',
      'Wheat prev 39.9',
      'Maize nil',
    ]);
    expect(split(text, 'blank')).toHaveLength(1);
  });

  it('returns spans on token boundaries that never overlap, for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc
            .array(
              fc.constantFrom(
                'A',
                'b',
                ' ',
                '.',
                '?',
                '!',
                '"',
                '”',
                "'",
                ')',
                '\n',
                'Mr.',
                'U.S.',
                'Feb.',
                '21',
                'The',
              ),
            )
            .map((a) => a.join('')),
        ),
        (text) => {
          const tokens = tokenize(text);
          const starts = new Set(tokens.map((t) => t.start));
          const ends = new Set(tokens.map((t) => t.end));
          let previousEnd = 0;
          for (const s of splitSentences(tokens)) {
            expect(starts.has(s.start)).toBe(true);
            expect(ends.has(s.end)).toBe(true);
            expect(s.start).toBeGreaterThanOrEqual(previousEnd);
            expect(s.tokenEnd).toBeGreaterThan(s.tokenStart);
            expect(tokens[s.tokenStart]?.start).toBe(s.start);
            expect(tokens[s.tokenEnd - 1]?.end).toBe(s.end);
            expect(tokens[s.tokenStart]?.kind).not.toBe('space');
            previousEnd = s.end;
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('puts every non-space token in exactly one sentence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const tokens = tokenize(text);
        const covered = new Array(tokens.length).fill(0);
        for (const s of splitSentences(tokens)) for (let i = s.tokenStart; i < s.tokenEnd; i++) covered[i]++;
        tokens.forEach((t, i) => {
          if (t.kind !== 'space') expect(covered[i]).toBe(1);
        });
      }),
    );
  });

  describe.skipIf(!existsSync(SEED))('on the seed story (../shared/seed)', () => {
    it('finds the body sentences without breaking at Feb. or U.S.', () => {
      const text = readFileSync(SEED, 'utf8');
      const sentences = split(text);
      const dateline = sentences.find((s) => s.startsWith('MOSCOW'));
      expect(dateline).toBeDefined();
      expect(dateline?.endsWith('in Syria.')).toBe(true);
      expect(dateline).toContain('U.S. Secretary of State');
      const quote = sentences.find((s) => s.startsWith('"The foreign ministers'));
      expect(quote?.endsWith('said an online statement of Russian Foreign Ministry.')).toBe(true);
      expect(sentences.some((s) => s.includes('Munich on Feb. 11-12, reaching consensus'))).toBe(true);
      // title line, 7 body sentences, 相关文章, 10 related headlines
      expect(sentences).toHaveLength(19);
    });
  });
});
