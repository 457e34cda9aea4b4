/**
 * Lookups and analysis against the real ECDICT index (the default `data/ecdict.sqlite`, built on
 * first run, about 15 s; later runs reuse it). All real-index tests live in this one file so that
 * parallel test workers never build it twice.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyzedToken, analyzeText } from '../text/analyze.js';
import { findPhrases } from '../text/phrases.js';
import { tokenize } from '../text/tokenize.js';
import { type Dictionary, ensureDictionary, openDictionary } from './index.js';

const SEED = fileURLToPath(new URL('../../../shared/seed/000_a8fe7018b2185b9d.txt', import.meta.url));

let path: string;
let dict: Dictionary;
let openMs: number;

beforeAll(() => {
  path = ensureDictionary();
  const t0 = performance.now();
  dict = openDictionary(path);
  openMs = performance.now() - t0;
}, 180_000);

afterAll(() => dict?.close());

describe('lookup', () => {
  it('opens the index well under 2 s', () => {
    expect(openMs).toBeLessThan(2000);
  });

  it('answers a cold lookup in a new process in under 1 s', () => {
    const script = `import { openDictionary } from './src/dictionary/index.ts';
      const t0 = performance.now(); const d = openDictionary(${JSON.stringify(path)});
      const e = d.lookup('hostilities'); console.log(JSON.stringify({ ms: performance.now() - t0, lemma: e?.lemma }));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    const result = JSON.parse(child.stdout.trim()) as { ms: number; lemma: string };
    expect(result.lemma).toBe('hostility');
    expect(result.ms).toBeLessThan(1000);
  });

  it.each([
    ['Discussed', 'discuss', '讨论'],
    ['discussing', 'discuss', '讨论'],
    ['hostilities', 'hostility', '敌意'],
    ['besieged', 'besiege', '围攻'],
    ['cessation', 'cessation', '停止'],
    ['ministries', 'ministry', '部'],
    ["Russia's", 'Russia', '俄罗斯'],
    ['Russia’s', 'Russia', '俄罗斯'],
    ["countries'", 'country', '国家'],
    ['went', 'go', '去'],
    ['was', 'be', '是'],
    ['US', 'U.S.', '美国'],
    ['UN', 'UN', '联合国'],
    ['cease-fire', 'ceasefire', '停火'],
    ['co-chairs', 'co-chair', '共同主席'],
    ['defunded', 'defund', ''],
    ['upskilling', 'upskill', ''],
  ])('%s → %s %s', (word, lemma, meaning) => {
    const entry = dict.lookup(word);
    expect(entry?.lemma).toBe(lemma);
    expect((entry?.translations ?? []).map((t) => t.text).join(' ')).toContain(meaning);
  });

  it('gives the fields a reader sees: phonetic, forms, exams, band, frequency', () => {
    const entry = dict.lookup('discussed');
    expect(entry).toMatchObject({
      query: 'discussed',
      word: 'discussed',
      lemma: 'discuss',
      phonetic: "dis'kʌs",
      exams: ['zk', 'gk'],
      band: 'zk',
      collins: 4,
      oxford: true,
      bnc: 661,
      frq: 847,
    });
    expect([...(entry?.inflection ?? [])].sort()).toEqual(['past', 'pastParticiple']);
    expect(entry?.forms).toMatchObject({
      past: 'discussed',
      ing: 'discussing',
      third: 'discusses',
      plural: null,
    });
    expect(entry?.definition).toContain('consider or examine in speech');
    expect(entry?.translations[0]).toEqual({ pos: 'vt.', text: '讨论, 论述' });
  });

  it("keeps an inflected form's own meaning when it has one, and drops a bare inflection note", () => {
    expect(dict.lookup('hostilities')?.ownSense?.translations[0]?.text).toContain('战争');
    expect(dict.lookup('discussed')?.ownSense).toBeNull();
    expect(dict.lookup('said')?.ownSense?.translations.map((t) => t.text)).toEqual(['上述的']);
  });

  it("gives the analyser the lemma's frequency rank and Oxford 3000 membership", () => {
    const discussed = dict.wordInfo('discussed');
    const discuss = dict.lookup('discuss');
    expect(discussed?.rank).toBe(Math.min(discuss?.frq || Infinity, discuss?.bnc || Infinity));
    expect(discussed?.oxford).toBe(true);
    expect(dict.wordInfo('the')?.rank).toBeLessThan(10);
    const cessation = dict.wordInfo('cessation');
    expect(cessation?.oxford).toBe(false);
    expect(cessation?.rank).toBeGreaterThan(discussed?.rank ?? Infinity);
  });

  it('falls back to the parts of an unknown hyphenated compound, head last', () => {
    expect(dict.lookup('Moscow-based')?.lemma).toBe('base');
    expect(dict.lookupParts('Moscow-based').map((e) => e.lemma)).toEqual(['Moscow', 'base']);
  });

  it('returns null for names and strings it does not know', () => {
    expect(dict.lookup('Lavrov')).toBeNull();
    expect(dict.lookup('qqzzxv')).toBeNull();
    expect(dict.lookup('')).toBeNull();
    expect(dict.lemmaOf('Lavrov')).toBeNull();
  });
});

describe('findPhrases', () => {
  it.each([
    ['The loan was paid off last year.', ['pay off']],
    ['They pushed forward the reform in accordance with its rules.', ['push forward', 'in accordance with']],
    ['Exports as well as imports fell for the third month in a row.', ['as well as', 'in a row']],
    ['The UN Security Council met on Monday.', ['security council']],
    ['Exports fell for the third month.', []],
    ['The summit was held in Beijing.', []],
    ['They paid, off they went.', []],
  ])('%s', (text, keys) => {
    const tokens = tokenize(text);
    const found = findPhrases(tokens, dict);
    expect(found.map((p) => p.key)).toEqual(keys);
    for (const p of found) {
      expect(text.slice(p.start, p.end).toLowerCase().split(' ')).toHaveLength(p.key.split(' ').length);
      expect(tokens[p.tokenStart]?.start).toBe(p.start);
      expect(tokens[p.tokenEnd - 1]?.end).toBe(p.end);
    }
  });
});

describe('analyzeText', () => {
  const words = (tokens: AnalyzedToken[]) => tokens.filter((t) => t.kind === 'word');
  const names = (tokens: AnalyzedToken[]) =>
    words(tokens)
      .filter((t) => t.properNoun)
      .map((t) => t.text);

  it('annotates every word with lemma, entry key, band and sentence', () => {
    const { tokens, sentences } = analyzeText(
      'Envoys discussed the cease-fire. Talks resumed in Vienna.',
      dict,
    );
    expect(sentences).toHaveLength(2);
    expect(tokens.map((t) => t.text).join('')).toBe(
      'Envoys discussed the cease-fire. Talks resumed in Vienna.',
    );
    const discussed = tokens.find((t) => t.text === 'discussed');
    expect(discussed).toMatchObject({
      lemma: 'discuss',
      entryKey: 'discuss',
      band: 'zk',
      properNoun: false,
      sentenceIndex: 0,
    });
    expect(tokens.find((t) => t.text === 'resumed')).toMatchObject({ lemma: 'resume', sentenceIndex: 1 });
    expect(tokens.find((t) => t.text === ',')).toBeUndefined();
    expect(tokens.find((t) => t.text === '.')).toMatchObject({ lemma: null, entryKey: null, band: null });
    const indexes = tokens.map((t) => t.sentenceIndex);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('flags names in mid-sentence but not capitalised titles or common words', () => {
    const { tokens } = analyzeText(
      'On Friday, Foreign Minister Olga Petrenko met Kerry and officials of the ISSG in Munich. Kerry left.',
      dict,
    );
    expect(names(tokens)).toEqual(['Friday', 'Olga', 'Petrenko', 'Kerry', 'ISSG', 'Munich', 'Kerry']);
    expect(words(tokens).find((t) => t.text === 'Minister')?.properNoun).toBe(false);
    expect(names(analyzeText('Mr. Lee met Dr. Sato.', dict).tokens)).toEqual(['Lee', 'Sato']);
  });

  // Irregular forms and function words take their lemma's entry and band (build.ts, rules 1–3).
  it.each([
    ['They are here.', 'are', 'be', 'zk'],
    ['She is here.', 'is', 'be', 'zk'],
    ['They were here.', 'were', 'be', 'zk'],
    ['It was an idea.', 'an', 'a', 'zk'],
    ['We went home.', 'went', 'go', 'zk'],
    ['The children left.', 'children', 'child', 'zk'],
    ['It is better now.', 'better', 'good', 'zk'],
    ['The mice ran.', 'mice', 'mouse', 'zk'],
    ['A number of people came.', 'number', 'number', 'zk'],
    ['They sat on the ground.', 'ground', 'ground', 'zk'],
    ['Wait a bit.', 'bit', 'bit', 'zk'],
  ])('%j: %s → %s (%s)', (text, word, lemma, band) => {
    const token = analyzeText(text, dict).tokens.find((t) => t.text === word);
    expect(token).toMatchObject({ lemma, band, properNoun: false });
  });

  it('reads contractions and possessives through their base word', () => {
    const { tokens } = analyzeText("Officials don't expect Ukraine's talks to fail; they can't.", dict);
    expect(tokens.find((t) => t.text === "don't")?.lemma).toBe('do');
    expect(tokens.find((t) => t.text === "can't")?.lemma).toBe('can');
    expect(tokens.find((t) => t.text === "Ukraine's")).toMatchObject({ lemma: 'ukraine', properNoun: true });
  });

  it('uses no casing signal in an all-capitals headline', () => {
    const { tokens } = analyzeText('COCOA EXPORTS RISE IN GHANA', dict);
    expect(names(tokens)).toEqual(['GHANA']); // only through ECDICT's capitalised headword `Ghana`
  });

  it('never throws and tiles odd input', () => {
    for (const text of ['', ' ', '\ud800', '--', "'", 'A.B.C.', '“”', '国际']) {
      const { tokens } = analyzeText(text, dict);
      expect(tokens.map((t) => t.text).join('')).toBe(text);
    }
  });

  describe.skipIf(!existsSync(SEED))('on the seed story (../shared/seed)', () => {
    it('finds the lemmas, names and phrases a reader of the story needs', () => {
      const text = readFileSync(SEED, 'utf8');
      const { tokens, phrases } = analyzeText(text, dict);
      const byText = (w: string) => tokens.find((t) => t.text === w);
      expect(byText('hostilities')).toMatchObject({ lemma: 'hostility', band: 'toefl' });
      expect(byText('besieged')?.lemma).toBe('besiege');
      expect(byText('cessation')?.band).toBe('gre');
      for (const name of ['Lavrov', 'Kerry', 'Munich', 'ISSG', 'Putin', 'Obama', 'Xinhua']) {
        expect(byText(name)?.properNoun).toBe(true);
      }
      for (const word of ['Foreign', 'Minister', 'Secretary', 'Security', 'Council', 'Proposals']) {
        expect(byText(word)?.properNoun).toBe(false);
      }
      const keys = phrases.map((p) => p.key);
      for (const key of [
        'cessation of hostilities',
        'in accordance with',
        'pay off',
        'push forward',
        'in a row',
      ]) {
        expect(keys).toContain(key);
      }
      expect(keys).not.toContain('hold in');
    });
  });
});
