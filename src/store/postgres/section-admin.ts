/** The editors' section changes on PostgreSQL: rename, reorder, merge, and the redirects they leave. */
import type { Section } from '../../articles/model.js';
import { SECTIONS_TAG, STORIES_TAG, sectionTag, storyTag } from '../change-tags.js';
import { checkMerge, sectionExists, sectionOrder } from '../section-admin-rows.js';
import type { SectionRepo } from '../types.js';
import type { Query, Scope } from './scope.js';

interface SectionRow {
  id: number;
  slug: string;
  name_zh: string;
  name_en: string;
}

const COLUMNS = 'id, slug, name_zh, name_en';

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

async function byId(query: Query, id: number): Promise<SectionRow | undefined> {
  const [row] = await query<SectionRow>(`SELECT ${COLUMNS} FROM sections WHERE id = $1`, [id]);
  return row;
}

async function redirect(query: Query, slug: string, sectionId: number): Promise<void> {
  await query(
    `INSERT INTO section_redirects (slug, section_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (slug) DO UPDATE SET section_id = excluded.section_id, created_at = excluded.created_at`,
    [slug, sectionId, new Date().toISOString()],
  );
}

async function moveFeeds(query: Query, old: SectionRow, slug: string): Promise<void> {
  await query('UPDATE feeds SET section = $1 WHERE section IN ($2, $3)', [slug, old.slug, old.name_zh]);
}

/** The section-admin methods of `scope`'s section repository. */
export function postgresSectionAdmin(scope: Scope): SectionAdmin {
  return {
    updateSection(id, changes) {
      return scope.write('sections.updateSection', async (query, tags) => {
        const old = await byId(query, id);
        if (!old) return null;
        const next = {
          slug: changes.slug ?? old.slug,
          nameZh: changes.nameZh ?? old.name_zh,
          nameEn: changes.nameEn ?? old.name_en,
        };
        const [clash] = await query<{ slug: string; name_zh: string }>(
          'SELECT slug, name_zh FROM sections WHERE id <> $1 AND (slug = $2 OR name_zh = $3)',
          [id, next.slug, next.nameZh],
        );
        if (clash) throw sectionExists(next, clash);
        const [row] = await query<SectionRow>(
          `UPDATE sections SET slug = $1, name_zh = $2, name_en = $3 WHERE id = $4 RETURNING ${COLUMNS}`,
          [next.slug, next.nameZh, next.nameEn, id],
        );
        if (next.slug !== old.slug) {
          await query('DELETE FROM section_redirects WHERE slug = $1', [next.slug]);
          await redirect(query, old.slug, id);
        }
        await moveFeeds(query, old, next.slug);
        tags.add(SECTIONS_TAG);
        tags.add(sectionTag(id));
        return sectionOf(row!);
      });
    },
    reorderSections(ids) {
      return scope.write('sections.reorderSections', async (query, tags) => {
        const current = (await query<{ id: number }>('SELECT id FROM sections ORDER BY position, id')).map(
          (r) => r.id,
        );
        const order = sectionOrder(current, ids);
        await query(
          `UPDATE sections SET position = o.position - 1
           FROM unnest($1::int[]) WITH ORDINALITY AS o(id, position) WHERE sections.id = o.id`,
          [order],
        );
        tags.add(SECTIONS_TAG);
      });
    },
    mergeSections(fromId, intoId) {
      return scope.write('sections.mergeSections', async (query, tags) => {
        const from = await byId(query, fromId);
        const into = await byId(query, intoId);
        checkMerge(fromId, intoId, from, into);
        const moved = await query<{ id: number }>(
          'UPDATE stories SET section_id = $1 WHERE section_id = $2 RETURNING id',
          [intoId, fromId],
        );
        await query('UPDATE section_redirects SET section_id = $1 WHERE section_id = $2', [intoId, fromId]);
        await query('DELETE FROM sections WHERE id = $1', [fromId]);
        await redirect(query, from!.slug, intoId);
        await moveFeeds(query, from!, into!.slug);
        for (const tag of [SECTIONS_TAG, STORIES_TAG, sectionTag(fromId), sectionTag(intoId)]) tags.add(tag);
        for (const { id } of moved) tags.add(storyTag(id));
      });
    },
    async findSectionRedirect(slug) {
      const [row] = await scope.read<SectionRow>(
        'sections.findSectionRedirect',
        `SELECT s.id, s.slug, s.name_zh, s.name_en FROM section_redirects r JOIN sections s ON s.id = r.section_id
         WHERE r.slug = $1`,
        [slug],
      );
      return row ? sectionOf(row) : null;
    },
  };
}
