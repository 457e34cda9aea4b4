/**
 * Readable, stable URL slugs. A story's slug is made once, when it is first stored, and never
 * changes after (a re-import that edits the title keeps the old URL).
 */
import { pinyin } from 'pinyin-pro';

/** Longest slug, in characters; cut at a word boundary. */
export const MAX_SLUG_LENGTH = 80;

/** `Lavrov, Kerry discuss conditions…` → `lavrov-kerry-discuss-conditions…`. '' when nothing is left. */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const ascii = /[\u3400-\u9fff]/.test(text) ? pinyin(text, { toneType: 'none', separator: ' ' }) : text;
  const words = ascii
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, maxLength);
}

/** A key for matching titles regardless of case, spacing and curly quotes. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/[\s.。]+$/, '')
    .trim();
}
