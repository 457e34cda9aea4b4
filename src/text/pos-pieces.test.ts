import { describe, expect, it } from 'vitest';
import { pieceLemma, tokenPieces } from './pos-pieces.js';
import { tokenize } from './tokenize.js';

/** The pieces of the first word of `text`, as `text/start/end` (hyphens marked with a leading `~`). */
function pieces(text: string, base?: string) {
  const token = tokenize(text).find((t) => t.kind === 'word');
  if (!token) throw new Error(`no word in ${text}`);
  const { pieces: out, head } = tokenPieces(token, base ?? token.text);
  return {
    pieces: out.map((p) => `${p.word ? '' : '~'}${p.text}@${p.start}-${p.end}${p.clitic ? "'" : ''}`),
    head: out[head]?.text,
  };
}

describe('tokenPieces', () => {
  it('splits a clitic off as the treebank does, the base being the head', () => {
    expect(pieces("It's late", 'It')).toEqual({ pieces: ['It@0-2', "'s@2-4'"], head: 'It' });
    expect(pieces('can’t', 'can')).toEqual({ pieces: ['can@0-2', "n't@2-5'"], head: 'can' });
    expect(pieces("Russia's", 'Russia').pieces).toEqual(['Russia@0-6', "'s@6-8'"]);
  });

  it('splits a hyphenated compound into its parts, the last being the head, but not after a prefix', () => {
    expect(pieces('well-known')).toEqual({ pieces: ['well@0-4', '~-@4-5', 'known@5-10'], head: 'known' });
    expect(pieces('F-16-launched').pieces).toEqual(['F@0-1', '~-@1-2', '16@2-4', '~-@4-5', 'launched@5-13']);
    expect(pieces('e-mail').pieces).toEqual(['e-mail@0-6']);
    expect(pieces('non-human').pieces).toEqual(['non-human@0-9']);
    expect(pieces('co-chair').pieces).toEqual(['co-chair@0-8']);
  });

  it('splits a contraction written without an apostrophe, and no English word', () => {
    expect(pieces('dont')).toEqual({ pieces: ['do@0-2', "nt@2-4'"], head: 'do' });
    expect(pieces('Thats').pieces).toEqual(['That@0-4', "s@4-5'"]);
    expect(pieces('its').pieces).toEqual(['its@0-3']);
    expect(pieces('ill').pieces).toEqual(['ill@0-3']);
  });
});

describe('pieceLemma', () => {
  const lemmaOf = (text: string) => text.toLowerCase();
  const piece = (text: string, pos: 'AUX' | 'PART' | 'VERB' | 'NOUN', clitic = true) => ({
    text,
    start: 0,
    end: text.length,
    pos,
    ...(clitic ? { clitic: true as const } : {}),
  });
  it("gives a clitic what it stands for: 's as a verb is be, as a possessive 's", () => {
    expect(pieceLemma(piece("'s", 'AUX'), lemmaOf)).toBe('be');
    expect(pieceLemma(piece('’s', 'PART'), lemmaOf)).toBe("'s");
    expect(pieceLemma(piece('s', 'AUX'), lemmaOf)).toBe('be');
    expect(pieceLemma(piece("n't", 'PART'), lemmaOf)).toBe('not');
    expect(pieceLemma(piece('nt', 'PART'), lemmaOf)).toBe('not');
    expect(pieceLemma(piece("'ll", 'AUX'), lemmaOf)).toBe('will');
    expect(pieceLemma(piece('ca', 'AUX', false), lemmaOf)).toBe('can');
    expect(pieceLemma(piece('Known', 'VERB', false), lemmaOf)).toBe('known');
  });
});
