/**
 * Sections the site knows by name, so that a story filed under `国际英语新闻` lands in
 * `/sections/world` with the English name "International News" without anyone setting it up.
 * A section not listed here is created with a pinyin slug and no English name.
 */
import { slugify } from './slug.js';

export interface SectionName {
  slug: string;
  nameZh: string;
  nameEn: string;
}

/** The section for a story whose title carries no section prefix. */
export const DEFAULT_SECTION: SectionName = { slug: 'news', nameZh: '英语新闻', nameEn: 'English News' };

/** Where the section classifier puts a story it is unsure of, for an editor to file; published like any other. */
export const UNSORTED_SECTION: SectionName = { slug: 'unsorted', nameZh: '待分类', nameEn: 'Unsorted' };

export const KNOWN_SECTIONS: readonly SectionName[] = [
  { slug: 'world', nameZh: '国际英语新闻', nameEn: 'International News' },
  { slug: 'china', nameZh: '国内英语新闻', nameEn: 'China News' },
  { slug: 'culture', nameZh: '欧美文化', nameEn: 'Western Culture' },
  { slug: 'business', nameZh: '财经英语新闻', nameEn: 'Business News' },
  { slug: 'sports', nameZh: '体育英语新闻', nameEn: 'Sports News' },
  { slug: 'science', nameZh: '科技英语新闻', nameEn: 'Science & Technology' },
  { slug: 'entertainment', nameZh: '娱乐英语新闻', nameEn: 'Entertainment News' },
  { slug: 'health', nameZh: '健康英语新闻', nameEn: 'Health News' },
  { slug: 'politics', nameZh: '政治英语新闻', nameEn: 'Politics' },
  { slug: 'tech', nameZh: '科技新闻', nameEn: 'Technology' },
  { slug: 'bilingual', nameZh: '双语新闻', nameEn: 'Bilingual News' },
  DEFAULT_SECTION,
  UNSORTED_SECTION,
];

/**
 * What a section named `name` (a slug or a Chinese name) should be called when it is first
 * created: a known section's names, or names derived from what was given.
 */
export function describeNewSection(name: string): SectionName {
  const trimmed = name.trim();
  const known = KNOWN_SECTIONS.find((s) => s.nameZh === trimmed || s.slug === trimmed.toLowerCase());
  if (known) return known;
  const slug = slugify(trimmed, 40) || 'section';
  // An ASCII name ("business-wire") is a slug: show it as its own Chinese-side name until edited.
  return { slug, nameZh: trimmed, nameEn: /[\u3400-\u9fff]/.test(trimmed) ? '' : trimmed };
}
