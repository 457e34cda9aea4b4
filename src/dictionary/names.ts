/**
 * Names in ECDICT: whether an entry is about a name (*Syria* 叙利亚, *Munich* 慕尼黑, *Putin*
 * 普京（人名）) and what kind of name, from its Chinese lines and its English definition (WordNet's
 * glosses: "an Asian republic…", "the capital and largest city…", "Russian statesman…"). A name the
 * dictionary does not know (`Lavrov`) is still a name: `describeName` gives its kind from its shape
 * (`text/names.ts`) and no Chinese name.
 */
import { kindFromShape, type NameKind } from '../text/names.js';
import type { Translation } from './fields.js';
import type { Dictionary, DictionaryEntry } from './types.js';

/** What lingwire knows about a name: its kind and, where ECDICT has it, its Chinese name. */
export interface NameInfo {
  kind: NameKind;
  /** The Chinese name (`叙利亚`); null when the dictionary has none. */
  zh: string | null;
}

const PERSON_ZH = /人名|[(（]姓[)）]|男子名|女子名|[(（]名[)）]/;
const PLACE_ZH = /地名|[(（][^)）]*(城市|首都|国家|共和国|州|省)[^)）]*[)）]/;
const ORGANIZATION_ZH = /(通讯社|社|组织|公司|协会|委员会|联盟|联合国|集团|银行|大学)$/;

const PLACE_EN =
  /\b(city|capital|town|port|country|republic|kingdom|nation|state|province|region|island|islands|river|lake|mountain|mountains|desert|sea|ocean|continent|county|village|district|peninsula|emirate|principality|monarchy|sultanate|territory|federation|division)\b/;
const ORGANIZATION_EN =
  /\b(organization|organisation|agency|company|corporation|alliance|union|association|council|bank|university|institution|party|news service)\b/;
const PERSON_EN =
  /\b(statesman|stateswoman|politician|president|writer|poet|novelist|dramatist|painter|sculptor|composer|philosopher|actor|actress|singer|king|queen|emperor|empress|pharaoh|general|physicist|chemist|scientist|mathematician|economist|leader|disciple|apostle|prophet|son|daughter|wife)\b|\(born|\(\d{3,4}-\d{3,4}\)/;

/** The kind an English definition's first line gives, or null. */
function kindFromDefinition(definition: string): NameKind | null {
  const first = definition.split('\n')[0]?.replace(/^[a-z]+\.?\s+/, '') ?? '';
  if (!first) return null;
  const place = PLACE_EN.exec(first)?.index ?? Infinity;
  const organization = ORGANIZATION_EN.exec(first)?.index ?? Infinity;
  const person = PERSON_EN.exec(first)?.index ?? Infinity;
  const earliest = Math.min(place, organization, person);
  if (earliest === Infinity) return null;
  return earliest === person ? 'person' : earliest === organization ? 'organization' : 'place';
}

/** The line a name's Chinese comes from: a noun's, or a subject's (`[经] 北京`), or an unlabelled one. */
function nameLine(lines: readonly Translation[]): Translation | null {
  return lines.find((line) => line.pos === '' || line.pos === 'n.' || /^\[/.test(line.pos)) ?? null;
}

/** The first meaning of a line without its notes: `乌克兰（原苏联一加盟共和国, 现已独立）` → `乌克兰`. */
function firstMeaning(text: string): string | null {
  const plain = text.replace(/[(（][^)）]*[)）]/g, '').trim();
  const first = plain.split(/[,;，；]\s*/)[0]?.trim();
  return first ? first : null;
}

/**
 * A lower-case entry that is only a name (`ukraine`: 乌克兰, "a republic in southeastern Europe"):
 * one meaning, and none of the marks of general vocabulary (exam lists, Collins stars, Oxford 3000).
 */
function onlyAName(entry: DictionaryEntry, line: Translation | null): boolean {
  if (entry.exams.length > 0 || entry.collins > 0 || entry.oxford || !line) return false;
  const plain = line.text.replace(/[(（][^)）]*[)）]/g, '');
  return entry.translations.length === 1 && plain.split(/[,;，；]/).filter((m) => m.trim()).length === 1;
}

/**
 * Whether `entry` is about a name and, if so, what it says: kind and Chinese name. An entry is about
 * a name when its headword is capitalised (`Syria`, `UN`) or its Chinese says so (`普京（人名）`,
 * `奥巴马(姓)`), or it is only a name (`onlyAName`); a lower-case entry of ordinary words (`kerry` a breed of cattle, `john` 厕所) is not.
 */
export function nameOfEntry(entry: DictionaryEntry): NameInfo | null {
  const line = nameLine(entry.translations);
  const text = line?.text ?? '';
  const personZh = PERSON_ZH.test(text);
  const zh = line ? firstMeaning(line.text) : null;
  const fromDefinition = kindFromDefinition(entry.definition);
  if (!/^\p{Lu}/u.test(entry.lemma) && !personZh && !(fromDefinition && onlyAName(entry, line))) return null;
  let kind: NameKind | null = personZh ? 'person' : PLACE_ZH.test(text) ? 'place' : null;
  kind ??= fromDefinition;
  if (kind === null && zh && ORGANIZATION_ZH.test(zh)) kind = 'organization';
  // 美国, 英国, 俄国: a country; 美洲, 亚洲: a continent.
  if (kind === null && zh && /^\p{Script=Han}{1,4}[国洲]$/u.test(zh)) kind = 'place';
  return { kind: kind ?? 'unknown', zh };
}

/**
 * A name as written (`Lavrov`, `Syria`, `U.S.`): what the dictionary says of it, else what its shape
 * says (`ISSG` an organization, `Lavrov` a person), else an unknown kind and no Chinese name.
 */
export function describeName(dictionary: Pick<Dictionary, 'lookup'>, written: string): NameInfo {
  const entry = dictionary.lookup(written);
  const known = entry ? nameOfEntry(entry) : null;
  if (known) return known;
  return { kind: (entry ? null : kindFromShape(written)) ?? 'unknown', zh: null };
}

/** Whether a word that is not in the dictionary looks like a name: it starts with a capital. */
export function looksLikeName(written: string): boolean {
  return /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(written);
}
