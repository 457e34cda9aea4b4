/** Names in the real ECDICT index: kind and Chinese name, and ordinary words left alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dictionary, openDictionary } from './index.js';
import { describeName } from './names.js';

let dictionary: Dictionary;
beforeAll(() => {
  dictionary = openDictionary();
});
afterAll(() => dictionary.close());

describe('describeName', () => {
  it.each([
    ['Syria', 'place', '叙利亚'],
    ['Munich', 'place', '慕尼黑'],
    ['Ukraine', 'place', '乌克兰'],
    ['U.S.', 'place', '美国'],
    ['Aleppo', 'place', '阿勒波'],
    ['Putin', 'person', '普京'],
    ['Obama', 'person', '奥巴马'],
    ['Sergei', 'person', '塞奇'],
    ['Xinhua', 'organization', '新华社'],
    ['NATO', 'organization', '北大西洋公约组织'],
    ['UN', 'organization', '联合国'],
    ['Lavrov', 'person', null],
    ['ISSG', 'organization', null],
  ])('%s → %s %s', (word, kind, zh) => {
    expect(describeName(dictionary, word)).toEqual({ kind, zh });
  });

  it("never takes an ordinary word's meaning for a name's Chinese", () => {
    expect(describeName(dictionary, 'Kerry')).toEqual({ kind: 'unknown', zh: null });
    expect(describeName(dictionary, 'John')).toEqual({ kind: 'unknown', zh: null });
    expect(describeName(dictionary, 'Turkey').zh).toBeNull();
  });
});
