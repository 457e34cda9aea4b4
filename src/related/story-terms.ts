/**
 * Story text → the terms the related-stories engine compares.
 *
 * Pure and deterministic: the same title and body always give the same terms, so the term vectors a
 * store saved yesterday still match the ones computed today (a changed analyzer needs a full
 * rebuild; `ANALYZER_VERSION` says when). Built on lingwire's one tokenizer and sentence splitter
 * (`text/tokenize.ts`, `text/sentences.ts`): `storyTermsFromTokens` takes tokens a caller already
 * has, so a story is tokenized once for its level, its reader markup and its terms.
 *
 * - Words are lower-cased; hyphenated compounds count as their parts (`cease-fire` → `cease`,
 *   `fire`; `20-year-old` → `year`, `old`; `S&P` → `s`, `p`), abbreviations lose their final dot
 *   (`U.S.` → `u.s`), words glued by dots stay one term (`<BP.L>` → `bp.l`), possessive `'s` and
 *   `'` are cut (`Moody's` → `moody`), other apostrophes are dropped (`don't` → `dont`, a stop word;
 *   `they're` → `theyre`). Numbers (with a unit written onto them: `9.3bn`), words starting with a
 *   digit, one-letter words and stop words (`text/stop-words.ts`) are not terms; a URL gives its
 *   host (`www.dec.org.uk`).
 *   These boundaries reproduce the terms of the regex tokenizer this module had before for all but
 *   9 of 8,762 Reuters and 13 of 1,780 BBC stories (`O'Sullivan's` is now `osullivan`). An
 *   upper-case `'S` stays as it was (`JAPAN'S` → `japans`): cutting it too changed the tuning-half
 *   figures by less than their noise (see `bench/related-quality.ts`).
 *   A light plural stemmer (`companies` → `company`) is available but off
 *   by default: on the tuning half of Reuters it cost 0.015 P@5 (plural and singular forms are used
 *   differently in wire stories: `shares` in earnings tables, `share` in takeover news).
 * - Names: runs of capitalised words taken from the original casing (`Federal Reserve Board`,
 *   `Sergei Lavrov`) are names of people, places and organisations in news text. A run of two or more
 *   words also becomes one phrase term (`federal_reserve_board`), which matches only stories naming
 *   the same thing. A run continues only across plain spaces in one clause: punctuation, a sentence
 *   end (`splitSentences`) or a paragraph break ends it. Boosting the words of names themselves
 *   (`nameBoost`) was measured and lowered topic precision on both corpora (a company's earnings and
 *   its takeover news share its name but not their topic), so it is off by default; phrase terms cost
 *   under 0.002 P@5 and are kept because a reader expects stories about the same people and places to
 *   be related. A text with no lower-case letters (Reuters headlines are all capitals) carries no
 *   casing signal, so no names are taken from it. A capitalised word that opens a sentence or clause
 *   (after `;`, `:` or a quotation mark) counts as a name only if the story also capitalises it
 *   mid-sentence.
 * - Title words count more: a headline says what the story is about.
 */
import { type Sentence, type SentenceOptions, splitSentences } from '../text/sentences.js';
import { STOP_WORDS } from '../text/stop-words.js';
import { type Token, tokenize } from '../text/tokenize.js';

/** Bumped whenever a change here changes the terms of an existing story (stored vectors go stale). */
export const ANALYZER_VERSION = 2;

/** How text becomes weighted terms. All fields optional; defaults in `DEFAULT_TERM_OPTIONS`. */
export interface TermOptions {
  /** Extra weight of each title word occurrence, added to its count. Default 1 (a title word counts twice); range 0–5. */
  titleBoost: number;
  /** Multiplier of a word's count when it occurs inside a name. Default 1 (tuned: more hurt); range 1–4. */
  nameBoost: number;
  /** Count given to a multi-word name's phrase term per occurrence. Default 1; range 0–4 (0 = no phrase terms). */
  phraseWeight: number;
  /** Merge plural forms (`companies` → `company`). Default false (tuned: it cost 0.015 P@5 on Reuters). */
  stem: boolean;
  /**
   * Which line breaks end a sentence, and so a name (see `SentenceOptions`). Default `'indented'`: a
   * blank line or an indented line, so names run on across the hard-wrapped lines of wire copy.
   */
  lineBreaks: SentenceOptions['lineBreaks'];
}

/** The defaults of every `TermOptions` field. */
export const DEFAULT_TERM_OPTIONS: Readonly<TermOptions> = Object.freeze({
  titleBoost: 1,
  nameBoost: 1,
  phraseWeight: 1,
  stem: false,
  lineBreaks: 'indented',
});

