/**
 * Rule-based lemma candidates for English words, and the meaning of clitics.
 *
 * Pure: this module knows spelling rules, not words. It proposes candidates in order of
 * likelihood (`studies` → `study`, `studie`, `studi`) and the dictionary (`src/dictionary`)
 * accepts the first one it actually has. That is why over-generating is fine here and why there is
 * no exception list: ECDICT's own inflection table (`exchange`) already covers irregular forms, so
 * these rules only run for the regular forms ECDICT lacks.
 */

/** Lower-case `word` and turn typographic apostrophes into `'`. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('’') ? lower.replaceAll('’', "'") : lower;
}

/**
 * What a clitic stands for, as a lemma (`n't` → `not`, `'re` → `be`). `'s` is left out: it is a
 * possessive or `is`/`has`, and a reader needs neither looked up. Keys use a straight apostrophe.
 */
export const CLITIC_LEMMAS: Readonly<Record<string, string>> = {
  "n't": 'not',
  "'re": 'be',
  "'m": 'be',
  "'ve": 'have',
  "'ll": 'will',
  "'d": 'would',
};

/** Bases that change spelling before `n't` (`can't` → `ca` + `n't`). Lower-case keys. */
export const NEGATED_BASES: Readonly<Record<string, string>> = {
  ca: 'can',
  wo: 'will',
  sha: 'shall',
  ai: 'be',
};

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function push(out: string[], candidate: string): void {
  if (candidate.length >= 2 && !out.includes(candidate)) out.push(candidate);
}

/** `stopp` → `stop`, `plann` → `plan`: the stem of a doubled final consonant (not s, l, z). */
function undouble(stem: string): string | null {
  const n = stem.length;
  if (n < 4) return null;
  const a = stem[n - 1] as string;
  return a === stem[n - 2] && !VOWELS.has(a) && a !== 's' && a !== 'l' && a !== 'z'
    ? stem.slice(0, -1)
    : null;
}

/** Consonant–vowel–consonant ending (`hop`, `mak`, `lat`): such stems usually lost an `e`. */
function endsCvc(stem: string): boolean {
  const n = stem.length;
  if (n < 3) return false;
  const c1 = stem[n - 3] as string;
  const v = stem[n - 2] as string;
  const c2 = stem[n - 1] as string;
  return !VOWELS.has(c1) && VOWELS.has(v) && !VOWELS.has(c2) && !'wxy'.includes(c2);
}

/** Candidates for a stem that lost a suffix which may have eaten an `e` or doubled a consonant. */
function pushStem(out: string[], stem: string): void {
  if (endsCvc(stem)) {
    push(out, `${stem}e`);
    push(out, stem);
  } else {
    push(out, stem);
    push(out, `${stem}e`);
  }
  const single = undouble(stem);
  if (single) push(out, single);
}

/**
 * Possible lemmas of a word form, most likely first; the word itself is not included. Covers
 * regular plurals and third persons (`-s`, `-es`, `-ies`, `-ves`, `-men`), past tenses and
 * participles (`-ed`, `-ied`, doubled consonants: `stopped` → `stop`), `-ing` (`making` →
 * `make`, `dying` → `die`) and comparatives/superlatives (`-er`, `-est`, `-ier`, `-iest`).
 *
 * @example lemmaCandidates('studies') → ['study', 'studie', 'studi']
 */
export function lemmaCandidates(word: string): string[] {
  const w = normalizeWord(word);
  const out: string[] = [];
  const n = w.length;
  if (n < 3) return out;
  if (w.endsWith('ies') && n > 4) push(out, `${w.slice(0, -3)}y`);
  if (w.endsWith('ves') && n > 4) {
    push(out, `${w.slice(0, -3)}f`);
    push(out, `${w.slice(0, -3)}fe`);
  }
  if (w.endsWith('men') && n > 4) push(out, `${w.slice(0, -3)}man`);
  if (w.endsWith('es') && n > 3) {
    if (/(?:s|x|z|ch|sh|o)es$/.test(w)) push(out, w.slice(0, -2));
    push(out, w.slice(0, -1));
    push(out, w.slice(0, -2));
  } else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) {
    push(out, w.slice(0, -1));
  }
  if (w.endsWith('ied') && n > 4) push(out, `${w.slice(0, -3)}y`);
  if (w.endsWith('ed') && n > 3) pushStem(out, w.slice(0, -2));
  if (w.endsWith('ing') && n > 4) {
    const stem = w.slice(0, -3);
    if (stem.endsWith('y') && stem.length >= 2) push(out, `${stem.slice(0, -1)}ie`);
    pushStem(out, stem);
  }
  if (w.endsWith('iest') && n > 5) push(out, `${w.slice(0, -4)}y`);
  if (w.endsWith('ier') && n > 4) push(out, `${w.slice(0, -3)}y`);
  if (w.endsWith('est') && n > 4) pushStem(out, w.slice(0, -3));
  if (w.endsWith('er') && n > 3) pushStem(out, w.slice(0, -2));
  return out.filter((c) => c !== w);
}
