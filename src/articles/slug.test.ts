import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeNewSection } from './sections.js';
import { MAX_SLUG_LENGTH, slugify, titleKey } from './slug.js';

describe('slugify', () => {
  it.each([
    [
      'Lavrov, Kerry discuss conditions for hostilities cessation in Syria',
      'lavrov-kerry-discuss-conditions-for-hostilities-cessation-in-syria',
    ],
    ["Egypt's Sinai: what's next?", 'egypts-sinai-whats-next'],
    ['Café prices rise 10%', 'cafe-prices-rise-10'],
    ['国际英语新闻', 'guo-ji-ying-yu-xin-wen'],
    ['!!!', ''],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('always gives a URL-safe slug no longer than the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const slug = slugify(text);
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
      }),
    );
  });
});

describe('titleKey', () => {
  it('matches titles that differ only in case, spacing and curly quotes', () => {
    expect(titleKey('Lebanon condemns  deadly attack in Egypt’s Sinai.')).toBe(
      titleKey("lebanon condemns deadly attack in Egypt's Sinai"),
    );
  });
});

describe('describeNewSection', () => {
  it.each([
    ['国际英语新闻', { slug: 'world', nameZh: '国际英语新闻', nameEn: 'International News' }],
    ['culture', { slug: 'culture', nameZh: '欧美文化', nameEn: 'Western Culture' }],
    ['旅游英语', { slug: 'lu-you-ying-yu', nameZh: '旅游英语', nameEn: '' }],
    ['wire', { slug: 'wire', nameZh: 'wire', nameEn: 'wire' }],
  ])('%s', (name, expected) => {
    expect(describeNewSection(name)).toEqual(expected);
  });
});
