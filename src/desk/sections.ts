/**
 * Sections on the desk: create, rename (Chinese and English names, slug), reorder the navigation,
 * merge one into another. A renamed or merged-away slug keeps redirecting (`section_redirects`).
 * The default section and 待分类 keep their slugs (the importer and the classifier look them up).
 */
import type { Section } from '../articles/model.js';
import { DEFAULT_SECTION, UNSORTED_SECTION } from '../articles/sections.js';
import { AppError } from '../core/errors.js';
import type { Store } from '../store/types.js';

/** A section's slug: lower-case ASCII letters, digits and hyphens, 1–40 characters. */
export const SECTION_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const FIXED_SLUGS = new Set([DEFAULT_SECTION.slug, UNSORTED_SECTION.slug]);

export interface SectionWithCount extends Section {
  stories: number;
  /** The default section or 待分类: its slug stays and it cannot be merged away. */
  fixed: boolean;
}

export interface SectionNames {
  slug?: string;
  nameZh?: string;
  nameEn?: string;
}

function checkNames(names: SectionNames): SectionNames {
  const out: SectionNames = {};
  if (names.slug !== undefined) {
    const slug = names.slug.trim();
    if (!SECTION_SLUG.test(slug)) {
      throw new AppError(
        'BAD_INPUT',
        `A section's slug is lower-case letters, digits and hyphens (up to 40), like "world"; "${slug}" is not.`,
      );
    }
    out.slug = slug;
  }
  if (names.nameZh !== undefined) {
    const nameZh = names.nameZh.trim();
    if (!nameZh || nameZh.length > 40)
      throw new AppError('BAD_INPUT', 'A section needs a Chinese name of 1–40 characters.');
    out.nameZh = nameZh;
  }
  if (names.nameEn !== undefined) {
    const nameEn = names.nameEn.trim();
    if (nameEn.length > 60) throw new AppError('BAD_INPUT', 'The English name is at most 60 characters.');
    out.nameEn = nameEn;
  }
  return out;
}

export class SectionDesk {
  constructor(private readonly store: Store) {}

  /** Every section in navigation order, with its story count. */
  async list(): Promise<SectionWithCount[]> {
    const sections = await this.store.sections.listSections();
    const out: SectionWithCount[] = [];
    for (const s of sections) {
      out.push({
        ...s,
        stories: await this.store.stories.countStories(s.id),
        fixed: FIXED_SLUGS.has(s.slug),
      });
    }
    return out;
  }

  async create(names: Required<Pick<SectionNames, 'slug' | 'nameZh'>> & SectionNames): Promise<Section> {
    const checked = checkNames(names);
    const slug = checked.slug!;
    const nameZh = checked.nameZh!;
    const taken =
      (await this.store.sections.findSectionBySlug(slug)) ??
      (await this.store.sections.findSectionByNameZh(nameZh));
    if (taken) {
      throw new AppError(
        'SECTION_EXISTS',
        `Another section (/sections/${taken.slug}) already has that slug or Chinese name.`,
      );
    }
    return this.store.sections.createSection({ slug, nameZh, nameEn: checked.nameEn ?? '' });
  }

  async rename(id: number, names: SectionNames): Promise<Section> {
    const checked = checkNames(names);
    const section = await this.find(id);
    if (checked.slug !== undefined && checked.slug !== section.slug && FIXED_SLUGS.has(section.slug)) {
      throw new AppError(
        'BAD_INPUT',
        `The slug of "${section.slug}" stays: the importer and the classifier look it up.`,
      );
    }
    const renamed = await this.store.sections.updateSection(id, checked);
    if (!renamed) throw new AppError('SECTION_NOT_FOUND', `There is no section ${id}.`);
    return renamed;
  }

  /** Moves a section one place up or down the navigation. */
  async move(id: number, direction: 'up' | 'down'): Promise<void> {
    const ids = (await this.store.sections.listSections()).map((s) => s.id);
    const at = ids.indexOf(id);
    if (at < 0) throw new AppError('SECTION_NOT_FOUND', `There is no section ${id}.`);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    await this.store.sections.reorderSections(ids);
  }

  /** Sets the whole navigation order (sections not named follow as they were). */
  async reorder(ids: readonly number[]): Promise<void> {
    await this.store.sections.reorderSections(ids);
  }

  /** Moves every story of `fromId` into `intoId` and removes `fromId`; its URL redirects. */
  async merge(fromId: number, intoId: number): Promise<void> {
    const from = await this.find(fromId);
    if (FIXED_SLUGS.has(from.slug)) {
      throw new AppError(
        'BAD_INPUT',
        `"${from.slug}" cannot be merged away: the importer and the classifier use it.`,
      );
    }
    await this.store.sections.mergeSections(fromId, intoId);
  }

  private async find(id: number): Promise<Section> {
    const section = await this.store.sections.findSectionById(id);
    if (!section) throw new AppError('SECTION_NOT_FOUND', `There is no section ${id}.`);
    return section;
  }
}
