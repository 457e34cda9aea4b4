/**
 * Character classes for the tokenizer (`tokenize.ts`): what a code point is (letter, digit,
 * space, punctuation, CJK, other), with a table for ASCII and a small cache for the rest, and the
 * scanning helpers built on them. Kept apart so `tokenize.ts` reads as the token rules only.
 */

/** Class of a code point. */
export enum C {
  Other = 0,
  Letter = 1,
  Digit = 2,
  Space = 3,
  Punct = 4,
  Cjk = 5,
}

/** Code units the tokenizer tests by value: `'`, `’`, `‘`, `-`, `.`. */
export const APOS = 39; // '
export const RSQUO = 0x2019; // ’
export const LSQUO = 0x2018; // ‘
export const HYPHEN = 45;
export const DOT = 46;

/** Class of every ASCII code unit, by code. */
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII_CLASS[c] = C.Letter;
  else if (c >= 48 && c <= 57) ASCII_CLASS[c] = C.Digit;
  else if (c === 32 || (c >= 9 && c <= 13)) ASCII_CLASS[c] = C.Space;
  else if (c > 32 && c < 127) ASCII_CLASS[c] = C.Punct;
  else ASCII_CLASS[c] = C.Other;
}

const RE_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;
const RE_WORDCHAR = /[\p{L}\p{M}\p{N}]/u;
const RE_SPACE = /\s/u;
const RE_PUNCT = /[\p{P}\p{S}]/u;
const nonAsciiClassCache = new Map<number, C>();

/** Class of a code point (lone surrogates are `Other`); non-ASCII answers are cached. */
export function classOfCodePoint(cp: number): C {
  if (cp < 128) return ASCII_CLASS[cp] as C;
  const cached = nonAsciiClassCache.get(cp);
  if (cached !== undefined) return cached;
  let cls: C;
  if (cp >= 0xd800 && cp <= 0xdfff)
    cls = C.Other; // lone surrogate
  else {
    const ch = String.fromCodePoint(cp);
    if (RE_CJK.test(ch)) cls = C.Cjk;
    else if (RE_WORDCHAR.test(ch)) cls = C.Letter;
    else if (RE_SPACE.test(ch)) cls = C.Space;
    else if (RE_PUNCT.test(ch)) cls = C.Punct;
    else cls = C.Other;
  }
  if (nonAsciiClassCache.size < 4096) nonAsciiClassCache.set(cp, cls);
  return cls;
}

/** Class of the code point at `i` (C.Other past the end). */
export function classAt(text: string, i: number): C {
  if (i >= text.length) return C.Other;
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c] as C;
  return classOfCodePoint(text.codePointAt(i) as number);
}

/** Width in code units of the code point at `i`. */
export function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Is the code point at `i` a letter or a digit? */
export function isAlnumAt(text: string, i: number): boolean {
  const cls = classAt(text, i);
  return cls === C.Letter || cls === C.Digit;
}

/** `'` or `’`. */
export function isApostrophe(c: number): boolean {
  return c === APOS || c === RSQUO;
}

/** A hyphen that joins a compound: `-`, U+2010, U+2011. */
export function isJoiningHyphen(c: number): boolean {
  return c === HYPHEN || c === 0x2010 || c === 0x2011;
}

/** End of a run of letters and digits starting at `i`. */
export function scanAlnum(text: string, i: number): number {
  let j = i;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      const cls = ASCII_CLASS[c];
      if (cls !== C.Letter && cls !== C.Digit) break;
      j++;
    } else {
      const cls = classOfCodePoint(text.codePointAt(j) as number);
      if (cls !== C.Letter && cls !== C.Digit) break;
      j += widthAt(text, j);
    }
  }
  return j;
}

/** End of a run of ASCII digits starting at `i`. */
export function scanDigits(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j;
}

/** Is the code unit at `i` an ASCII digit? */
export function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Is the code unit at `i` an ASCII capital? */
export function isUpperAsciiAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
}

/** Is code point `c` a letter? */
export function isLetterCode(c: number): boolean {
  return c < 128 ? ASCII_CLASS[c] === C.Letter : classOfCodePoint(c) === C.Letter;
}
