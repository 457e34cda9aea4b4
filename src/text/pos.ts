/**
 * Parts of speech: the Universal POS tags the tagger (`pos-tagger.ts`) gives every token, the
 * coarse classes a learner's dictionary is ordered by, and what ECDICT's part-of-speech labels
 * (`n.`, `vt.`, `a.`, `ad.`) mean in those terms. Pure.
 *
 * The coarse class is what meanings are ordered by: ECDICT lists `implement` as `n. 工具` before
 * `vt. 实现`, and a sentence where *implemented* is a verb wants the `vt.` line first.
 */

/** Universal POS tags (universaldependencies.org/u/pos), in a fixed order (the tagger's class ids). */
export const UPOS_TAGS = [
  'NOUN',
  'VERB',
  'AUX',
  'ADJ',
  'ADV',
  'PROPN',
  'ADP',
  'DET',
  'PRON',
  'CCONJ',
  'SCONJ',
  'NUM',
  'PART',
  'PUNCT',
  'SYM',
  'INTJ',
  'X',
] as const;

/** One Universal POS tag. */
export type Upos = (typeof UPOS_TAGS)[number];

const UPOS_SET: ReadonlySet<string> = new Set(UPOS_TAGS);

/** Whether `tag` is a Universal POS tag (`'VERB'` yes, `'verb'` and `'VB'` no). */
export function isUpos(tag: string): tag is Upos {
  return UPOS_SET.has(tag);
}

/** The classes a dictionary groups meanings by. `other` is everything without content meanings of its own. */
export type PosClass = 'noun' | 'verb' | 'adj' | 'adv' | 'other';

/** The coarse class of a UPOS tag: AUX counts as a verb; PROPN as a noun (a name's entry is a noun's). */
export function posClassOf(tag: Upos | null | undefined): PosClass {
  switch (tag) {
    case 'NOUN':
    case 'PROPN':
      return 'noun';
    case 'VERB':
    case 'AUX':
      return 'verb';
    case 'ADJ':
      return 'adj';
    case 'ADV':
      return 'adv';
    default:
      return 'other';
  }
}

/**
 * Bits of a lexicon's part-of-speech hint (`WordInfo.posHint`): which parts of speech the
 * dictionary lists for a word, and which inflection the written form is. The tagger reads them as
 * features; they are hints, not answers (ECDICT lists `n.` for *run*, and the sentence decides).
 */
export const POS_HINT = Object.freeze({
  noun: 1 << 0,
  verb: 1 << 1,
  adj: 1 << 2,
  adv: 1 << 3,
  prep: 1 << 4,
  conj: 1 << 5,
  pron: 1 << 6,
  det: 1 << 7,
  num: 1 << 8,
  intj: 1 << 9,
  aux: 1 << 10,
  /** The written form is a past tense. */
  past: 1 << 11,
  /** … a past participle. */
  pastParticiple: 1 << 12,
  /** … an -ing form. */
  ing: 1 << 13,
  /** … a third-person singular. */
  third: 1 << 14,
  /** … a plural. */
  plural: 1 << 15,
  /** … a comparative or superlative. */
  degree: 1 << 16,
  /** The headword is capitalised (a name). */
  name: 1 << 17,
  /** The lexicon knows the word at all. */
  known: 1 << 18,
});

/** Names of the hint bits, in bit order (for features and debugging). */
export const POS_HINT_NAMES = Object.keys(POS_HINT) as (keyof typeof POS_HINT)[];

/**
 * ECDICT's part-of-speech label (`n.`, `vt.`, `vi.`, `a.`, `adj.`, `ad.`, `adv.`, `prep.`, `conj.`,
 * `pron.`, `art.`, `num.`, `int.`, `interj.`, `aux.`; combined ones like `vt.vi.`) → its hint bits;
 * 0 for a subject label (`[计]`, `[医]`) or none.
 */
export function hintOfEcdictPos(label: string): number {
  let bits = 0;
  for (const part of label.split(/[.&\s]+/)) {
    switch (part) {
      case 'n':
      case 'pl':
        bits |= POS_HINT.noun;
        break;
      case 'v':
      case 'vt':
      case 'vi':
      case 'vbl':
        bits |= POS_HINT.verb;
        break;
      case 'a':
      case 'adj':
        bits |= POS_HINT.adj;
        break;
      case 'ad':
      case 'adv':
        bits |= POS_HINT.adv;
        break;
      case 'prep':
        bits |= POS_HINT.prep;
        break;
      case 'conj':
        bits |= POS_HINT.conj;
        break;
      case 'pron':
        bits |= POS_HINT.pron;
        break;
      case 'art':
      case 'det':
        bits |= POS_HINT.det;
        break;
      case 'num':
        bits |= POS_HINT.num;
        break;
      case 'int':
      case 'interj':
        bits |= POS_HINT.intj;
        break;
      case 'aux':
        bits |= POS_HINT.aux;
        break;
    }
  }
  return bits;
}

/** The coarse class an ECDICT label is about (`vt.` → verb, `a.` → adj), or null for `[计]`, `abbr.`, none. */
export function posClassOfEcdictLabel(label: string): PosClass | null {
  const bits = hintOfEcdictPos(label);
  if (bits & POS_HINT.verb || bits & POS_HINT.aux) return 'verb';
  if (bits & POS_HINT.noun) return 'noun';
  if (bits & POS_HINT.adj) return 'adj';
  if (bits & POS_HINT.adv) return 'adv';
  return bits === 0 ? null : 'other';
}
