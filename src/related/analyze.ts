/**
 * Story text → the terms the related-stories engine compares.
 *
 * Pure and deterministic: the same title and body always give the same terms, so the term vectors a
 * store saved yesterday still match the ones computed today (a changed analyzer needs a full
 * rebuild; `ANALYZER_VERSION` says when).
 *
 * - Words are lower-cased, split at anything that is not a letter, digit, inner dot (`U.S.`) or inner
 *   apostrophe; tokens starting with a digit (amounts, `4th`) and stop words are dropped; possessive
 *   `'s` is cut. A light plural stemmer (`companies` → `company`) is available but off by default:
 *   on the tuning half of Reuters it cost 0.015 P@5 (plural and singular forms are used differently
 *   in wire stories: `shares` in earnings tables, `share` in takeover news).
 * - Names: runs of capitalised words taken from the original casing (`Federal Reserve Board`,
 *   `Sergei Lavrov`) are names of people, places and organisations in news text. A run of two or more
 *   words also becomes one phrase term (`federal_reserve_board`), which matches only stories naming
 *   the same thing. Boosting the words of names themselves (`nameBoost`) was measured and lowered
 *   topic precision on both corpora (a company's earnings and its takeover news share its name but
 *   not their topic), so it is off by default; phrase terms cost under 0.002 P@5 and are kept because
 *   a reader expects stories about the same people and places to be related. A text with no lower-case letters (Reuters
 *   headlines are all capitals) carries no casing signal, so no names are taken from it. A capitalised
 *   word that opens a sentence counts as a name only if the story also capitalises it mid-sentence.
 * - Title words count more: a headline says what the story is about.
 */
import { STOP_WORDS } from './stop-words.js';

/** Bumped whenever a change here changes the terms of an existing story (stored vectors go stale). */
export const ANALYZER_VERSION = 1;

/** How text becomes weighted terms. All fields optional; defaults in `DEFAULT_ANALYZE_OPTIONS`. */
export interface AnalyzeOptions {
  /** Extra weight of each title word occurrence, added to its count. Default 1 (a title word counts twice); range 0–5. */
  titleBoost: number;
  /** Multiplier of a word's count when it occurs inside a name. Default 1 (tuned: more hurt); range 1–4. */
  nameBoost: number;
  /** Count given to a multi-word name's phrase term per occurrence. Default 1; range 0–4 (0 = no phrase terms). */
  phraseWeight: number;
  /** Merge plural forms (`companies` → `company`). Default false (tuned: it cost 0.015 P@5 on Reuters). */
  stem: boolean;
}

export const DEFAULT_ANALYZE_OPTIONS: Readonly<AnalyzeOptions> = Object.freeze({
  titleBoost: 1,
  nameBoost: 1,
  phraseWeight: 1,
  stem: false,
});

/** What the engine keeps of a story's text. */
export interface AnalyzedStory {
  /** Term → weighted count (title and name boosts applied). Phrase terms contain `_`. */
  terms: Map<string, number>;
  /** Lower-case words of title and body in order, stop words kept: the input of near-duplicate shingles. */
  words: string[];
}

