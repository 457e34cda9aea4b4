/**
 * What both adapters share for the editors' section changes (`SectionRepo.updateSection`,
 * `reorderSections`, `mergeSections`): the messages and the order rule.
 */
import type { Section } from '../articles/model.js';
import { AppError } from '../core/errors.js';

/** `SECTION_EXISTS` for a slug or Chinese name another section has. */
export function sectionExists(
  wanted: Omit<Section, 'id'>,
  other: { slug: string; name_zh: string },
): AppError {
  const what =
    other.slug === wanted.slug ? `the slug "${wanted.slug}"` : `the Chinese name "${wanted.nameZh}"`;
  return new AppError('SECTION_EXISTS', `Another section (/sections/${other.slug}) already has ${what}.`);
}

/** The checks of a merge, before anything is written. */
export function checkMerge(fromId: number, intoId: number, from: unknown, into: unknown): void {
  if (fromId === intoId) throw new AppError('BAD_INPUT', 'A section cannot be merged into itself.');
  if (!from || !into) {
    throw new AppError('SECTION_NOT_FOUND', `No section with id ${!from ? fromId : intoId} to merge.`);
  }
}

/** The navigation order after `reorderSections(ids)`: `ids` (existing, first mention) first, then the rest as they were. */
export function sectionOrder(current: readonly number[], ids: readonly number[]): number[] {
  const known = new Set(current);
  const first = [...new Set(ids)].filter((id) => known.has(id));
  const placed = new Set(first);
  return [...first, ...current.filter((id) => !placed.has(id))];
}
