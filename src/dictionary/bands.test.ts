import { describe, expect, it } from 'vitest';
import { BAND_ORDER, bandLevel } from '../text/bands.js';
import { bandFromCode, bandOf, examsOf } from './bands.js';

describe('bandOf', () => {
  it.each([
    [{ exams: examsOf('zk gk cet4'), frq: 847, bnc: 661 }, 'zk'],
    [{ exams: examsOf('gre toefl'), frq: 14248, bnc: 14334 }, 'toefl'],
    [{ exams: examsOf('ky ielts'), frq: 0, bnc: 0 }, 'ky'],
    [{ exams: [], frq: 1500, bnc: 0 }, 'top2k'],
    [{ exams: [], frq: 0, bnc: 4800 }, 'top5k'],
    [{ exams: [], frq: 12000, bnc: 9000 }, 'top10k'],
    [{ exams: [], frq: 19999, bnc: 0 }, 'top20k'],
    [{ exams: [], frq: 0, bnc: 0 }, 'rare'],
  ] as const)('%o → %s', (source, band) => {
    expect(bandOf(source)).toBe(band);
  });

  it('orders exams zk < gk < cet4 < cet6 < ky < ielts < toefl < gre and ignores unknown tags', () => {
    expect(examsOf('gre ielts foo zk ky cet6 toefl gk cet4')).toEqual([
      'zk',
      'gk',
      'cet4',
      'cet6',
      'ky',
      'ielts',
      'toefl',
      'gre',
    ]);
    expect(examsOf('')).toEqual([]);
  });

  it('puts exam and frequency bands on one 1–9 scale', () => {
    expect(bandLevel('zk')).toBe(1);
    expect(bandLevel('gre')).toBe(8);
    expect(bandLevel('rare')).toBe(9);
    expect(bandLevel('top2k')).toBeLessThan(bandLevel('top20k'));
    for (const band of BAND_ORDER) expect(bandFromCode(BAND_ORDER.indexOf(band) + 1)).toBe(band);
    expect(bandFromCode(0)).toBeNull();
  });
});
