/** How stories were filed, and the section classifier's model, on PostgreSQL. */
import type { SectionFiling, SectionSource } from '../../articles/model.js';
import { AppError } from '../../core/errors.js';
import { storyTag } from '../change-tags.js';
import type { FilingRepo } from '../types.js';
import type { Scope } from './scope.js';

/** The filing repository of `scope`. */
export function postgresFilingRepo(scope: Scope): FilingRepo {
  return {
    saveFiling(storyId, filing) {
      return scope.write('filing.saveFiling', async (query, tags) => {
        const found = await query('SELECT 1 FROM stories WHERE id = $1', [storyId]);
        if (found.length === 0) {
          throw new AppError(
            'STORY_NOT_FOUND',
            `store: no story with id ${storyId} to record the filing of.`,
          );
        }
        if (filing === null) await query('DELETE FROM story_filing WHERE story_id = $1', [storyId]);
        else {
          await query(
            `INSERT INTO story_filing (story_id, source, confidence) VALUES ($1, $2, $3)
             ON CONFLICT (story_id) DO UPDATE SET source = excluded.source, confidence = excluded.confidence`,
            [storyId, filing.source, filing.confidence],
          );
        }
        tags.add(storyTag(storyId));
      });
    },
    async findFilings(storyIds) {
      const out = new Map<number, SectionFiling>();
      if (storyIds.length === 0) return out;
      const rows = await scope.read<{ story_id: number; source: string; confidence: number | null }>(
        'filing.findFilings',
        'SELECT story_id, source, confidence FROM story_filing WHERE story_id = ANY($1::integer[])',
        [storyIds],
      );
      for (const r of rows)
        out.set(r.story_id, { source: r.source as SectionSource, confidence: r.confidence });
      return out;
    },
    async countFiledStories() {
      const rows = await scope.read<{ section_id: number; n: number }>(
        'filing.countFiledStories',
        `SELECT s.section_id, COUNT(*)::integer AS n FROM stories s JOIN story_filing f ON f.story_id = s.id
         WHERE f.source IN ('editor', 'feed') GROUP BY s.section_id ORDER BY s.section_id`,
      );
      return rows.map((r) => ({ sectionId: r.section_id, stories: r.n }));
    },
    async findFiledStories(sectionId, limit) {
      const rows = await scope.read<{ id: number; title: string; paragraphs: string }>(
        'filing.findFiledStories',
        `SELECT s.id, s.title, s.paragraphs FROM stories s JOIN story_filing f ON f.story_id = s.id
         WHERE s.section_id = $1 AND f.source IN ('editor', 'feed')
         ORDER BY s.sort_at DESC, s.id DESC LIMIT $2`,
        [sectionId, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        paragraphs: JSON.parse(r.paragraphs) as string[],
      }));
    },
    saveSectionModel(data, trainedOn) {
      return scope.write('filing.saveSectionModel', async (query) => {
        await query(
          `INSERT INTO section_model (id, data, trained_on, updated_at) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET data = excluded.data, trained_on = excluded.trained_on,
             updated_at = excluded.updated_at`,
          [data, trainedOn, new Date().toISOString()],
        );
      });
    },
    async findSectionModel() {
      const [row] = await scope.read<{ data: string; trained_on: number; updated_at: string }>(
        'filing.findSectionModel',
        'SELECT data, trained_on, updated_at FROM section_model WHERE id = 1',
      );
      return row ? { data: row.data, trainedOn: row.trained_on, updatedAt: row.updated_at } : null;
    },
  };
}
