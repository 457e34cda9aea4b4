/**
 * The text analysis against a tiny in-memory lexicon: `text/` needs no dictionary file, only
 * something that answers `Lexicon`. The real ECDICT index is exercised in `dictionary.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.js';
import type { Band } from './bands.js';
import type { Lexicon, PhraseNode, WordInfo } from './lexicon.js';

function word(lemma: string, band: Band, extra: Partial<WordInfo> = {}): WordInfo {
  return { entryKey: lemma, lemma, band, nameLike: false, general: true, rank: 1000, oxford: true, ...extra };
}

const WORDS = new Map<string, WordInfo>([
  ['the', word('the', 'zk')],
  ['talks', word('talk', 'zk')],
  ['paid', word('pay', 'zk')],
  ['off', word('off', 'zk')],
  ['debt', word('debt', 'gk')],
  ['ended', word('end', 'zk')],
  ['in', word('in', 'zk')],
  [
    'munich',
    word('munich', 'rare', { entryKey: 'Munich', nameLike: true, general: false, rank: 0, oxford: false }),
  ],
  ['cease', word('cease', 'cet4')],
  ['fire', word('fire', 'zk')],
]);

/** `pay off` is the only phrase. */
const PAY: PhraseNode = {
  next: new Map([['off', { next: new Map(), phrase: { key: 'pay off', word: 'pay off' } }]]),
};

const lexicon: Lexicon = {
  wordInfo: (form) => WORDS.get(form.toLowerCase()) ?? null,
  phrasesStartingWith: (first) => (first === 'pay' ? PAY : undefined),
};

describe('analyzeText with a lexicon', () => {
  it('gives lemma, entry, band and names from the lexicon, and finds its phrases', () => {
    const { tokens, sentences, phrases } = analyzeText(
      'The talks ended in Munich. Kerry paid off the debt.',
      lexicon,
    );
    const words = tokens.filter((t) => t.kind === 'word');
    expect(words.map((t) => t.lemma)).toEqual([
      'the',
      'talk',
      'end',
      'in',
      'munich',
      'kerry',
      'pay',
      'off',
      'the',
      'debt',
    ]);
    expect(words.filter((t) => t.properNoun).map((t) => t.text)).toEqual(['Munich', 'Kerry']);
    expect(words.find((t) => t.text === 'debt')?.band).toBe('gk');
    expect(words.find((t) => t.text === 'Munich')?.entryKey).toBe('Munich');
    expect(sentences).toHaveLength(2);
    expect(words.find((t) => t.text === 'Kerry')?.sentenceIndex).toBe(1);
    expect(phrases.map((p) => p.key)).toEqual(['pay off']);
  });

  it('bands an unknown compound by its hardest known part, and skips phrases on request', () => {
    const { tokens, phrases } = analyzeText('They paid off a cease-fire.', lexicon, { phrases: false });
    expect(tokens.find((t) => t.text === 'cease-fire')?.band).toBe('cet4');
    expect(phrases).toEqual([]);
  });

  it('never throws and tiles the text, for any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const { tokens } = analyzeText(text, lexicon);
        expect(tokens.map((t) => t.text).join('')).toBe(text);
      }),
    );
  });
});
