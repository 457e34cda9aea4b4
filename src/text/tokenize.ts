/**
 * English news text → tokens with exact character offsets.
 *
 * Pure and total: any string (including lone surrogates and control characters) is tokenized
 * without throwing, and the tokens tile the text: they come in order, never overlap, leave no gap,
 * and `text.slice(t.start, t.end) === t.text` for every token (offsets are UTF-16 code units, as in
 * `String.prototype.slice`). Whitespace is kept as `space` tokens so a renderer can rebuild the text
 * exactly by concatenating tokens; callers that only want words filter on `kind`.
 *
 * Decisions, with the wire-copy case that forced each:
 * - One token per written word. A contraction or possessive stays one `word` token (`don't`,
 *   `Russia's`, `countries'`, `they're`) and `cliticStart` marks where the clitic begins
 *   (`do|n't`, `Russia|'s`, `countries|'`), so a learner clicks the word as written while the
 *   lemmatizer still sees `do` + `not`. Counting `don't` as one word also matches what readability
 *   formulas were calibrated on.
 * - Hyphenated compounds are one word (`cease-fire`, `well-known`, `co-chairs`, `20-year-old`,
 *   `COVID-19`, `U.S.-led`); a run of two or more hyphens is a dash (`--`), and digits on both sides
 *   are a range (`11-12` → `11`, `-`, `12`).
 * - Abbreviations keep their full stop (`U.S.`, `e.g.`, `Feb.`, `Dr.`, `Mr.`, `St.`, initials like
 *   `F.`); the sentence splitter decides whether such a dot also ends a sentence. Initialisms
 *   without dots (`ISSG`, `UN`) are plain words.
 * - Numbers: `3.5`, `1,000`, `10:30`, ordinals and decades (`1st`, `21st`, `1990s`, `'90s`) and
 *   anything else that starts with a digit (`5bn`, `3D`) are `number` tokens. A sign or currency
 *   symbol is its own `punct` token (`$`, `1.28`).
 * - Quotes: `"` `“` `”` `‘` `’` `'` are separate `punct` tokens unless they are an apostrophe inside
 *   or at the end of a word. A straight `'` after a word ending in `s` is a possessive unless a
 *   single quotation opened earlier in the same paragraph is still open.
 * - Dashes: `--`, `—`, `–` (runs of the same character are one token); `...` and `?!` likewise.
 * - URLs (`https://…`, `www.…`) and e-mail addresses are single `url` tokens; runs of CJK
 *   characters (the site's Chinese section names) are `other` tokens, as are control characters.
 */

import {
  MONTH_ABBREVIATIONS,
  NUMBER_ABBREVIATIONS,
  TITLE_ABBREVIATIONS,
  TRAILING_ABBREVIATIONS,
} from './abbreviations.js';
import {
  APOS,
  ASCII_CLASS,
  C,
  classAt,
  classOfCodePoint,
  DOT,
  HYPHEN,
  isAlnumAt,
  isApostrophe,
  isDigitAt,
  isJoiningHyphen,
  isLetterCode,
  isUpperAsciiAt,
  LSQUO,
  RSQUO,
  scanAlnum,
  scanDigits,
  widthAt,
} from './char-classes.js';

/**
 * What a token is.
 * - `word`: has a letter and does not start with a digit (`Lavrov`, `don't`, `cease-fire`, `U.S.`).
 * - `number`: starts with a digit (`21`, `3.5`, `1,000`, `1st`, `1990s`, `5bn`).
 * - `punct`: punctuation and symbols (`,`, `"`, `--`, `—`, `...`, `$`, `%`, emoji).
 * - `space`: a run of whitespace, line breaks included.
 * - `url`: a web address or an e-mail address.
 * - `other`: anything else (a run of Chinese/Japanese/Korean characters, control characters).
 */
export type TokenKind = 'word' | 'number' | 'punct' | 'space' | 'url' | 'other';

