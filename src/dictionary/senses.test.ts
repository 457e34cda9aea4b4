/**
 * The meanings a learner sees first, against the real ECDICT index: the examples of the issue "The
 * reader, judged by learners" (the seed's 生词表 and popups), each with the part of speech the
 * sentence gives the word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Upos } from '../text/pos.js';
import { type Dictionary, openDictionary } from './index.js';
import { cleanForms, cleanTranslations, orderForPos } from './senses.js';

let dictionary: Dictionary;
beforeAll(() => {
  dictionary = openDictionary();
});
afterAll(() => dictionary.close());

const headline = (word: string, pos?: Upos) => {
  const entry = dictionary.lookup(word, { pos: pos ?? null });
  const first = entry?.translations[0];
  return first ? `${first.pos} ${first.text}` : '';
};

describe('the first meaning follows the sentence', () => {
  it.each<[string, Upos | undefined, RegExp]>([
    ['implemented', 'VERB', /^vt\. 实现/],
    ['implement', undefined, /^n\. 工具/],
    ['current', 'ADJ', /^a\. 流通的/],
    ['current', 'NOUN', /^n\. 涌流/],
    ['issue', 'NOUN', /^n\. 问题/],
    ['issue', 'VERB', /^vi\. 发行/],
    ['online', 'ADV', /^a\. 在线的/],
    ['online', 'ADJ', /^a\. 在线的/],
    ['find', 'VERB', /^vt\. 发现/],
    ['find', 'NOUN', /^n\. 发现/],
    ['meeting', 'NOUN', /^n\. 会议/],
    ['meeting', 'VERB', /^vt\. 遇见/],
    ['counterpart', 'NOUN', /^n\. 配对物, 相应物, 副本, 复本$/],
    ['counterparts', undefined, /^n\. 配对物/],
  ])('%s as %s → %s', (word, pos, expected) => {
    expect(headline(word, pos)).toMatch(expected);
  });

  it("keeps every other meaning reachable, after the sentence's", () => {
    const entry = dictionary.lookup('implemented', { pos: 'VERB' })!;
    expect(entry.translations.map((t) => t.pos)).toEqual(['vt.', 'n.']);
    expect(dictionary.lookup('meeting', { pos: 'NOUN' })!.lemma).toBe('meeting');
    expect(dictionary.lookup('meeting', { pos: 'VERB' })!.lemma).toBe('meet');
  });
});

describe('ECDICT noise a learner never gets as a headline', () => {
  it.each<[string, (entry: NonNullable<ReturnType<Dictionary['lookup']>>) => unknown, unknown]>([
    ["countries'", (e) => e.translations.some((t) => t.text.includes('DOS')), false],
    ['current', (e) => e.translations.some((t) => t.pos === '[计]'), false],
    ['found', (e) => e.translations.some((t) => /DOS|字符串/.test(t.text)), false],
    ['online', (e) => e.translations[0]?.pos, 'a.'],
    ['discussed', (e) => e.definition.includes('athletic'), false],
    ['discussed', (e) => e.definition.includes('consider or examine'), true],
    ['Sergei', (e) => e.forms.plural, null],
    ['hostilities', (e) => e.ownSense?.translations[0]?.text.includes('战争'), true],
  ])('%s', (word, probe, expected) => {
    const entry = dictionary.lookup(word);
    expect(entry).not.toBeNull();
    expect(probe(entry!)).toEqual(expected);
  });
});

describe('the cleaning rules on their own', () => {
  it('keeps subject lines of a word that has nothing else, and moves them after real lines', () => {
    expect(cleanTranslations([{ pos: '[计]', text: '联机' }])).toEqual([{ pos: '[计]', text: '联机' }]);
    expect(
      cleanTranslations([
        { pos: '[医]', text: '讨论' },
        { pos: 'vt.', text: '讨论, 论述' },
      ]).map((t) => t.pos),
    ).toEqual(['vt.', '[医]']);
  });

  it("moves a noun line's meanings that the verb lines also give to its end", () => {
    const lines = [
      { pos: 'n.', text: '发行, 问题, 后果' },
      { pos: 'vt.', text: '发行, 发布' },
    ];
    expect(orderForPos(lines, 'noun')[0]).toEqual({ pos: 'n.', text: '问题, 后果, 发行' });
    expect(orderForPos(lines, 'verb').map((t) => t.pos)).toEqual(['vt.', 'n.']);
    expect(orderForPos(lines, 'adv')).toEqual(lines);
  });

  it('drops forms spelled like the word', () => {
    const forms = {
      past: null,
      pastParticiple: null,
      ing: null,
      third: null,
      plural: 'sergei',
      comparative: null,
      superlative: null,
    };
    expect(cleanForms(forms, 'Sergei').plural).toBeNull();
  });
});

describe("words that are also JavaScript's own names", () => {
  // A headword used as a key in a plain object found Object.prototype's members: `constructor`
  // answered 500 from the lookup API and from every story page that contains it.
  it.each(Object.getOwnPropertyNames(Object.prototype))('%s looks up without throwing', (word) => {
    expect(() => dictionary.lookup(word)).not.toThrow();
    expect(() => dictionary.lookup(word.toLowerCase())).not.toThrow();
  });

  it('finds the real entry for constructor', () => {
    const entry = dictionary.lookup('constructor');
    expect(entry?.lemma).toBe('constructor');
    expect(entry?.translations.length).toBeGreaterThan(0);
  });
});
