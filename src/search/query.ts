/**
 * What a reader types into the search box, read into the parts both stores understand:
 *
 * - words: `ceasefire Syria` — every word must be in the story (title or text), in any form
 *   (the stores stem: `discussed` finds `discussion`);
 * - phrases in double quotes: `"cessation of hostilities"` — the words next to each other;
 * - `-word` or `-"a phrase"` — stories containing it are left out.
 *
 * Words are cut where the stores' tokenizers cut them (letters and digits, everything else a
 * separator), so `cease-fire` or `U.S.` become the phrases `cease fire` and `u s`. A lone common
 * word (`the`, `of`) is dropped when the query has other words, as PostgreSQL's English
 * configuration does: it says nothing about which story is meant and costs a scan of every
 * story; inside a phrase it stays. Never throws: what cannot be searched comes back as a message
 * a person can act on.
 */
import { STOP_WORDS } from '../text/stop-words.js';

/** A query the stores run: each entry a phrase of one or more lower-case tokens. */
export interface ParsedQuery {
  /** Every phrase must match. Never empty. */
  include: string[][];
  /** No phrase may match. */
  exclude: string[][];
  /**
   * Every included token in the order typed, common words too: a story holding them side by side
   * (`"said the company would"` remembered from a sentence) ranks above one that has them apart.
   */
  sequence: string[];
}

/** Longest query read, in characters; the rest is ignored. */
export const MAX_QUERY_LENGTH = 500;
/** Most phrases and words a query may hold (include and exclude together). */
export const MAX_QUERY_PARTS = 16;
/** Most words in one phrase. */
const MAX_PHRASE_TOKENS = 12;

export type QueryResult = { ok: true; query: ParsedQuery } | { ok: false; message: string };

const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

/** The lower-case tokens of `text`, cut where FTS5's unicode61 tokenizer cuts. */
export function queryTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/** Reads `raw` (the `q` parameter). */
export function parseQuery(raw: string): QueryResult {
  const text = raw.slice(0, MAX_QUERY_LENGTH);
  if (text.trim() === '') {
    return { ok: false, message: 'Type a few words to search for, such as: ceasefire Syria.' };
  }
  const include: string[][] = [];
  const exclude: string[][] = [];
  const sequence: string[] = [];
  // A quoted phrase (the closing quote may be missing), or a run of non-space characters.
  const part = /(-?)(?:["“”]([^"“”]*)["“”]?|([^\s"“”]+))/gu;
  for (const match of text.matchAll(part)) {
    const negated = match[1] === '-';
    const tokens = queryTokens(match[2] ?? match[3] ?? '').slice(0, MAX_PHRASE_TOKENS);
    if (tokens.length === 0) continue;
    if (negated) exclude.push(tokens);
    else {
      include.push(tokens);
      sequence.push(...tokens);
    }
  }
  const kept = dropLoneStopWords(dedupe(include));
  if (kept.length === 0) {
    return exclude.length > 0
      ? { ok: false, message: 'Add a word to look for: -word only leaves stories out.' }
      : { ok: false, message: 'Search for words made of letters or digits, such as: ceasefire Syria.' };
  }
  if (kept.length + exclude.length > MAX_QUERY_PARTS) {
    return { ok: false, message: `Use at most ${MAX_QUERY_PARTS} words and phrases.` };
  }
  return {
    ok: true,
    query: { include: kept, exclude: dedupe(exclude), sequence: sequence.slice(0, MAX_PHRASE_TOKENS) },
  };
}

function dedupe(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stop words that name things in the news: the US, (Theresa) May, the month. */
const NAMES = new Set(['us', 'may']);

function dropLoneStopWords(phrases: string[][]): string[][] {
  const meaningful = phrases.filter((p) => p.length > 1 || NAMES.has(p[0]!) || !STOP_WORDS.has(p[0]!));
  return meaningful.length > 0 ? meaningful : phrases;
}
