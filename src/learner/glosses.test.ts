import { describe, expect, it } from 'vitest';
import { shortGloss } from './glosses.js';

describe('shortGloss', () => {
  it('keeps the first meaning of a line, without notes, cut to fit above a word', () => {
    expect(shortGloss('停止, 中止')).toBe('停止');
    expect(shortGloss('（法律）停止；终止')).toBe('停止');
    expect(shortGloss('[医] 停止, 中断')).toBe('停止');
    expect(shortGloss('中华人民共和国外交部发言人, 发言人')).toBe('中华人民共和国…');
    expect(shortGloss('[计] ')).toBe('');
  });
});
