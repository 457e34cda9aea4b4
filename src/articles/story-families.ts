/**
 * Story families: the same article rewritten at several levels (JSON Lines `group` + `level`, as
 * in OneStopEnglish). Each version's page links to the others ("本文其他难度: 初级 · 中级 · 高级"),
 * and a family takes one place in a 相关文章 list (`related-entries.ts`). Pure: no store access.
 */
import type { FamilyMember } from '../store/types.js';

/** A family's version as a page shows it. */
export interface FamilyVersion {
  id: number;
  slug: string;
  title: string;
  /** The level as the source wrote it (`intermediate`), or null. */
  level: string | null;
  /** The label the page shows: `中级`. */
  label: string;
  /** Whether this is the version on the page (shown, not linked). */
  current: boolean;
}

/**
 * Level names sources use, easiest first, with the Chinese label shown. OneStopEnglish uses
 * `elementary`, `intermediate`, `advanced`; CEFR bands and the usual course-book names sort among
 * them. Matching ignores case, spaces, `-` and `_`.
 */
const LEVELS: ReadonlyArray<readonly [names: readonly string[], label: string]> = [
  [['beginner', 'starter', 'a1'], '入门'],
  [['elementary', 'easy', 'basic', 'a2', 'ele'], '初级'],
  [['preintermediate', 'prei', 'b1'], '准中级'],
  [['intermediate', 'int', 'medium'], '中级'],
  [['upperintermediate', 'b2'], '中高级'],
  [['advanced', 'adv', 'hard', 'c1'], '高级'],
  [['proficiency', 'proficient', 'c2'], '精通'],
];

function normal(level: string): string {
  return level.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Where a level sorts (0 = easiest); unknown levels sort after every known one. */
export function levelRank(level: string | null): number {
  if (level === null) return LEVELS.length;
  const key = normal(level);
  const at = LEVELS.findIndex(([names]) => names.includes(key));
  return at < 0 ? LEVELS.length : at;
}

/** The label shown for a level: `初级` for `elementary`; an unknown level as written; `原文` for none. */
export function levelLabel(level: string | null): string {
  if (level === null) return '原文';
  const rank = levelRank(level);
  return rank < LEVELS.length ? LEVELS[rank]![1] : level;
}

/**
 * The versions of a family in level order (easiest first, then by id), the current one marked.
 * Empty when the family has only the current version: there is nothing to link.
 */
export function familyVersions(members: readonly FamilyMember[], currentId: number): FamilyVersion[] {
  if (members.filter((m) => m.id !== currentId).length === 0) return [];
  return [...members]
    .sort((a, b) => levelRank(a.groupLevel) - levelRank(b.groupLevel) || a.id - b.id)
    .map((m) => ({
      id: m.id,
      slug: m.slug,
      title: m.title,
      level: m.groupLevel,
      label: levelLabel(m.groupLevel),
      current: m.id === currentId,
    }));
}
