/**
 * What kind of name a name is (人名 person, 地名 place, 机构名 organization), from the words around
 * it and from its shape. Pure: what a dictionary says about a name comes in as a function
 * (`dictionary/names.ts` reads ECDICT's entries), so this module does no I/O.
 *
 * A run of names next to each other is one name (`Sergei Lavrov`, `John Kerry`) and shares a kind:
 * - a title just before it (`Foreign Minister Sergei Lavrov`, `Secretary of State John Kerry`,
 *   `his U.S. counterpart Barack Obama`): a person;
 * - an organization word just after it (`UN Security Council`, `Xinhua News Agency`): an organization;
 * - otherwise what the dictionary says of any of its words (`Munich`: "the capital and largest city
 *   of Bavaria"; `Putin`: 普京（人名）; `Vladimir Putin` is then a person as a whole);
 * - otherwise its shape: an unknown word in capitals (`ISSG`) is an organization, a surname ending
 *   (`Lavrov`, `Kovalenko`, `Zelensky`) a person; after `in` it is a place.
 * What the words around a name say anywhere in a text holds for its other mentions too
 * (`Lavrov and Kerry` at the end of the story are still people).
 */

/** The kinds of name the reader tells apart. */
export type NameKind = 'person' | 'place' | 'organization' | 'unknown';

export const NAME_KINDS: readonly NameKind[] = ['person', 'place', 'organization', 'unknown'];

/** How the reader and `lingwire lookup` name each kind (the browser script has the same words). */
export const NAME_KIND_LABELS: Readonly<Record<NameKind, string>> = {
  person: '人名 name of a person',
  place: '地名 name of a place',
  organization: '机构名 name of an organization',
  unknown: '专有名词 a name',
};

/** A word of a sentence, as `nameKinds` needs it. */
export interface NameWord {
  text: string;
  /** The analysis took it for a name (`AnalyzedToken.properNoun`). */
  name: boolean;
}

/** Words (lower case, without a final full stop) that say the name after them is a person's. */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'president',
  'minister',
  'premier',
  'chancellor',
  'secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'ambassador',
  'envoy',
  'counterpart',
  'senator',
  'sen',
  'rep',
  'representative',
  'congressman',
  'congresswoman',
  'governor',
  'gov',
  'mayor',
  'king',
  'queen',
  'prince',
  'princess',
  'emperor',
  'pope',
  'general',
  'gen',
  'colonel',
  'col',
  'captain',
  'capt',
  'lt',
  'sgt',
  'admiral',
  'judge',
  'justice',
  'chairman',
  'chairwoman',
  'chair',
  'director',
  'commissioner',
  'coach',
  'leader',
  'chief',
  'ceo',
  'founder',
  'author',
  'actor',
  'actress',
  'singer',
  'player',
  'striker',
  'officer',
  'official',
  'diplomat',
  'lawmaker',
  'defender',
]);

/** Words that make the name before them (or around them) an organization's. */
const ORGANIZATION_WORDS = new Set([
  'agency',
  'ministry',
  'department',
  'council',
  'committee',
  'commission',
  'organization',
  'organisation',
  'union',
  'association',
  'party',
  'group',
  'bank',
  'corporation',
  'corp',
  'inc',
  'ltd',
  'company',
  'co',
  'university',
  'institute',
  'foundation',
  'fund',
  'army',
  'navy',
  'forces',
  'court',
  'parliament',
  'congress',
  'senate',
  'assembly',
  'federation',
  'alliance',
  'front',
  'movement',
  'network',
  'news',
  'times',
  'post',
  'club',
  'league',
  'office',
  'service',
  'airlines',
  'airways',
  'authority',
  'board',
  'bureau',
]);

/** Surname endings common in wire copy (Russian, Ukrainian, Polish, Serbian, Romanian…). */
const SURNAME =
  /\p{Ll}(?:ov|ova|ev|eva|in|ina|sky|skiy|ski|ska|enko|chuk|vich|vic|ovic|escu|shvili|dze|yan)$/u;