/** One token. Offsets are UTF-16 code units into the tokenized string; `end` is exclusive. */
export interface Token {
  /** The token exactly as written: `text.slice(start, end)`. */
  text: string;
  /** Offset of the first code unit, ≥ 0. */
  start: number;
  /** Offset one past the last code unit, > `start`. */
  end: number;
  /** See `TokenKind`. */
  kind: TokenKind;
  /**
   * For a `word` with an English clitic: the offset (start < cliticStart < end) where the clitic
   * begins: `don't` → before `n't`, `Russia's` → before `'s`, `countries'` → before `'`,
   * `we're` → before `'re`. Absent otherwise.
   */
  cliticStart?: number;
}

/**
 * A dotted abbreviation (`U.S.`, `a.m.`, `Ph.D.`, `U.S.S.R.`): at most eight parts. Unbounded, a
 * run such as `U.S.aU.S.a…` (two letters and a dot, over and over, with no final dot) was matched
 * to its end and given up from every word start in it: quadratic, 7 s for 100,000 characters.
 */
const RE_DOTTED = /(?:[A-Za-z]{1,2}\.){1,7}[A-Za-z]{1,2}\.(?![\p{L}\p{N}])/uy;
const RE_URL = /(?:https?:\/\/|www\.)[^\s<>"“”‘’]+/iy;
const RE_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
const RE_TRAILING_URL_PUNCT = /[.,;:!?)\]}'*]+$/;
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 's', 'd']);
const CLITICS = ["'s", "'re", "'ve", "'ll", "'d", "'m"];

/** Where the clitic of a word token starts, if it has one. */
function findClitic(word: string, start: number): number | undefined {
  const n = word.length;
  if (n < 3) return undefined;
  const norm = word.includes('’') ? word.replaceAll('’', "'") : word;
  const lower = norm.toLowerCase();
  if (n >= 4 && lower.endsWith("n't") && isLetterCode(lower.charCodeAt(n - 4))) return start + n - 3;
  if (lower.charCodeAt(n - 1) === APOS) {
    // Plural possessive: `countries'`.
    return lower.charCodeAt(n - 2) === 115 ? start + n - 1 : undefined;
  }
  for (const clitic of CLITICS) {
    if (
      n > clitic.length &&
      lower.endsWith(clitic) &&
      isLetterCode(lower.charCodeAt(n - clitic.length - 1))
    ) {
      return start + n - clitic.length;
    }
  }
  return undefined;
}

/** Tokenizer state carried along the text. */
interface State {
  /** A single quotation mark (`'` or `‘`) opened in this paragraph is not yet closed. */
  singleQuoteOpen: boolean;
  /** Offset of the next `@` at or after the current position (-1: none left), for e-mail addresses. */
  nextAt: number;
}

/**
 * Scan a word starting at `i` (a letter, or a digit followed by letters/hyphen parts).
 * Returns the end offset and where a clitic starts, if any.
 */
function scanWord(text: string, i: number, state: State): [number, number | undefined] {
  RE_DOTTED.lastIndex = i;
  let j: number;
  let dotted = false;
  if (RE_DOTTED.test(text)) {
    j = RE_DOTTED.lastIndex;
    dotted = true;
  } else {
    j = scanAlnum(text, i);
  }
  let joined = false;
  for (;;) {
    const c = text.charCodeAt(j);
    if (isApostrophe(c) && !dotted && classAt(text, j + 1) === C.Letter) {
      j = scanAlnum(text, j + 1);
      joined = true;
      continue;
    }
    if (isJoiningHyphen(c) && isAlnumAt(text, j + 1)) {
      j = scanAlnum(text, j + 1);
      dotted = false;
      joined = true;
      continue;
    }
    if (c === 38 /* & */ && isUpperAsciiAt(text, j - 1) && isUpperAsciiAt(text, j + 1)) {
      j = scanAlnum(text, j + 1);
      joined = true;
      continue;
    }
    break;
  }
  const c = text.charCodeAt(j);
  if (isApostrophe(c) && !dotted && !state.singleQuoteOpen && !isAlnumAt(text, j + 1)) {
    const last = text.charCodeAt(j - 1);
    if (last === 115 || last === 83) j++; // `countries'`, `MINISTERS'`
  } else if (c === DOT && !dotted && !joined) {
    const word = text.slice(i, j);
    if (
      TITLE_ABBREVIATIONS.has(word) ||
      MONTH_ABBREVIATIONS.has(word) ||
      TRAILING_ABBREVIATIONS.has(word) ||
      (word.length === 1 && isUpperAsciiAt(text, i)) ||
      (NUMBER_ABBREVIATIONS.has(word) && /^\.\s*\d/.test(text.slice(j, j + 4)))
    ) {
      j++;
    }
  }
  return [j, dotted ? undefined : findClitic(text.slice(i, j), i)];
}

