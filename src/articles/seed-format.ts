/**
 * The seed's plain-text story format:
 *
 * ```
 * 国际英语新闻:Lavrov, Kerry discuss conditions …     ← SECTION:TITLE (":" or "："), section optional
 * MOSCOW, Feb. 21 (Xinhua) -- Russian Foreign …       ← body, one paragraph a line; dateline optional
 * …
 * 相关文章                                            ← optional: editor-pinned related stories
 * - 欧美文化:Emergency rooms see more gun violence …
 * ```
 *
 * A colon splits off a section only when the part before it is Chinese: English titles carry
 * colons of their own (`… in 1st year of pandemic: CNN`).
 */
import { AppError } from '../core/errors.js';
import { takeDateline } from './dateline.js';
import type { PinnedLink, StoryInput } from './model.js';

/** The heading that opens the related-articles list. */
export const RELATED_HEADING = '相关文章';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Splits `国际英语新闻:Title` into section and title; no Chinese prefix means no section. */
export function splitSectionTitle(line: string): { section: string | null; title: string } {
  const match = /^([^:：]{1,40})[:：](.*)$/.exec(line);
  if (match && CJK.test(match[1] ?? '') && !/[A-Za-z]{2,}/.test(match[1] ?? '')) {
    return { section: (match[1] ?? '').trim(), title: (match[2] ?? '').trim() };
  }
  return { section: null, title: line.trim() };
}

/** A `相关文章` entry (`- 欧美文化:Title`, bullet optional) as a section name and a title ('' when none). */
export function parseRelatedEntry(line: string): { sectionName: string; title: string } {
  const { section, title } = splitSectionTitle(line.trim().replace(/^[-*•·]\s*/, ''));
  return { sectionName: section ?? '', title };
}

/** Parses one story in the seed format. `where` names the input in error messages (a file path). */
export function parseSeedText(text: string, where: string): StoryInput {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex < 0) {
    throw new AppError(
      'INVALID_STORY',
      `${where}: the file is empty; expected a first line "SECTION:TITLE".`,
    );
  }
  const { section, title } = splitSectionTitle((lines[firstIndex] ?? '').trim());
  if (!title) {
    throw new AppError(
      'INVALID_STORY',
      `${where}:${firstIndex + 1}: the title after "${section}:" is empty.`,
    );
  }

  const paragraphs: string[] = [];
  const pinnedRelated: PinnedLink[] = [];
  let inRelated = false;
  for (let i = firstIndex + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    if (!inRelated && line === RELATED_HEADING) {
      inRelated = true;
      continue;
    }
    if (!inRelated) {
      paragraphs.push(line.replace(/\s+/g, ' '));
      continue;
    }
    const entry = parseRelatedEntry(line);
    if (!entry.title) {
      throw new AppError('INVALID_STORY', `${where}:${i + 1}: a related entry has no title.`);
    }
    pinnedRelated.push(entry);
  }
  if (paragraphs.length === 0) {
    throw new AppError(
      'INVALID_STORY',
      `${where}: the story "${title}" has no body text after its title line.`,
    );
  }

  const { dateline, paragraphs: body } = takeDateline(paragraphs);
  return {
    source: '',
    externalId: null,
    section,
    title,
    dateline,
    publishedAt: null,
    url: null,
    tags: [],
    paragraphs: body,
    pinnedRelated,
  };
}

/** Writes a story back in the seed format (the inverse of `parseSeedText`, dateline included). */
export function formatSeedText(story: {
  sectionName: string;
  title: string;
  datelineText: string | null;
  paragraphs: string[];
  pinnedRelated: PinnedLink[];
}): string {
  const body = [...story.paragraphs];
  if (story.datelineText && body.length > 0) body[0] = `${story.datelineText} -- ${body[0]}`;
  const lines = [`${story.sectionName}:${story.title}`, ...body];
  if (story.pinnedRelated.length > 0) {
    lines.push(RELATED_HEADING);
    for (const link of story.pinnedRelated) {
      lines.push(`- ${link.sectionName ? `${link.sectionName}:` : ''}${link.title}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