/** Lower case without a final full stop: `Gen.` → `gen`. */
function bare(text: string): string {
  return text.toLowerCase().replace(/\.$/, '');
}

const startsUpper = (text: string) => /^\p{Lu}/u.test(text);

/** The kind the words just before a run of names (`from`: its first word) give it, or null. */
function kindBefore(words: readonly NameWord[], from: number): NameKind | null {
  // The word right before, whatever its case (`counterpart`, `spokesman`), then back over a
  // capitalised title phrase (`U.S. Secretary of State`, `Foreign Minister`).
  for (let i = from - 1, steps = 0; i >= 0 && steps < 5; i--, steps++) {
    const word = (words[i] as NameWord).text;
    const key = bare(word);
    if (TITLES.has(key)) return 'person';
    if (ORGANIZATION_WORDS.has(key)) return null;
    if (i === from - 1 && (key === 'in' || key === 'from' || key === 'across' || key === 'near')) {
      return 'place';
    }
    if (!(startsUpper(word) || key === 'of' || key === 'the' || key === 'state')) return null;
  }
  return null;
}

/** Whether an organization word is in the run (`from`…`to`) or among the capitalised words after it. */
function organizationAround(words: readonly NameWord[], from: number, to: number): boolean {
  for (let i = from; i < words.length && i < to + 4; i++) {
    const word = (words[i] as NameWord).text;
    if (i >= to && !startsUpper(word)) return false;
    if (ORGANIZATION_WORDS.has(bare(word))) return true;
  }
  return false;
}

/** The kind a name's spelling alone suggests, or null. */
export function kindFromShape(text: string): NameKind | null {
  if (/^\p{Lu}{2,6}$/u.test(text)) return 'organization';
  if (SURNAME.test(text)) return 'person';
  return null;
}

/**
 * The kind of every name among `sentences`' words (`null` for the words that are not names), in
 * the same shape. `known(text)` is what a dictionary says of one name (null when it says nothing);
 * `kindFromShape` is the fallback for names the dictionary does not know.
 */
export function nameKinds(
  sentences: readonly (readonly NameWord[])[],
  known: (text: string) => NameKind | null,
  inDictionary: (text: string) => boolean = () => false,
): (NameKind | null)[][] {
  const byContext = new Map<string, NameKind>();
  const out = sentences.map((words) => {
    const kinds: (NameKind | null)[] = words.map(() => null);
    for (let i = 0; i < words.length; ) {
      if (!(words[i] as NameWord).name) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < words.length && (words[end] as NameWord).name) end++;
      const before = kindBefore(words, i);
      const context =
        before === 'person' ? 'person' : organizationAround(words, i, end) ? 'organization' : null;
      const run = words.slice(i, end);
      const own = run.map((w) => known(w.text));
      const shapes = run.map((w) => (inDictionary(w.text) ? null : kindFromShape(w.text)));
      // What one word of the run says holds for the run (`Noam Chomsky`: a surname, so a person).
      const shared = own.find((k) => k !== null && k !== 'unknown') ?? shapes.find((k) => k !== null) ?? null;
      for (let j = i; j < end; j++) {
        const text = (words[j] as NameWord).text;
        const kind = context ?? own[j - i] ?? shared ?? before;
        if (kind && kind !== 'unknown') {
          kinds[j] = kind;
          if (context && !byContext.has(text)) byContext.set(text, context);
        }
      }
      i = end;
    }
    return kinds;
  });
  // A name the text gave a kind once keeps it where nothing else tells (`Lavrov and Kerry`).
  sentences.forEach((words, s) => {
    words.forEach((word, i) => {
      const kinds = out[s] as (NameKind | null)[];
      if (word.name && kinds[i] === null) kinds[i] = byContext.get(word.text) ?? 'unknown';
    });
  });
  return out;
}
