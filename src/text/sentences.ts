/**
 * Tokens → sentences, as spans on token boundaries.
 *
 * Rule-based, tuned for wire copy. A sentence ends at `.`, `?`, `!`, `...`, `…` (with any closing
 * quotes and brackets that follow it) when the next token could open a sentence: a capitalised
 * word, a number, or an opening quote or bracket. So `"Why?" he asked` and `… nearing
 * completion," the statement said` stay one sentence, and `… Syria. "The foreign ministers …`
 * breaks. A word that keeps its dot (see `tokenize.ts`) needs more:
 * - titles (`Mr.`, `Dr.`, `St.`, `Gen.`, `No.`) never end a sentence;
 * - months (`Feb.`) end one only if no day number follows (`Feb. 21` does not break);
 * - initialisms and the rest (`U.S.`, `Inc.`, `F.`) end one only before a typical sentence opener
 *   (`… in the U.S. The talks` breaks, `U.S. Secretary of State` does not).
 * Line breaks also end sentences: every line break by default (stories are stored one paragraph a
 * line, and a headline or dateline line has no full stop), or only blank lines with
 * `lineBreaks: 'blank'` for hard-wrapped text such as Reuters copy.
 *
 * A sentence span starts at its first non-space token and ends after its last non-space token, so
 * whitespace between sentences belongs to none. Total: never throws, `[]` for empty or blank text.
 */

import {
  MONTH_ABBREVIATIONS,
  NON_FINAL_DOTTED,
  SENTENCE_OPENERS,
  TITLE_ABBREVIATIONS,
} from './abbreviations.js';
import { type Token, tokenize } from './tokenize.js';

/** One sentence: character offsets and the token range it covers. */
export interface Sentence {
  /** Offset of the sentence's first character (= `tokens[tokenStart].start`). */
  start: number;
  /** Offset one past its last character (= `tokens[tokenEnd - 1].end`). */
  end: number;
  /** Index of its first token. */
  tokenStart: number;
  /** Index one past its last token (exclusive); always > `tokenStart`. */
  tokenEnd: number;
}

/** How sentences are split. All fields optional; defaults in `DEFAULT_SENTENCE_OPTIONS`. */
export interface SentenceOptions {
  /**
   * Which line breaks end a sentence. `'every'` (default): any line break, for text stored one
   * paragraph a line (the seed format, JSON Lines bodies). `'blank'`: only a blank line, for
   * hard-wrapped text. `'indented'`: a blank line or a line break before an indented line (two or
   * more spaces or a tab), for hard-wrapped text whose paragraphs start indented (Reuters-21578
   * bodies wrap at ~70 characters and indent each paragraph and table row).
   */
  lineBreaks: 'every' | 'blank' | 'indented';
}

/** The defaults of every `SentenceOptions` field. */
export const DEFAULT_SENTENCE_OPTIONS: Readonly<SentenceOptions> = { lineBreaks: 'every' };

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '}', '»']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«']);
const RE_UPPER_START = /^\p{Lu}/u;
const RE_TERMINAL = /^(?:[.?!…]+)$/;
const RE_BLANK_LINE = /(?:\r\n|\n|\r|\u2028|\u2029)[^\S\n\r\u2028\u2029]*(?:\r\n|\n|\r|\u2029)|\u2029/;
const RE_INDENTED_LINE = /[\n\r\u2028](?: {2,}|\t)/;

function breaksLine(token: Token, options: SentenceOptions): boolean {
  if (token.kind !== 'space') return false;
  const text = token.text;
  const first = text.search(/[\n\r\u2028\u2029]/);
  if (first < 0) return false;
  if (options.lineBreaks === 'every') return true;
  // A blank line: two line breaks with only spaces between (`\r\n` counts once).
  if (RE_BLANK_LINE.test(text)) return true;
  return options.lineBreaks === 'indented' && RE_INDENTED_LINE.test(text);
}

function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return RE_UPPER_START.test(text);
}

/** Could `token` open a sentence? */
function opensSentence(token: Token): boolean {
  if (token.kind === 'number') return true;
  if (token.kind === 'word' || token.kind === 'url') return startsUpper(token.text);
  if (token.kind === 'punct') return OPENERS.has(token.text) || token.text === '--' || token.text === '—';
  return token.kind === 'other';
}

/** Is `token` a capitalised word that typically opens a sentence (`The`, `He`, `But`)? */
function isTypicalOpener(token: Token): boolean {
  if (token.kind === 'punct') return OPENERS.has(token.text);
  if (token.kind !== 'word' || !startsUpper(token.text)) return false;
  const base =
    token.cliticStart === undefined ? token.text : token.text.slice(0, token.cliticStart - token.start);
  return SENTENCE_OPENERS.has(base.toLowerCase());
}

/** Does the sentence end after terminal token `terminal`, given the next non-space token `next`? */
function endsSentence(terminal: Token, next: Token): boolean {
  if (terminal.kind === 'punct') return opensSentence(next);
  // A word that kept its dot: an abbreviation.
  const word = terminal.text.slice(0, -1);
  if (NON_FINAL_DOTTED.has(terminal.text)) return false;
  if (TITLE_ABBREVIATIONS.has(word)) return false;
  if (MONTH_ABBREVIATIONS.has(word)) return next.kind !== 'number' && isTypicalOpener(next);
  if (word === 'No' || word === 'no' || word === 'Nos' || word === 'pp')
    return next.kind !== 'number' && opensSentence(next);
  return isTypicalOpener(next);
}

function isTerminal(token: Token): boolean {
  if (token.kind === 'punct') return RE_TERMINAL.test(token.text);
  return token.kind === 'word' && token.text.charCodeAt(token.text.length - 1) === 46;
}

/**
 * Split tokenized text into sentences (see the module comment for the rules).
 *
 * @param tokens the tokens of one text, as `tokenize` returns them (spaces included).
 * @returns sentence spans in text order; consecutive, non-overlapping, each on token boundaries.
 */
export function splitSentences(tokens: readonly Token[], options: Partial<SentenceOptions> = {}): Sentence[] {
  const opts: SentenceOptions = { ...DEFAULT_SENTENCE_OPTIONS, ...options };
  const out: Sentence[] = [];
  const n = tokens.length;
  let first = -1; // first token of the open sentence
  let last = -1; // last non-space token of the open sentence
  const close = (): void => {
    if (first >= 0) {
      const a = tokens[first] as Token;
      const b = tokens[last] as Token;
      out.push({ start: a.start, end: b.end, tokenStart: first, tokenEnd: last + 1 });
    }
    first = -1;
    last = -1;
  };
  let i = 0;
  while (i < n) {
    const token = tokens[i] as Token;
    if (token.kind === 'space') {
      if (breaksLine(token, opts)) close();
      i++;
      continue;
    }
    if (first < 0) first = i;
    last = i;
    i++;
    if (!isTerminal(token)) continue;
    // Take closing quotes and brackets that follow the terminal directly (`."`, `?)`, `.’`).
    while (i < n && (tokens[i] as Token).kind === 'punct' && CLOSERS.has((tokens[i] as Token).text)) {
      last = i;
      i++;
    }
    let k = i;
    while (k < n && (tokens[k] as Token).kind === 'space') k++;
    if (k >= n) continue;
    if (endsSentence(token, tokens[k] as Token)) close();
  }
  close();
  return out;
}

/** Tokenize `text` and split it into sentences. */
export function sentencesOf(text: string, options: Partial<SentenceOptions> = {}): Sentence[] {
  return splitSentences(tokenize(text), options);
}
