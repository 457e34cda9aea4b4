/**
 * Names of the band levels (`bandLevel` in `dictionary/bands.ts`: 1 = 中考 … 8 = GRE, 9 = rarer)
 * as the reader shows them, and the exam labels of a dictionary entry.
 */
export const LEVEL_NAMES: Readonly<Record<number, string>> = {
  1: '中考',
  2: '高考',
  3: '四级',
  4: '六级',
  5: '考研',
  6: '雅思',
  7: '托福',
  8: 'GRE',
  9: '超纲',
};

export const EXAM_NAMES: Readonly<Record<string, string>> = {
  zk: '中考',
  gk: '高考',
  cet4: '四级',
  cet6: '六级',
  ky: '考研',
  ielts: '雅思',
  toefl: '托福',
  gre: 'GRE',
};
