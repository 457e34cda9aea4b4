/**
 * Reading ECDICT's packed fields: `exchange` (word forms), `translation` (Chinese, one line per part
 * of speech) and whether an inflected form's own entry says more than "X 的过去式".
 */

import { hintOfEcdictPos, POS_HINT } from '../text/pos.js';

/** Word forms of a lemma. Each is `null` when ECDICT lists none. */
export interface WordForms {
  /** Past tense (`p:`), e.g. `discussed`. */
  past: string | null;
  /** Past participle (`d:`). */
  pastParticiple: string | null;
  /** Present participle (`i:`), e.g. `discussing`. */
  ing: string | null;
  /** Third person singular (`3:`), e.g. `discusses`. */
  third: string | null;
  /** Plural (`s:`; `f:` where ECDICT uses it), e.g. `hostilities`. */
  plural: string | null;
  /** Comparative (`r:`; `b:`), e.g. `better`. */
  comparative: string | null;
  /** Superlative (`t:`; `z:`), e.g. `best`. */
  superlative: string | null;
}

/** How an inflected form relates to its lemma. */
export type FormKind = keyof WordForms;

/** ECDICT's one-letter form types (`1:dp` = past participle and past). */
export const FORM_LETTERS: Readonly<Record<string, FormKind>> = {
  p: 'past',
  d: 'pastParticiple',
  i: 'ing',
  '3': 'third',
  s: 'plural',
  f: 'plural',
  r: 'comparative',
  b: 'comparative',
  t: 'superlative',
  z: 'superlative',
};

/** The parsed `exchange` field. */
export interface Exchange {
  /** `0:` the lemma this word is a form of, or null. */
  lemma: string | null;
  /** `1:` the form types of this word, as ECDICT letters (`'dp'`), or `''`. */
  kinds: string;
  /** The forms this word has (its own inflections). */
  forms: WordForms;
}

/** An empty `WordForms`. */
export function noForms(): WordForms {
  return {
    past: null,
    pastParticiple: null,
    ing: null,
    third: null,
    plural: null,
    comparative: null,
    superlative: null,
  };
}

/** Parse `exchange` (`0:discuss/1:dp/d:discussed/p:discussed`). Unknown parts are ignored. */
export function parseExchange(exchange: string): Exchange {
  const result: Exchange = { lemma: null, kinds: '', forms: noForms() };
  if (!exchange) return result;
  for (const part of exchange.split('/')) {
    const colon = part.indexOf(':');
    if (colon < 1) continue;
    const type = part.slice(0, colon);
    const value = part.slice(colon + 1).trim();
    if (!value) continue;
    if (type === '0') result.lemma = value;
    else if (type === '1') result.kinds = value;
    else {
      const kind = FORM_LETTERS[type];
      if (kind && result.forms[kind] === null) result.forms[kind] = value;
    }
  }
  return result;
}

/** The form kinds named by `1:` letters (`'dp'` → `['pastParticiple', 'past']`), without duplicates. */
export function formKindsOf(letters: string): FormKind[] {
  const out: FormKind[] = [];
  for (const letter of letters) {
    const kind = FORM_LETTERS[letter];
    if (kind && !out.includes(kind)) out.push(kind);
  }
  return out;
}

/** `POS_HINT` bits of ECDICT form letters (`'dp'` → past participle and past). */
export function hintOfFormKinds(letters: string): number {
  let bits = 0;
  for (const kind of formKindsOf(letters)) {
    if (kind === 'comparative' || kind === 'superlative') bits |= POS_HINT.degree;
    else bits |= POS_HINT[kind];
  }
  return bits;
}

/** `POS_HINT` bits of the parts of speech a translation's lines name (`n. …\nvt. …` → noun, verb). */
export function posHintOfTranslation(translation: string): number {
  let bits = 0;
  for (const line of splitTranslation(translation)) bits |= hintOfEcdictPos(line.pos);
  return bits;
}

/** One line of a Chinese translation. */
export interface Translation {
  /** Part of speech as ECDICT writes it (`n.`, `vt.`, `a.`, `[医]`), or `''` if the line has none. */
  pos: string;
  /** The meanings (`讨论, 论述`). */
  text: string;
}

const RE_POS = /^((?:[a-z]+\.\s*)+|\[[^\]]{1,8}\])\s*/;

/** Split a decoded translation into lines, each with its part of speech. Empty lines are dropped. */
export function splitTranslation(translation: string): Translation[] {
  const out: Translation[] = [];
  for (const raw of translation.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = RE_POS.exec(line);
    if (m) out.push({ pos: (m[1] as string).trim(), text: line.slice(m[0].length).trim() });
    else out.push({ pos: '', text: line });
  }
  return out;
}

const RE_INFLECTION_NOTE =
  /过去式|过去分词|现在分词|复数|第三人称|比较级|最高级|的变形|\b(?:past tense|past participle|plural|present participle) of\b/i;

/**
 * Does an inflected form's own translation say nothing beyond the inflection (`v. 商讨；讨论
 * （discuss的过去分词）`)? Then the lemma's entry is all a reader needs. `hostilities` (`n. 战争行动`)
 * and `said` (`a. 上述的`) have a line of their own and keep it.
 */
export function isInflectionNoteOnly(translation: string): boolean {
  const lines = translation.split('\n').filter((line) => line.trim() !== '');
  return lines.length === 0 || lines.every((line) => RE_INFLECTION_NOTE.test(line));
}

const RE_NOTE_LEMMA =
  /^(?:[a-z]+\.\s*)?([A-Za-z][A-Za-z'-]*)\s*的(?:现在时|过去式|过去分词|现在分词|复数|第三人称|比较级|最高级)/;

/**
 * The lemma an inflection-note-only translation names (`be的现在时复数或第二人称单数` → `be`,
 * `v. go的过去式` → `go`), lower-cased; null when the translation says more than the inflection,
 * names no word, or is a derivation note (`n. oafish的变形`: `oafishness` is a word of its own). ECDICT leaves a few irregular forms (`are`) without an `exchange`
 * link; their translation is then the only place that says whose form they are.
 */
export function inflectionNoteLemma(translation: string): string | null {
  const lines = translation.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0 || !isInflectionNoteOnly(translation)) return null;
  const m = RE_NOTE_LEMMA.exec((lines[0] as string).trim());
  return m ? (m[1] as string).toLowerCase() : null;
}
