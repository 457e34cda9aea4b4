/**
 * Which of ECDICT's 366,000 multi-word entries the phrase finder looks for in stories.
 *
 * Most of them are technical terms from specialist glossaries (`abducent nerve`, `[化] …`) that
 * would only add noise under a news story. A phrase is kept when:
 * - it has 2–5 words of letters (hyphen and apostrophe allowed), no digits, no dots and no
 *   `sb`/`sth` placeholders (they cannot match running text word for word);
 * - it has a Chinese translation with at least one line that is not marked with a technical field
 *   (`[医]`, `[化]`, `[计]`, `[电]`, …; economics `[经]` and law `[法]` are news vocabulary and
 *   count as general);
 * - and either ECDICT ranks it (Collins stars, Oxford 3000, an exam tag, a BNC or COCA rank), or it
 *   is built around a function word, the shape of phrasal verbs and idioms (`pay off`, `push
 *   forward`, `in accordance with`, `as well as`, `in a row`), or its key is capitalised (a
 *   name: `Security Council`, `New York`).
 * Plain content-word compounds with no rank (`water system`, `foliage leaf`) are left out; their
 * words are still looked up one by one. So are unranked two-word entries with a preposition or an
 * article (`fall for`, `hold in`, `to be`, `the third`): in running text they match literal uses
 * (`fell for the third month`, `held in Munich`) and would show a wrong meaning; the useful ones
 * (`according to`, `deal with`, `at least`) carry an Oxford mark and stay. Measured on the seed
 * story, what remains finds `cessation of hostilities`, `in accordance with`, `Security Council`,
 * `pay off`, `push forward`, `these days`, `in a row`, with a little literal noise
 * (`in the country`).
 */

/** Words that make a phrase idiomatic: particles, prepositions, articles, pronouns, conjunctions. */
export const PHRASE_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above across after against ahead all along amid among an and another any apart around as aside at ' +
    'away back each every ' +
    'before behind below beneath beside besides between beyond both but by down during either for forth ' +
    'forward from in inside instead into it its itself less many more most much near neither no nor not of ' +
    "off on one one's oneself onto or other out outside over own past per round same so some such than that " +
    'the their them themselves these this those through throughout till to together too toward towards under until up ' +
    'upon what whatever when whether which while who with within without yet'
  ).split(' '),
);

const TECHNICAL_FIELDS = new Set(
  (
    '医 化 计 电 机 建 体 植物 鸟类 动物 昆虫 鱼类 解剖 数 天 植 动 化学 林 拉 拉丁语 生 生化 微 矿 地 冶 纺 物 ' +
    '药 农 海 船 航 核 光 声 气 土 水 无 自 测 印 纸 食 皮 塑 橡 陶 玻 金 石 铁 邮 军 宗'
  ).split(' '),
);

const PREPOSITIONS_AND_ARTICLES = new Set(
  'a an the to of in on at for with by from into about as'.split(' '),
);

const PLACEHOLDERS = new Set(['sb', 'sth', "sb's", "sth's", 'sp', 'smb', 'smth', "smb's"]);
const RE_PHRASE_KEY = /^[a-z][a-z'-]*(?: [a-z][a-z'-]*){1,4}$/;
const RE_FIELD = /^\s*\[([^\]]+)\]/;

/** The ECDICT fields the filter reads. */
export interface PhraseCandidate {
  /** Headword as written (`pay off`, `Security Council`). */
  word: string;
  /** Decoded Chinese translation. */
  translation: string;
  collins: number;
  oxford: boolean;
  tag: string;
  bnc: number;
  frq: number;
}

/** The phrase's key (lower-case words joined by one space) if the finder should look for it, else null. */
export function phraseKeyToKeep(candidate: PhraseCandidate): string | null {
  const key = candidate.word.trim().replace(/\s+/g, ' ').toLowerCase().replaceAll('’', "'");
  if (!RE_PHRASE_KEY.test(key)) return null;
  const words = key.split(' ');
  if (words.some((w) => PLACEHOLDERS.has(w) || w.length === 0)) return null;
  if (!hasGeneralTranslation(candidate.translation)) return null;
  const ranked =
    candidate.collins > 0 ||
    candidate.oxford ||
    candidate.tag !== '' ||
    candidate.bnc > 0 ||
    candidate.frq > 0;
  if (ranked) return key;
  // Unranked two-word entries led or closed by a preposition or article are mostly literal or
  // misleading in running text (`fall for` 爱上 in `fell for the third month`, `on monday`,
  // `to be`, `the third`); the good ones (`according to`, `deal with`, `in addition`) are ranked.
  if (words.length === 2 && words.some((w) => PREPOSITIONS_AND_ARTICLES.has(w))) return null;
  const functional = words.filter((w) => PHRASE_FUNCTION_WORDS.has(w)).length;
  if (functional > 0 && functional < words.length) return key;
  if (/^[A-Z]/.test(candidate.word) && words.length >= 2) return key;
  return null;
}

function hasGeneralTranslation(translation: string): boolean {
  for (const line of translation.split('\n')) {
    if (!line.trim()) continue;
    const m = RE_FIELD.exec(line);
    if (!m || !TECHNICAL_FIELDS.has(m[1] as string)) return true;
  }
  return false;
}
