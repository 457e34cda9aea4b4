/** Sections on SQLite. */
import type { Section } from '../../articles/model.js';
import { SECTIONS_TAG } from '../change-tags.js';
import type { SectionRepo } from '../types.js';
import type { Scope } from './scope.js';
import { sqliteSectionAdmin } from './section-admin.js';

interface SectionRow {
  id: number;
  slug: string;
  name_zh: string;
  name_en: string;
}

function sectionOf(row: SectionRow): Section {
  return { id: row.id, slug: row.slug, nameZh: row.name_zh, nameEn: row.name_en };
}

/** The section repository of `scope`. */
export function sqliteSectionRepo(scope: Scope): SectionRepo {
  const findOne = (method: string, sql: string, value: unknown) =>
    scope.read(method, () => {
      const row = scope.prepare(sql).get(value) as SectionRow | undefined;
      return row ? sectionOf(row) : null;
    });
  return {
    async findSectionBySlug(slug) {
      return findOne('sections.findSectionBySlug', 'SELECT * FROM sections WHERE slug = ?', slug);
    },
    async findSectionByNameZh(nameZh) {
      return findOne('sections.findSectionByNameZh', 'SELECT * FROM sections WHERE name_zh = ?', nameZh);
    },
    async findSectionById(id) {
      return findOne('sections.findSectionById', 'SELECT * FROM sections WHERE id = ?', id);
    },
    async listSections() {
      return scope.read('sections.listSections', () =>
        (scope.prepare('SELECT * FROM sections ORDER BY position, id').all() as SectionRow[]).map(sectionOf),
      );
    },
    createSection(section) {
      return scope.write('sections.createSection', (tags) => {
        const row = scope
          .prepare(
            `INSERT INTO sections (slug, name_zh, name_en, created_at, position)
             VALUES (@slug, @nameZh, @nameEn, @now, (SELECT COALESCE(MAX(position) + 1, 0) FROM sections))
             RETURNING *`,
          )
          .get({ ...section, now: new Date().toISOString() }) as SectionRow;
        // A live section wins over an old slug that redirected elsewhere.
        scope.prepare('DELETE FROM section_redirects WHERE slug = ?').run(row.slug);
        tags.add(SECTIONS_TAG);
        return sectionOf(row);
      });
    },
    ...sqliteSectionAdmin(scope),
  };
}
