/** The editors' section changes on SQLite: rename, reorder, merge, and the redirects they leave. */
import type { Section } from '../../articles/model.js';
import { SECTIONS_TAG, STORIES_TAG, sectionTag, storyTag } from '../change-tags.js';
import { checkMerge, sectionExists, sectionOrder } from '../section-admin-rows.js';
import type { SectionRepo } from '../types.js';
import type { Scope } from './scope.js';

interface SectionRow {
  id: number;
  slug: string;
  name_zh: string;
  name_en: string;
}

const sectionOf = (row: SectionRow): Section => ({
  id: row.id,
  slug: row.slug,
  nameZh: row.name_zh,
  nameEn: row.name_en,
});

type SectionAdmin = Pick<
  SectionRepo,
  'updateSection' | 'reorderSections' | 'mergeSections' | 'findSectionRedirect'
>;

/** The section-admin methods of `scope`'s section repository. */
export function sqliteSectionAdmin(scope: Scope): SectionAdmin {
  const byId = (id: number) =>
    scope.prepare('SELECT * FROM sections WHERE id = ?').get(id) as SectionRow | undefined;
  const redirect = (slug: string, sectionId: number) =>
    scope
      .prepare(
        `INSERT INTO section_redirects (slug, section_id, created_at) VALUES (?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET section_id = excluded.section_id, created_at = excluded.created_at`,
      )
      .run(slug, sectionId, new Date().toISOString());
  const moveFeeds = (old: SectionRow, slug: string) =>
    scope.prepare('UPDATE feeds SET section = ? WHERE section IN (?, ?)').run(slug, old.slug, old.name_zh);
  return {
    updateSection(id, changes) {
      return scope.write('sections.updateSection', (tags) => {
        const old = byId(id);
        if (!old) return null;
        const next = {
          slug: changes.slug ?? old.slug,
          nameZh: changes.nameZh ?? old.name_zh,
          nameEn: changes.nameEn ?? old.name_en,
        };
        const clash = scope
          .prepare('SELECT slug, name_zh FROM sections WHERE id <> ? AND (slug = ? OR name_zh = ?)')
          .get(id, next.slug, next.nameZh) as { slug: string; name_zh: string } | undefined;
        if (clash) throw sectionExists(next, clash);
        const row = scope
          .prepare('UPDATE sections SET slug = ?, name_zh = ?, name_en = ? WHERE id = ? RETURNING *')
          .get(next.slug, next.nameZh, next.nameEn, id) as SectionRow;
        if (next.slug !== old.slug) {
          scope.prepare('DELETE FROM section_redirects WHERE slug = ?').run(next.slug);
          redirect(old.slug, id);
        }
        moveFeeds(old, next.slug);
        tags.add(SECTIONS_TAG);
        tags.add(sectionTag(id));
        return sectionOf(row);
      });
    },
    reorderSections(ids) {
      return scope.write('sections.reorderSections', (tags) => {
        const current = (
          scope.prepare('SELECT id FROM sections ORDER BY position, id').all() as Array<{ id: number }>
        ).map((r) => r.id);
        const update = scope.prepare('UPDATE sections SET position = ? WHERE id = ?');
        for (const [position, id] of sectionOrder(current, ids).entries()) update.run(position, id);
        tags.add(SECTIONS_TAG);
      });
    },
    mergeSections(fromId, intoId) {
      return scope.write('sections.mergeSections', (tags) => {
        const from = byId(fromId);
        const into = byId(intoId);
        checkMerge(fromId, intoId, from, into);
        const moved = scope.prepare('SELECT id FROM stories WHERE section_id = ?').all(fromId) as Array<{
          id: number;
        }>;
        scope.prepare('UPDATE stories SET section_id = ? WHERE section_id = ?').run(intoId, fromId);
        scope.prepare('UPDATE section_redirects SET section_id = ? WHERE section_id = ?').run(intoId, fromId);
        scope.prepare('DELETE FROM sections WHERE id = ?').run(fromId);
        redirect(from!.slug, intoId);
        moveFeeds(from!, into!.slug);
        for (const tag of [SECTIONS_TAG, STORIES_TAG, sectionTag(fromId), sectionTag(intoId)]) tags.add(tag);
        for (const { id } of moved) tags.add(storyTag(id));
      });
    },
    async findSectionRedirect(slug) {
      return scope.read('sections.findSectionRedirect', () => {
        const row = scope
          .prepare(
            'SELECT s.* FROM section_redirects r JOIN sections s ON s.id = r.section_id WHERE r.slug = ?',
          )
          .get(slug) as SectionRow | undefined;
        return row ? sectionOf(row) : null;
      });
    },
  };
}