/** Scan a number starting at digit `i`; returns [end, kind]. */
function scanNumber(text: string, i: number, state: State): [number, TokenKind, number | undefined] {
  let j = scanDigits(text, i);
  let plain = true;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 44 /* , */ && isDigitAt(text, j + 1) && isDigitAt(text, j + 2) && isDigitAt(text, j + 3)) {
      if (isDigitAt(text, j + 4)) break;
      j += 4;
      plain = false;
      continue;
    }
    if (c === DOT && isDigitAt(text, j + 1)) {
      j = scanDigits(text, j + 1);
      plain = false;
      continue;
    }
    if (c === 58 /* : */ && isDigitAt(text, j + 1) && isDigitAt(text, j + 2) && !isDigitAt(text, j + 3)) {
      j += 3;
      plain = false;
      continue;
    }
    break;
  }
  if (classAt(text, j) === C.Letter) {
    const k = scanAlnum(text, j);
    const c = text.charCodeAt(k);
    if (ORDINAL_SUFFIXES.has(text.slice(j, k).toLowerCase()) && !isJoiningHyphen(c) && !isApostrophe(c)) {
      return [k, 'number', undefined]; // `1st`, `1990s`
    }
    if (!plain) return [j, 'number', undefined]; // `3.5` then `km`
    // `5bn`, `3D`, `20-year-old`: a digit-led alphanumeric run.
    const [end, clitic] = scanWord(text, i, state);
    return [end, hasHyphenLetter(text, i, end) ? 'word' : 'number', clitic];
  }
  if (plain && isJoiningHyphen(text.charCodeAt(j)) && classAt(text, j + 1) === C.Letter) {
    const [end, clitic] = scanWord(text, i, state);
    return [end, 'word', clitic];
  }
  // `1990's`
  if (
    isApostrophe(text.charCodeAt(j)) &&
    (text.charCodeAt(j + 1) === 115 || text.charCodeAt(j + 1) === 83) &&
    !isAlnumAt(text, j + 2)
  ) {
    return [j + 2, 'number', undefined];
  }
  return [j, 'number', undefined];
}

/** Does `text[start, end)` contain a hyphen followed by a letter (a compound with a word part)? */
function hasHyphenLetter(text: string, start: number, end: number): boolean {
  for (let k = start; k < end - 1; k++) {
    if (isJoiningHyphen(text.charCodeAt(k)) && classAt(text, k + 1) === C.Letter) return true;
  }
  return false;
}

/** Scan punctuation at `i`; returns the end offset. Updates quote state. */
function scanPunct(text: string, i: number, state: State): number {
  const c = text.charCodeAt(i);
  const w = widthAt(text, i);
  if (c === HYPHEN || c === DOT || c === 0x2014 || c === 0x2013) {
    let j = i + 1;
    while (text.charCodeAt(j) === c) j++;
    return j;
  }
  if (c === 63 /* ? */ || c === 33 /* ! */) {
    let j = i + 1;
    while (text.charCodeAt(j) === 63 || text.charCodeAt(j) === 33) j++;
    return j;
  }
  if (c === LSQUO) state.singleQuoteOpen = true;
  else if (c === RSQUO) state.singleQuoteOpen = false;
  else if (c === APOS) {
    const prev = i === 0 ? 32 : text.charCodeAt(i - 1);
    const prevOpens =
      i === 0 ||
      classAt(text, i - 1) === C.Space ||
      prev === 40 ||
      prev === 91 ||
      prev === 34 ||
      prev === 0x201c ||
      prev === HYPHEN ||
      prev === 0x2014;
    const nextIsText = i + 1 < text.length && classAt(text, i + 1) !== C.Space;
    state.singleQuoteOpen = prevOpens && nextIsText;
  }
  return i + w;
}

