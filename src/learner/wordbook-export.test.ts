import { describe, expect, it } from 'vitest';
import { ankiTsv, markedSentence, wordbookCsv } from './wordbook-export.js';

const ROW = {
  word: 'truce',
  phonetic: 'tru:s',
  meaning: 'n. 休战, 停战',
  sentence: 'A "truce", they said,\nheld <for now>.',
  title: 'Truce holds',
  url: 'https://news.example.com/stories/truce-holds',
};

describe('wordbook export', () => {
  it('marks the word in bold in the sentence, escaping the rest', () => {
    expect(markedSentence('The Truce held <1>.', 'truce')).toBe('The <b>Truce</b> held &lt;1&gt;.');
    expect(markedSentence('No match.', 'truce')).toBe('No match.');
  });

  it('writes an Anki file: header lines, one note a line, six tab-separated fields', () => {
    const lines = ankiTsv([ROW]).trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['#separator:tab', '#html:true']);
    expect(lines[3]!.split('\t')).toEqual([
      'truce',
      '/tru:s/',
      'n. 休战, 停战',
      'A "<b>truce</b>", they said, held &lt;for now&gt;.',
      'Truce holds',
      'https://news.example.com/stories/truce-holds',
    ]);
    expect(lines).toHaveLength(4);
  });

  it('writes a CSV with a header and quoted fields where needed', () => {
    expect(wordbookCsv([ROW])).toBe(
      'word,phonetic,meaning,sentence,source,url\r\n' +
        'truce,tru:s,"n. 休战, 停战","A ""truce"", they said,\nheld <for now>.",Truce holds,https://news.example.com/stories/truce-holds\r\n',
    );
  });
});
