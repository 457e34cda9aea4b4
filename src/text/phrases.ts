/**
 * Find a lexicon's phrases (ECDICT's in lingwire: `pay off`, `in accordance with`, `as well as`) in tokenized text.
 *
 * Each phrase word may match a token's written form or its lemma, so `were paid off` finds `pay
 * off` and `pushed forward` finds `push forward`. The placeholders `one's` and `oneself` match any
 * possessive (`his`, `their`, `Russia's`) or reflexive pronoun. Phrase words must be consecutive
 * words separated by plain spaces (no punctuation, no line break) in one sentence. Scanning is left
 * to right, longest match first; matches never overlap. Among matches of the same length the one
 * written in lemmas wins (`running away` → `run away` 逃跑, not the technical entry `running away`).
 * Phrases split by an object (`pay it off`) are not found. A two-word phrase ending in a preposition
 * is skipped before a name or number (`held in Munich` is not `hold in` 抑制).
 */

import type { Lexicon, PhraseNode } from './lexicon.js';
import type { Token } from './tokenize.js';

/** One phrase found in a text. */
export interface PhraseMatch {
  /** The phrase key: lower-case words joined by one space (`pay off`). */
  key: string;
  /** Headword of the phrase's entry (`pay off`, `Security Council`): what a reader opens. */
  entryKey: string;
  /** Index of the phrase's first token. */
  tokenStart: number;
  /** Index one past its last token (exclusive). */
  tokenEnd: number;
  /** Character offset where the phrase starts. */
  start: number;
  /** Character offset one past its end. */
  end: number;
}

/** A token, optionally with the lemma the analyser already found (then no lookup is repeated). */
export type PhraseToken = Token & { lemma?: string | null };

const POSSESSIVES = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their', "one's"]);
const REFLEXIVES = new Set([
  'myself',
  'yourself',
  'himself',
  'herself',
  'itself',
  'ourselves',
  'yourselves',
  'themselves',
  'oneself',
]);

function isPlainGap(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'space' && (token.text === ' ' || !/[\n\r]/.test(token.text));
}

/** The forms a word token can match in a phrase. */
function alternativesOf(token: PhraseToken, lexicon: Lexicon): string[] {
  const text =
    token.cliticStart === undefined || !token.text.includes('’')
      ? token.text
      : token.text.replaceAll('’', "'");
  const base = (
    token.cliticStart === undefined ? text : text.slice(0, token.cliticStart - token.start)
  ).toLowerCase();
  const out = [base];
  const lemma = token.lemma !== undefined ? token.lemma : (lexicon.wordInfo(base)?.lemma ?? null);
  if (lemma && lemma !== base) out.push(lemma);
  const clitic = token.cliticStart === undefined ? '' : text.slice(token.cliticStart - token.start);
  if (POSSESSIVES.has(base) || clitic === "'s" || clitic === "'") out.push("one's");
  if (REFLEXIVES.has(base)) out.push('oneself');
  return out;
}

const PREPOSITIONS = new Set(['in', 'on', 'at', 'to', 'for', 'with', 'of', 'by', 'from', 'into', 'about']);

/**
 * `held in Munich` is `hold` + a place, not the phrasal verb `hold in` (抑制): a two-word phrase
 * ending in a preposition is dropped when a name or a number follows it.
 */
function looksPrepositional(key: string, next: Token | undefined): boolean {
  const space = key.indexOf(' ');
  if (space < 0 || key.indexOf(' ', space + 1) >= 0 || !PREPOSITIONS.has(key.slice(space + 1))) return false;
  if (!next) return false;
  return next.kind === 'number' || (next.kind === 'word' && /^\p{Lu}/u.test(next.text));
}

interface Best {
  last: number;
  phrase: { key: string; word: string };
  lemmaHits: number;
}

/** One left-to-right scan; a class so the hot loop creates no closures. */
class Scanner {
  readonly words: number[] = [];
  /** joined[k]: word k and word k + 1 are separated by exactly one plain space token. */
  readonly joined: boolean[] = [];
  private readonly alternatives: (string[] | undefined)[] = [];

  constructor(
    private readonly tokens: readonly PhraseToken[],
    private readonly lexicon: Lexicon,
  ) {
    for (let i = 0; i < tokens.length; i++) {
      if ((tokens[i] as Token).kind !== 'word') continue;
      const n = this.words.length;
      if (n > 0) {
        const prev = this.words[n - 1] as number;
        this.joined[n - 1] = i === prev + 2 && isPlainGap(tokens[prev + 1]);
      }
      this.words.push(i);
    }
    this.joined[this.words.length - 1] = false;
  }

  alts(k: number): string[] {
    let a = this.alternatives[k];
    if (!a) {
      a = alternativesOf(this.tokens[this.words[k] as number] as PhraseToken, this.lexicon);
      this.alternatives[k] = a;
    }
    return a;
  }

  /** Longest phrase starting at word `k`, or null. */
  matchAt(k: number): Best | null {
    let best: Best | null = null;
    const alts = this.alts(k);
    for (let a = 0; a < alts.length; a++) {
      const root = this.lexicon.phrasesStartingWith(alts[a] as string);
      if (root) best = this.walk(root, k, k, a === 0 ? 0 : 1, best);
    }
    return best;
  }

  private walk(node: PhraseNode, k: number, at: number, lemmaHits: number, best: Best | null): Best | null {
    let result = best;
    if (node.phrase && at > k) {
      if (!result || at > result.last || (at === result.last && lemmaHits > result.lemmaHits)) {
        result = { last: at, phrase: node.phrase, lemmaHits };
      }
    }
    if (!this.joined[at] || node.next.size === 0) return result;
    const alts = this.alts(at + 1);
    for (let a = 0; a < alts.length; a++) {
      const child = node.next.get(alts[a] as string);
      if (child) result = this.walk(child, k, at + 1, lemmaHits + (a === 0 ? 0 : 1), result);
    }
    return result;
  }
}

/**
 * Phrases of `lexicon` found in `tokens` (as from `tokenize`, spaces included, or `analyzeText`'s
 * tokens, whose lemmas are reused). Returns matches in text order, non-overlapping.
 */
export function findPhrases(tokens: readonly PhraseToken[], lexicon: Lexicon): PhraseMatch[] {
  const scan = new Scanner(tokens, lexicon);
  const { words, joined } = scan;
  const out: PhraseMatch[] = [];
  let k = 0;
  while (k < words.length) {
    const found = joined[k] ? scan.matchAt(k) : null;
    if (found && !looksPrepositional(found.phrase.key, tokens[words[found.last + 1] ?? -1])) {
      const first = tokens[words[k] as number] as Token;
      const lastIndex = words[found.last] as number;
      out.push({
        key: found.phrase.key,
        entryKey: found.phrase.word,
        tokenStart: words[k] as number,
        tokenEnd: lastIndex + 1,
        start: first.start,
        end: (tokens[lastIndex] as Token).end,
      });
      k = found.last + 1;
    } else {
      k++;
    }
  }
  return out;
}