/** What the engine keeps of a story's text. */
export interface StoryTerms {
  /** Term → weighted count (title and name boosts applied). Phrase terms contain `_`. */
  terms: Map<string, number>;
  /** Lower-case words and numbers of title and body in order, stop words kept: the input of near-duplicate shingles. */
  words: string[];
}

const NAME_JOINERS = new Set(['of', 'de', 'la', 'du', 'van', 'von', 'der']);
/**
 * Clitics cut from a word. The others only lose their apostrophe (`dont`, `isnt` are stop words;
 * cutting `can't` would leave `ca`). Cutting `'re`, `'ve`, `'ll`, `'d`, `'m` too (`theyre` → `they`)
 * moved the tuning-half figures by less than reordering one story's terms does, so it was left out.
 */
const CUT_CLITICS = new Set(["'s", "'"]);
const RE_WORD_JOINERS = /[-\u2010\u2011&]+/;
const RE_UPPER = /^\p{Lu}/u;
const RE_NUMBER_SEPARATORS = /[,:'\u2019]/;
const RE_POSSESSIVE = /['\u2019]s$/;
const RE_HOST = /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?([^/:?#]+)/i;

/** A word (or a part of a hyphenated one) as the term extraction sees it. */
interface TermToken {
  /** Lower-cased form, clitic cut, apostrophes and a final dot dropped. */
  lower: string;
  capitalised: boolean;
  /** First word of a sentence or clause: its capital says little. */
  sentenceStart: boolean;
  /** Only plain space separates it from the word before, in the same clause (a name can run on across it). */
  joined: boolean;
}

/** Does this punctuation end a clause for names (`;`, `:`, quotation marks, sentence-final marks)? */
function endsClause(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 46: // .
      case 33: // !
      case 63: // ?
      case 59: // ;
      case 58: // :
      case 34: // "
      case 0x201c: // “
      case 0x201d: // ”
        return true;
    }
  }
  return false;
}

/**
 * Index of the last token of the word starting at token `i`. Words joined by single dots with no
 * space (`<BP.L>`, `S.Korea`, `U.S` without its final dot) are one term, as a ticker or a squeezed
 * abbreviation is one name (the tokenizer, which must not join `said.The` for a reader, splits
 * them); a unit written onto its number (`9.3bn`, `21.5m`) belongs to the number.
 */
function wordEnd(tokens: readonly Token[], i: number): number {
  if ((tokens[i] as Token).kind === 'number') return tokens[i + 1]?.kind === 'word' ? i + 1 : i;
  let end = i;
  for (;;) {
    const next = tokens[end + 1];
    if (next?.kind === 'word' && (tokens[end] as Token).text.endsWith('.')) {
      end += 1;
    } else if (next?.kind === 'punct' && next.text === '.' && tokens[end + 2]?.kind === 'word') {
      end += 2;
    } else {
      return end;
    }
  }
}

/** The parts of a word between hyphens and `&`, `'s` and `'` cut, other apostrophes and final dots dropped. */
function wordParts(text: string, cliticStart: number | undefined): string[] {
  let form =
    cliticStart !== undefined && CUT_CLITICS.has(text.slice(cliticStart).replace('\u2019', "'"))
      ? text.slice(0, cliticStart)
      : text;
  // The tokenizer marks clitics after letters only; `U2's` is a possessive too.
  form = form.replace(RE_POSSESSIVE, '');
  if (form.includes("'") || form.includes('\u2019')) form = form.replace(/['\u2019]/g, '');
  const parts = form.split(RE_WORD_JOINERS);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.endsWith('.')) parts[i] = part.slice(0, -1);
  }
  return parts;
}

/** The term forms of tokens `i`…`end` (one word as `wordEnd` found it). */
function termParts(tokens: readonly Token[], i: number, end: number): string[] {
  const first = tokens[i] as Token;
  const last = tokens[end] as Token;
  if (first.kind === 'number') {
    // Numbers are never terms; split at thousands and time separators they shingle as before (`1,000` → `1`, `000`).
    const parts = first.text.replace(RE_POSSESSIVE, '').split(RE_NUMBER_SEPARATORS);
    if (end === i) return parts;
    const [unit = '', ...rest] = wordParts(last.text, clitic(last));
    parts[parts.length - 1] += unit;
    return parts.concat(rest);
  }
  if (end === i) return wordParts(first.text, clitic(first));
  let text = '';
  for (let k = i; k <= end; k++) text += (tokens[k] as Token).text;
  const lastClitic = clitic(last);
  return wordParts(
    text,
    lastClitic === undefined ? undefined : text.length - (last.text.length - lastClitic),
  );
}

/** Offset of a word's clitic within its text, if it has one. */
function clitic(token: Token): number | undefined {
  return token.cliticStart === undefined ? undefined : token.cliticStart - token.start;
}

/** Words and numbers of tokenized text with casing, sentence starts and joins (see `TermToken`). */
function termTokens(tokens: readonly Token[], lineBreaks: TermOptions['lineBreaks']): TermToken[] {
  const sentences = splitSentences(tokens, { lineBreaks });
  const out: TermToken[] = [];
  let sentence = 0;
  /** The next word opens a sentence or clause. */
  let clauseStart = true;
  /** The next word may continue a name: nothing but space since the last word. */
  let joinable = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    // Sentence starts inside a word joined by `wordEnd` (`<BP.L>`, `said.The`) are passed over.
    while (sentence < sentences.length && (sentences[sentence] as Sentence).tokenStart <= i) {
      if ((sentences[sentence] as Sentence).tokenStart === i) clauseStart = true;
      sentence++;
    }
    if (token.kind === 'space') continue;
    if (token.kind === 'url') {
      // A web address names a site: its host is a term (`www.dec.org.uk`), the rest is not.
      const host = RE_HOST.exec(token.text)?.[1];
      if (host)
        out.push({
          lower: host.toLowerCase(),
          capitalised: false,
          sentenceStart: clauseStart,
          joined: false,
        });
      clauseStart = false;
      joinable = false;
      continue;
    }
    if (token.kind !== 'word' && token.kind !== 'number') {
      if (token.kind === 'punct' && endsClause(token.text)) clauseStart = true;
      joinable = false;
      continue;
    }
    const end = wordEnd(tokens, i);
    const joined = joinable && !clauseStart && (tokens[i - 1] as Token).kind === 'space';
    let firstPart = true;
    for (const part of termParts(tokens, i, end)) {
      if (!part) continue;
      out.push({
        lower: part.toLowerCase(),
        capitalised: RE_UPPER.test(part),
        sentenceStart: firstPart && clauseStart,
        joined: firstPart && joined,
      });
      firstPart = false;
    }
    const last = (tokens[end] as Token).text;
    // An abbreviation's dot (`U.S.`, `Mr.`, `Corp.`) may end a sentence the splitter kept open, so the
    // next word's capital says little and no name runs on across it (`U.S. Agriculture Department`
    // gives no `u.s_agriculture_department`); nor does one run on across a plural possessive
    // (`Los Angeles' Kodak Theatre` → `los_angeles`, `kodak_theatre`).
    clauseStart = last.endsWith('.');
    joinable = !last.endsWith("'") && !last.endsWith('\u2019');
    i = end;
  }
  return out;
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
function findNames(tokens: TermToken[]): {
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
  const isNameWord = (token: TermToken) =>
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
  tokens: TermToken[];
  weight: number;
  inName: boolean[];
  phrases: [number, number][];
}

function readPart(
  tokens: readonly Token[],
  weight: number,
  nameWords: Set<string>,
  lineBreaks: TermOptions['lineBreaks'],
): Part {
  const words = termTokens(tokens, lineBreaks);
  // A text without lower-case letters (an all-capitals headline) says nothing about names.
  if (!tokens.some((token) => /[a-z]/.test(token.text)))
    return { tokens: words, weight, inName: [], phrases: [] };
  const found = findNames(words);
  for (const word of found.nameWords) nameWords.add(word);
  return { tokens: words, weight, inName: found.inName, phrases: found.phrases };
}

/** The terms of one story. `options` fields left out take their defaults. */
export function storyTerms(
  story: { title: string; body: string },
  options: Partial<TermOptions> = {},
): StoryTerms {
  return storyTermsFromTokens(tokenize(story.title), tokenize(story.body), options);
}

/**
 * The terms of one story from its title and body already tokenized (`text/tokenize.ts`, spaces
 * included), so a caller that analyses the story for other ends tokenizes it once.
 */
export function storyTermsFromTokens(
  titleTokens: readonly Token[],
  bodyTokens: readonly Token[],
  options: Partial<TermOptions> = {},
): StoryTerms {
  const resolved: TermOptions = { ...DEFAULT_TERM_OPTIONS, ...options };
  const nameWords = new Set<string>();
  const parts = [
    readPart(titleTokens, 1 + resolved.titleBoost, nameWords, resolved.lineBreaks),
    readPart(bodyTokens, 1, nameWords, resolved.lineBreaks),
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
