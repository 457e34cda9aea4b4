/**
 * The computed part of a 相关文章 list as a page shows it, from the list the engine stored:
 * - a copy (`Story.duplicateOf`) is shown as its canonical story, never as itself;
 * - a story family (the same article at several levels) takes one place, its best-ranked version,
 *   and the story's own family and copies are left out (its page links them already);
 * - entries scoring below `RELATED_MIN_SCORE` are left out: no list rather than an unrelated one.
 * The stored lists are left as the engine made them, so changing a rule needs no rebuild.
 */
import type { RelatedRow, StoreTx } from '../store/types.js';
import type { Section, Story } from './model.js';

/**
 * Least engine score (about 0–1) an entry needs to be shown. Chosen on data by
 * `bench/related-min-score.ts` (rule and figures in `related/README.md`): the lowest score from
 * which entries are more often related than not, on the tuning queries of BBC and Reuters archives
 * of 400, 2,000 and all stories, the highest of those (Reuters at 2,000 stories: 0.39). Scores run
 * higher in a small archive, so it bites there: on held-out Reuters queries in a 400-story archive
 * the shown entries' precision goes from 0.627 to 0.858 (5.1 entries a list instead of 10, 10 % of
 * lists empty); in the full 8,762-story archive it removes almost nothing.
 */
export const RELATED_MIN_SCORE = 0.39;

/** A computed entry before it becomes a page's `RelatedEntry`. */
export interface ComputedRelated {
  /** The story shown (the canonical story of a copy). */
  id: number;
  slug: string;
  title: string;
  sectionId: number;
  score: number;
  /** Ids of the stored stories the entry stands for (the copy and its canonical story), for cache tags. */
  via: number[];
}

type Shown = Pick<RelatedRow, 'id' | 'slug' | 'title' | 'sectionId' | 'source' | 'group'>;

const familyKey = (s: { source: string; group: string | null }) =>
  s.group === null ? null : `${s.source}\n${s.group}`;

/**
 * The entries of `rows` (the story's stored list, best first) a page shows, at most `limit`,
 * leaving out the ids in `exclude` (pinned entries already shown).
 */
export async function computedRelated(
  stories: Pick<StoreTx['stories'], 'findStoryById'>,
  story: Story,
  rows: readonly RelatedRow[],
  limit: number,
  exclude: ReadonlySet<number>,
  minScore = RELATED_MIN_SCORE,
): Promise<ComputedRelated[]> {
  const shownIds = new Set(exclude);
  shownIds.add(story.id);
  const families = new Set<string>();
  const own = familyKey(story);
  if (own !== null) families.add(own);
  const out: ComputedRelated[] = [];
  for (const row of rows) {
    if (out.length >= limit) break;
    if (row.score < minScore) break;
    if (row.status !== 'published') continue;
    let shown: Shown | null = row;
    if (row.duplicateOf !== null) {
      const canonical: Story | null = await stories.findStoryById(row.duplicateOf);
      // A canonical story the public does not see takes its copies out with it.
      shown =
        canonical?.status !== 'published'
          ? null
          : {
              id: canonical.id,
              slug: canonical.slug,
              title: canonical.title,
              sectionId: canonical.sectionId,
              source: canonical.source,
              group: canonical.group,
            };
    }
    if (!shown || shownIds.has(shown.id)) continue;
    const family = familyKey(shown);
    if (family !== null && families.has(family)) continue;
    shownIds.add(shown.id);
    if (family !== null) families.add(family);
    out.push({
      id: shown.id,
      slug: shown.slug,
      title: shown.title,
      sectionId: shown.sectionId,
      score: row.score,
      via: row.id === shown.id ? [row.id] : [row.id, shown.id],
    });
  }
  return out;
}

/** The section name an entry shows. */
export function sectionNameOf(sections: ReadonlyMap<number, Section>, sectionId: number): string {
  return sections.get(sectionId)?.nameZh ?? '';
}
