/**
 * Which language a story is written in, so a feed that mixes languages does not put a French
 * story in front of a learner of English. franc-min (trigram profiles of the 82 most spoken
 * languages, no native code, maintained with franc) gives ISO 639-3; lingwire speaks ISO 639-1.
 */
import { franc } from 'franc-min';

/** ISO 639-3 (as franc names them) → ISO 639-1. Languages without a 639-1 code are left out. */
const ISO1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  swe: 'sv',
  pol: 'pl',
  ces: 'cs',
  hun: 'hu',
  ron: 'ro',
  tur: 'tr',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  hrv: 'hr',
  bos: 'bs',
  ell: 'el',
  kaz: 'kk',
  uzn: 'uz',
  azj: 'az',
  arb: 'ar',
  pes: 'fa',
  urd: 'ur',
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  ben: 'bn',
  pan: 'pa',
  guj: 'gu',
  tel: 'te',
  tam: 'ta',
  kan: 'kn',
  mal: 'ml',
  sin: 'si',
  mya: 'my',
  tha: 'th',
  vie: 'vi',
  ind: 'id',
  zlm: 'ms',
  jav: 'jv',
  sun: 'su',
  tgl: 'tl',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  amh: 'am',
  som: 'so',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  zul: 'zu',
  kin: 'rw',
  run: 'rn',
  nya: 'ny',
  lin: 'ln',
  plt: 'mg',
  fuv: 'ff',
  ckb: 'ku',
  qug: 'qu',
  zyb: 'za',
};

/** Characters of text looked at: enough for a confident guess, cheap on long stories. */
const SAMPLE = 2000;

/**
 * The ISO 639-1 code of the language `text` is written in (`en`), or null when the text is too
 * short (under about 40 letters) or the language is not one franc-min knows by a 639-1 code.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < 40) return null;
  const code = franc(sample, { minLength: 40 });
  return ISO1[code] ?? null;
}