const TOKEN = /[A-Za-z0-9]+(?:[.'\u2019][A-Za-z0-9]+)*/g;
const SENTENCE_END = /[.!?;:"\u201c\u201d]|\n\s*\n|\n {2,}|\n\t/;
const NAME_JOINERS = new Set(['of', 'de', 'la', 'du', 'van', 'von', 'der']);

interface Token {
  /** Lower-cased surface form, apostrophe endings cut, dots kept. */
  lower: string;
  capitalised: boolean;
  sentenceStart: boolean;
  /** Only white space separates it from the token before (a name can run on across it). */
  joined: boolean;
}

/** Splits text into tokens, remembering casing and sentence starts. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const gap = text.slice(last, start);
    last = start + match[0].length;
    let surface = match[0];
    const apostrophe = surface.search(/['\u2019]/);
    if (apostrophe >= 0)
      surface = surface.slice(0, apostrophe) + surface.slice(apostrophe + 1).replace(/^s$/, '');
    const first = surface.charCodeAt(0);
    tokens.push({
      lower: surface.toLowerCase().replace(/['\u2019]/g, ''),
      capitalised: first >= 65 && first <= 90,
      sentenceStart: tokens.length === 0 || SENTENCE_END.test(gap),
      joined: tokens.length > 0 && /^\s+$/.test(gap) && !SENTENCE_END.test(gap),
    });
  }
  return tokens;
}

/** Light plural stemmer: the variants that a reader would call the same word. */
export function stem(word: string): string {
  if (word.length <= 3 || word.includes('.')) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}

function isContentWord(lower: string): boolean {
  const first = lower.charCodeAt(0);
  return !(first >= 48 && first <= 57) && lower.length > 1 && !STOP_WORDS.has(lower);
}

/** Marks tokens that belong to a name and returns the multi-word names found (as index ranges). */
function findNames(tokens: Token[]): {
  inName: boolean[];
  phrases: [number, number][];
  nameWords: Set<string>;
} {
  const inName = new Array<boolean>(tokens.length).fill(false);
  const phrases: [number, number][] = [];
  const capitalisedMidSentence = new Set<string>();
  for (const token of tokens) {
    if (token.capitalised && !token.sentenceStart) capitalisedMidSentence.add(token.lower);
  }
  const isNameWord = (token: Token) =>
    token.capitalised &&
    isContentWord(token.lower) &&
    (!token.sentenceStart || capitalisedMidSentence.has(token.lower));
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i]!)) {
      i++;
      continue;
    }
    let end = i + 1;
    for (;;) {
      const next = tokens[end];
      if (next?.joined && next.capitalised && isContentWord(next.lower)) {
        end++;
        continue;
      }
      const after = tokens[end + 1];
      if (next?.joined && NAME_JOINERS.has(next.lower) && after?.joined && isNameWord(after)) {
        end += 2;
        continue;
      }
      break;
    }
    for (let j = i; j < end; j++) inName[j] = true;
    if (end - i >= 2) phrases.push([i, end]);
    i = end;
  }
  return { inName, phrases, nameWords: capitalisedMidSentence };
}

interface Part {
  tokens: Token[];
  weight: number;
  inName: boolean[];
  phrases: [number, number][];
}

function readPart(text: string, weight: number, nameWords: Set<string>): Part {
  const tokens = tokenize(text);
  // A text without lower-case letters (an all-capitals headline) says nothing about names.
  if (!/[a-z]/.test(text)) return { tokens, weight, inName: [], phrases: [] };
  const found = findNames(tokens);
  for (const word of found.nameWords) nameWords.add(word);
  return { tokens, weight, inName: found.inName, phrases: found.phrases };
}

/** Analyzes one story. `options` fields left out take their defaults. */
export function analyzeStory(
  story: { title: string; body: string },
  options: Partial<AnalyzeOptions> = {},
): AnalyzedStory {
  const resolved: AnalyzeOptions = { ...DEFAULT_ANALYZE_OPTIONS, ...options };
  const nameWords = new Set<string>();
  const parts = [
    readPart(story.title, 1 + resolved.titleBoost, nameWords),
    readPart(story.body, 1, nameWords),
  ];
  // Names are not stemmed (`Sachs`, `Hughes`), anywhere in the story, so the headline agrees with the body.
  const norm = (lower: string) => (resolved.stem && !nameWords.has(lower) ? stem(lower) : lower);
  const terms = new Map<string, number>();
  const words: string[] = [];
  for (const { tokens, weight, inName, phrases } of parts) {
    tokens.forEach((token, i) => {
      words.push(token.lower);
      if (!isContentWord(token.lower)) return;
      const term = norm(token.lower);
      terms.set(term, (terms.get(term) ?? 0) + weight * (inName[i] ? resolved.nameBoost : 1));
    });
    if (resolved.phraseWeight <= 0) continue;
    for (const [start, end] of phrases) {
      const phrase = tokens
        .slice(start, end)
        .filter((token) => isContentWord(token.lower))
        .map((token) => norm(token.lower))
        .join('_');
      if (phrase.includes('_')) terms.set(phrase, (terms.get(phrase) ?? 0) + weight * resolved.phraseWeight);
    }
  }
  return { terms, words };
}
