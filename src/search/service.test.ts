import { describe, expect, it } from 'vitest';
import { lastPage, MAX_SEARCH_DEPTH, totalText } from './service.js';

describe('a capped search total', () => {
  it('reads "1,000+" and pages on to the deepest result when the count stopped at its limit', () => {
    expect(totalText({ total: 1000, totalExact: false })).toBe('1,000+');
    expect(totalText({ total: 7, totalExact: true })).toBe('7');
    expect(lastPage({ total: 1000, totalExact: false, limit: 10 })).toBe(MAX_SEARCH_DEPTH / 10);
    expect(lastPage({ total: 21, totalExact: true, limit: 10 })).toBe(3);
    expect(lastPage({ total: 0, totalExact: true, limit: 10 })).toBe(1);
  });
});
