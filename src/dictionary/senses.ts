/**
 * What a learner sees of an ECDICT entry, and in what order. ECDICT lists meanings by part of
 * speech in its own order (`implement`: `n. 工具` before `vt. 实现`) and carries noise a learner
 * should never get as a headline:
 * - subject lines for ordinary words: `[计] DOS外部命令…` under *country*, `[计] 当前的` under
 *   *current*. A `[计]` (computing) line is dropped when the entry has a line with a part of speech;
 *   other subject lines (`[医]`, `[经]`, `[法]`) go after those lines;
 * - an English definition that belongs to another word: *discuss* carries *discus*'s
 *   `n an athletic competition…`. Definition lines of a part of speech the Chinese lines never name
 *   are dropped when the Chinese lines name any;
 * - forms that are the word itself (`Sergei` "plural" `sergei`);
 * - a rare sense in front of the common one (`counterpart`: `n. 副本, 复本` before `配对物, 相应物`),
 *   from a short hand-made list (`RARE_FIRST`).
 * Then `orderForPos` puts the sentence's part of speech first; every other line stays, after it.
 */
import { type PosClass, posClassOfEcdictLabel } from '../text/pos.js';
import type { Translation, WordForms } from './fields.js';

const SUBJECT = /^\[[^\]]+\]$/;

/** Whether a translation line names a part of speech (`n.`, `vt.`), not a subject (`[计]`) or nothing. */
export function hasPartOfSpeech(line: Translation): boolean {
  return line.pos !== '' && !SUBJECT.test(line.pos) && posClassOfEcdictLabel(line.pos) !== null;
}

/** The lines a learner should see, most useful first (see the module comment). */
export function cleanTranslations(lines: readonly Translation[]): Translation[] {
  if (!lines.some(hasPartOfSpeech)) return [...lines];
  const general: Translation[] = [];
  const subject: Translation[] = [];
  // A line without a label after a subject line continues it (`[计] 查找; DOS外部命令:…` under *find*).
  let label = '';
  for (const line of lines) {
    if (line.pos !== '') label = line.pos;
    if (!SUBJECT.test(label)) general.push(line);
    else if (label !== '[计]') subject.push(line);
  }
  return [...general, ...subject];
}

/**
 * Meanings ECDICT lists first that translate a word's rarer sense, moved to the end of their line.
 * Hand-made, one entry per case a learner reported, each checked against the entry's English
 * definition, whose first line is WordNet's most frequent sense: *counterpart* is first "a person
 * or thing having the same function or characteristics as another" (配对物, 相应物: "his U.S.
 * counterpart Barack Obama") and only then "a duplicate copy" (副本, 复本).
 */
const RARE_FIRST: Readonly<Record<string, readonly string[]>> = {
  counterpart: ['副本', '复本'],
};

/** `lines` of the entry `headword` with its rarer senses (`RARE_FIRST`) after the others of their line. */
export function demoteRareSenses(headword: string, lines: readonly Translation[]): Translation[] {
  // Own keys only: a headword such as `constructor` must not find Object.prototype's members.
  const key = headword.toLowerCase();
  const rare = Object.hasOwn(RARE_FIRST, key) ? RARE_FIRST[key] : undefined;
  if (!rare) return [...lines];
  return lines.map((line) => {
    const meanings = meaningsOf(line.text);
    const common = meanings.filter((m) => !rare.includes(m));
    if (common.length === 0 || common.length === meanings.length) return line;
    return { pos: line.pos, text: [...common, ...meanings.filter((m) => rare.includes(m))].join(', ') };
  });
}

/** Meanings of a line (`发行, 问题, 后果`), split on the commas and semicolons ECDICT uses. */
function meaningsOf(text: string): string[] {
  return text
    .split(/[,;，；]\s*/)
    .map((m) => m.trim())
    .filter(Boolean);
}

/**
 * Lines of part-of-speech class `wanted` first (in ECDICT's order), then the rest. For a noun,
 * meanings of its first line that the verb lines also give move to that line's end: they are the
 * action, and a noun in a sentence is usually the thing (*issue*: `n. 发行, 问题, …` → `问题, …,
 * 发行`). Unchanged when no line is of that class.
 */
export function orderForPos(lines: readonly Translation[], wanted: PosClass): Translation[] {
  if (wanted === 'other') return [...lines];
  const fits = (line: Translation) => posClassOfEcdictLabel(line.pos) === wanted;
  const first = lines.filter(fits);
  if (first.length === 0) return [...lines];
  if (wanted !== 'noun') return [...first, ...lines.filter((line) => !fits(line))];
  const elsewhere = new Set(
    lines
      .filter((line) => posClassOfEcdictLabel(line.pos) === 'verb')
      .flatMap((line) => meaningsOf(line.text)),
  );
  const head = first[0] as Translation;
  const meanings = meaningsOf(head.text);
  const own = meanings.filter((m) => !elsewhere.has(m));
  const shared = meanings.filter((m) => elsewhere.has(m));
  const reordered =
    own.length > 0 && shared.length > 0 ? { pos: head.pos, text: [...own, ...shared].join(', ') } : head;
  return [reordered, ...first.slice(1), ...lines.filter((line) => !fits(line))];
}

const DEFINITION_CLASSES: Readonly<Record<string, PosClass>> = {
  n: 'noun',
  v: 'verb',
  a: 'adj',
  s: 'adj',
  adj: 'adj',
  r: 'adv',
  adv: 'adv',
};

/**
 * The English definition without lines of a part of speech the Chinese lines never name
 * (*discuss*: the `n` lines are *discus*'s). Kept whole when the Chinese lines name no part of speech.
 */
export function cleanDefinition(definition: string, lines: readonly Translation[]): string {
  const classes = new Set(lines.filter(hasPartOfSpeech).map((line) => posClassOfEcdictLabel(line.pos)));
  if (classes.size === 0 || !definition) return definition;
  const kept = definition.split('\n').filter((line) => {
    const label = /^([a-z]+)\.?\s/.exec(line.trim())?.[1];
    const cls = label ? DEFINITION_CLASSES[label] : undefined;
    return cls === undefined || classes.has(cls);
  });
  return kept.join('\n');
}

/** The forms without those spelled like the word itself (`Sergei`'s "plural" `sergei`). */
export function cleanForms(forms: WordForms, lemma: string): WordForms {
  const out = { ...forms };
  const self = lemma.toLowerCase();
  for (const kind of Object.keys(out) as (keyof WordForms)[]) {
    if (out[kind]?.toLowerCase() === self) out[kind] = null;
  }
  return out;
}

/**
 * Lines for a word whose entry has no part-of-speech line at all (`online`: only `[计] 联机`): the
 * lines of its hyphenated spelling (`on-line`: `a. 在线的, 即时的, 联机的`) when `translationOf`
 * finds one that has some; null otherwise.
 */
export function borrowHyphenated(
  word: string,
  translationOf: (spelling: string) => Translation[] | null,
): Translation[] | null {
  if (!/^[a-z]{4,}$/.test(word)) return null;
  for (let i = 2; i <= word.length - 2; i++) {
    const lines = translationOf(`${word.slice(0, i)}-${word.slice(i)}`);
    if (lines?.some(hasPartOfSpeech)) return cleanTranslations(lines);
  }
  return null;
}