/**
 * Split `text` into tokens that tile it exactly (see the module comment for what each kind holds).
 * Never throws; `tokenize('')` is `[]`.
 *
 * @example tokenize("Russia's U.S. cease-fire") →
 *   `Russia's`(word, cliticStart 6) ` ` `U.S.`(word) ` ` `cease-fire`(word)
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  const state: State = { singleQuoteOpen: false, nextAt: text.indexOf('@') };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? (ASCII_CLASS[c] as C) : classOfCodePoint(text.codePointAt(i) as number);
    let end: number;
    let kind: TokenKind;
    let clitic: number | undefined;
    if (cls === C.Space) {
      end = i + 1;
      let newline = c === 10 || c === 13;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d < 128 ? ASCII_CLASS[d] !== C.Space : classOfCodePoint(d) !== C.Space) break;
        if (d === 10 || d === 13) newline = true;
        end++;
      }
      if (newline) state.singleQuoteOpen = false;
      kind = 'space';
    } else if (cls === C.Letter || cls === C.Digit) {
      const url = matchUrl(text, i, state);
      if (url > i) {
        end = url;
        kind = 'url';
      } else if (cls === C.Digit) {
        [end, kind, clitic] = scanNumber(text, i, state);
      } else {
        [end, clitic] = scanWord(text, i, state);
        kind = 'word';
      }
    } else if (
      isApostrophe(c) &&
      isDigitAt(text, i + 1) &&
      isDigitAt(text, i + 2) &&
      (text.charCodeAt(i + 3) === 115 || text.charCodeAt(i + 3) === 83) &&
      !isAlnumAt(text, i + 4)
    ) {
      end = i + 4; // `'90s`
      kind = 'number';
    } else if (cls === C.Punct) {
      end = scanPunct(text, i, state);
      kind = 'punct';
    } else if (cls === C.Cjk) {
      end = i + widthAt(text, i);
      while (end < n && classAt(text, end) === C.Cjk) end += widthAt(text, end);
      kind = 'other';
    } else {
      end = i + widthAt(text, i);
      while (end < n && classAt(text, end) === C.Other) end += widthAt(text, end);
      kind = 'other';
    }
    const token: Token = { text: text.slice(i, end), start: i, end, kind };
    if (clitic !== undefined) token.cliticStart = clitic;
    tokens.push(token);
    i = end;
  }
  return tokens;
}

/** End of a URL or e-mail address starting at `i`, or `i` if there is none. */
function matchUrl(text: string, i: number, state: State): number {
  const c = text.charCodeAt(i) | 0x20;
  if (c === 104 /* h */ || c === 119 /* w */) {
    const head = text.slice(i, i + 8).toLowerCase();
    if (head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.')) {
      RE_URL.lastIndex = i;
      if (RE_URL.test(text)) {
        const trimmed = text.slice(i, RE_URL.lastIndex).replace(RE_TRAILING_URL_PUNCT, '');
        if (trimmed.length > 4 && trimmed.includes('.')) return i + trimmed.length;
      }
    }
  }
  if (state.nextAt >= 0) {
    if (state.nextAt < i) state.nextAt = text.indexOf('@', i);
    if (state.nextAt > i && state.nextAt - i <= 64) {
      RE_EMAIL.lastIndex = i;
      if (RE_EMAIL.test(text)) return RE_EMAIL.lastIndex;
    }
  }
  return i;
}

/** The text of a word without its clitic (`Russia's` → `Russia`, `don't` → `do`, `ran` → `ran`). */
export function wordBase(token: Token): string {
  return token.cliticStart === undefined ? token.text : token.text.slice(0, token.cliticStart - token.start);
}

/** The clitic of a word, apostrophe normalised to `'` (`don't` → `n't`, `Russia's` → `'s`), or `''`. */
export function wordClitic(token: Token): string {
  return token.cliticStart === undefined
    ? ''
    : token.text.slice(token.cliticStart - token.start).replaceAll('’', "'");
}
