import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { findPhrases } from '../text/phrases.js';
import { tokenize } from '../text/tokenize.js';
import { type BuildProgress, buildDictionaryIndex } from './build.js';
import { decodeEscapes, readCsvRows } from './csv.js';
import { type Dictionary, openIndex } from './dictionary.js';

const HEADER = 'word,phonetic,definition,translation,pos,collins,oxford,tag,bnc,frq,exchange,detail,audio';

// A handful of rows written in ECDICT's format (quoted fields, `\n` escapes, doubled quotes).
const CSV = [
  HEADER,
  'discuss,dis\'kʌs,"v to consider or examine in speech or writing\\nv speak with others about (something)","vt. 讨论, 论述\\n[医] 讨论, 辩论",,4,1,zk gk,661,847,d:discussed/i:discussing/p:discussed/3:discusses,,',
  'discussed,,v to consider,v. 商讨；讨论（discuss的过去分词）,,,,,0,39128,0:discuss/1:dp/d:discussed/p:discussed,,',
  'hostility,hɒs\'tiliti,n. a hostile disposition,"n. 敌意, 敌对, 反对",,,,toefl gre,3996,5211,s:hostilities,,',
  'hostilities,,n. fighting,"n. 战争行动, 战争",,1,,,0,0,0:hostility/1:s,,',
  'pay,pei,n. salary,"n. 薪资\\nvt. 支付",,5,1,zk gk,300,400,p:paid/d:paid/i:paying/3:pays,,',
  'pay off,,,"付清, 取得成功",,,,,0,0,,,',
  'water system,,,"供水系统",,,,,0,0,,,',
  "Munich,'mju:nik,n. the capital of Bavaria,n. 慕尼黑,,,,,7841,0,,,",
  'quote,kwəut,"v. say ""this""",v. 引用,,3,,cet4,2000,2100,,,',
  'be,bi:,v. exist,v. 是,,5,1,zk,1,1,,,',
  'was,wɒz,v. exist,be的过去式,,,,,41040,0,,,',
  'bolster,\'bәulstә,v. support,"vt. 支持, 支撑",,2,,toefl gre,9000,9100,,,',
  // `are` is tagged for the unit of area and heads a group of its own in lemma.en.txt; only its translation links it to `be`.
  'are,ɑ:,n. a unit of area,be的现在时复数或第二人称单数,,,,gk,0,0,s:ares,,',
  'a,ei,n. the letter,"art. 一个",,5,1,zk gk,5,5,,,',
  'an,æn,n. a degree,art. 一,,,,,30,0,,,',
  'numb,nʌm,a. unable to feel,a. 麻木的,,1,,gk ky,12639,9317,r:number,,',
  'number,\'nʌmbә,n. a count,"n. 数, 数字",,5,1,zk gk,143,204,s:numbers/0:numb/1:r,,',
].join('\n');

const LEMMAS = '; test lemma list\nbe/100 -> is,was,are\nare/6 -> ares\n';

let dir: string;
let csvPath: string;
let dict: Dictionary;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-build-'));
  csvPath = join(dir, 'ecdict.csv');
  writeFileSync(csvPath, CSV);
  writeFileSync(join(dir, 'lemma.en.txt'), LEMMAS);
  buildDictionaryIndex(csvPath, join(dir, 'index.sqlite'));
  dict = openIndex(join(dir, 'index.sqlite'));
});

afterAll(() => {
  dict?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and real line breaks', () => {
    const rows = [...readCsvRows('a,"b, c","say ""hi""","x\ny"\r\n1,2,3,4\n')];
    expect(rows).toEqual([
      ['a', 'b, c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('names the line of an unterminated quote', () => {
    expect(() => [...readCsvRows('a,b\nc,"open\n')]).toThrow(/line 2/);
  });

  it('decodes ECDICT escapes', () => {
    expect(decodeEscapes('n. 停止\\r\\n[法] 中止\\\\x')).toBe('n. 停止\n[法] 中止\\x');
  });
});

describe('buildDictionaryIndex', () => {
  it('stores decoded entries and resolves lemmas from exchange and lemma.en.txt', () => {
    const discussed = dict.lookup('Discussed');
    expect(discussed?.lemma).toBe('discuss');
    expect(discussed?.translations[0]).toEqual({ pos: 'vt.', text: '讨论, 论述' });
    expect(discussed?.definition.split('\n')).toHaveLength(2);
    expect(discussed?.ownSense).toBeNull();
    expect(dict.lookup('hostilities')?.ownSense?.translations[0]?.text).toBe('战争行动, 战争');
    expect(dict.lemmaOf('paid')).toBe('pay');
    expect(dict.lemmaOf('was')).toBe('be');
    expect(dict.lookup('quote')?.definition).toBe('v. say "this"');
  });

  it('links irregular forms that ECDICT leaves unlinked, and keeps frequent words their own', () => {
    expect(dict.wordInfo('are')).toMatchObject({ lemma: 'be', band: 'zk' }); // named by its translation
    expect(dict.wordInfo('an')).toMatchObject({ lemma: 'a', band: 'zk' }); // VARIANT_LEMMAS
    expect(dict.wordInfo('number')).toMatchObject({ lemma: 'number', band: 'zk' }); // not `numb` + -er
  });

  it('keeps idioms and names as phrases but drops unranked content-word compounds', () => {
    const found = findPhrases(tokenize('They paid off the water system debt.'), dict).map((p) => p.key);
    expect(found).toEqual(['pay off']);
  });

  it('reports progress and figures', () => {
    const phases: BuildProgress['phase'][] = [];
    const report = buildDictionaryIndex(csvPath, join(dir, 'again.sqlite'), (p) => phases.push(p.phase));
    expect(report.entries).toBe(17);
    expect(report.phrases).toBe(1);
    expect(report.bytes).toBeGreaterThan(0);
    expect(phases).toContain('entries');
    expect(phases[phases.length - 1]).toBe('finish');
  });

  it('rejects a file that is not ECDICT and leaves no file behind', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,age\nx,1\n');
    const out = join(dir, 'bad.sqlite');
    expect(() => buildDictionaryIndex(bad, out)).toThrow(AppError);
    expect(() => buildDictionaryIndex(bad, out)).toThrow(/row 1: expected the ECDICT header/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the row of a malformed line and keeps an existing index intact', () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, `${HEADER}\nword,1,2\n`);
    expect(() => buildDictionaryIndex(broken, join(dir, 'index.sqlite'))).toThrow(
      /row 2: 3 fields, expected 13/,
    );
    expect(dict.lookup('discuss')?.lemma).toBe('discuss');
    const reopened = openIndex(join(dir, 'index.sqlite'));
    expect(reopened.lookup('Munich')?.translations[0]?.text).toBe('慕尼黑');
    reopened.close();
  });

  it('reports a missing CSV as FILE_NOT_FOUND and a missing index as DICTIONARY_UNAVAILABLE', () => {
    expect(() => buildDictionaryIndex(join(dir, 'none.csv'), join(dir, 'x.sqlite'))).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
    );
    expect(() => openIndex(join(dir, 'none.sqlite'))).toThrow(
      expect.objectContaining({ code: 'DICTIONARY_UNAVAILABLE' }),
    );
  });
});
