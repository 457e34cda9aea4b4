/** Sections on PostgreSQL. */
import type { Section } from '../../articles/model.js';
import { SECTIONS_TAG } from '../change-tags.js';
import type { SectionRepo } from '../types.js';
import type { Scope } from './scope.js';
import { postgresSectionAdmin } from './section-admin.js';

interface SectionRow {
  id: number;
  slug: string;
  name_zh: string;
  name_en: string;
}

const COLUMNS = 'id, slug, name_zh, name_en';

function sectionOf(row: SectionRow): Section {
  return { id: row.id, slug: row.slug, nameZh: row.name_zh, nameEn: row.name_en };
}

/** The section repository of `scope`. */
export function postgresSectionRepo(scope: Scope): SectionRepo {
  const findOne = async (method: string, where: string, value: unknown) => {
    const [row] = await scope.read<SectionRow>(
      method,
      `SELECT ${COLUMNS} FROM sections WHERE ${where} = $1`,
      [value],
    );
    return row ? sectionOf(row) : null;
  };
  return {
    findSectionBySlug(slug) {
      return findOne('sections.findSectionBySlug', 'slug', slug);
    },
    findSectionByNameZh(nameZh) {
      return findOne('sections.findSectionByNameZh', 'name_zh', nameZh);
    },
    findSectionById(id) {
      return findOne('sections.findSectionById', 'id', id);
    },
    async listSections() {
      const rows = await scope.read<SectionRow>(
        'sections.listSections',
        `SELECT ${COLUMNS} FROM sections ORDER BY position, id`,
      );
      return rows.map(sectionOf);
    },
    createSection(section) {
      return scope.write('sections.createSection', async (query, tags) => {
        // The single writer per transaction (store.ts) keeps MAX(position) + 1 from racing.
        const [row] = await query<SectionRow>(
          `INSERT INTO sections (slug, name_zh, name_en, created_at, position)
           VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position) + 1, 0) FROM sections))
           RETURNING ${COLUMNS}`,
          [section.slug, section.nameZh, section.nameEn, new Date().toISOString()],
        );
        // A live section wins over an old slug that redirected elsewhere.
        await query('DELETE FROM section_redirects WHERE slug = $1', [section.slug]);
        tags.add(SECTIONS_TAG);
        return sectionOf(row!);
      });
    },
    ...postgresSectionAdmin(scope),
  };
}
