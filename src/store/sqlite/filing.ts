/** How stories were filed, and the section classifier's model, on SQLite. */
import type { SectionFiling, SectionSource } from '../../articles/model.js';
import { AppError } from '../../core/errors.js';
import { storyTag } from '../change-tags.js';
import type { FilingRepo } from '../types.js';
import type { Scope } from './scope.js';

/** The filing repository of `scope`. */
export function sqliteFilingRepo(scope: Scope): FilingRepo {
  return {
    saveFiling(storyId, filing) {
      return scope.write('filing.saveFiling', (tags) => {
        if (!scope.prepare('SELECT 1 FROM stories WHERE id = ?').get(storyId)) {
          throw new AppError(
            'STORY_NOT_FOUND',
            `store: no story with id ${storyId} to record the filing of.`,
          );
        }
        if (filing === null) scope.prepare('DELETE FROM story_filing WHERE story_id = ?').run(storyId);
        else {
          scope
            .prepare(
              `INSERT INTO story_filing (story_id, source, confidence) VALUES (?, ?, ?)
               ON CONFLICT (story_id) DO UPDATE SET source = excluded.source, confidence = excluded.confidence`,
            )
            .run(storyId, filing.source, filing.confidence);
        }
        tags.add(storyTag(storyId));
      });
    },
    async findFilings(storyIds) {
      return scope.read('filing.findFilings', () => {
        const out = new Map<number, SectionFiling>();
        if (storyIds.length === 0) return out;
        const rows = scope
          .prepare(
            `SELECT story_id, source, confidence FROM story_filing
             WHERE story_id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(storyIds)) as Array<{
          story_id: number;
          source: string;
          confidence: number | null;
        }>;
        for (const r of rows)
          out.set(r.story_id, { source: r.source as SectionSource, confidence: r.confidence });
        return out;
      });
    },
    async countFiledStories() {
      return scope.read('filing.countFiledStories', () =>
        (
          scope
            .prepare(
              `SELECT s.section_id, COUNT(*) AS n FROM stories s JOIN story_filing f ON f.story_id = s.id
               WHERE f.source IN ('editor', 'feed') GROUP BY s.section_id ORDER BY s.section_id`,
            )
            .all() as Array<{ section_id: number; n: number }>
        ).map((r) => ({ sectionId: r.section_id, stories: r.n })),
      );
    },
    async findFiledStories(sectionId, limit) {
      return scope.read('filing.findFiledStories', () =>
        (
          scope
            .prepare(
              `SELECT s.id, s.title, s.paragraphs FROM stories s JOIN story_filing f ON f.story_id = s.id
               WHERE s.section_id = ? AND f.source IN ('editor', 'feed')
               ORDER BY s.sort_at DESC, s.id DESC LIMIT ?`,
            )
            .all(sectionId, limit) as Array<{ id: number; title: string; paragraphs: string }>
        ).map((r) => ({ id: r.id, title: r.title, paragraphs: JSON.parse(r.paragraphs) as string[] })),
      );
    },
    saveSectionModel(data, trainedOn) {
      return scope.write('filing.saveSectionModel', () => {
        scope
          .prepare(
            `INSERT INTO section_model (id, data, trained_on, updated_at) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, trained_on = excluded.trained_on,
               updated_at = excluded.updated_at`,
          )
          .run(data, trainedOn, new Date().toISOString());
      });
    },
    async findSectionModel() {
      return scope.read('filing.findSectionModel', () => {
        const row = scope
          .prepare('SELECT data, trained_on, updated_at FROM section_model WHERE id = 1')
          .get() as { data: string; trained_on: number; updated_at: string } | undefined;
        return row ? { data: row.data, trainedOn: row.trained_on, updatedAt: row.updated_at } : null;
      });
    },
  };
}
