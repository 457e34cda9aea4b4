/**
 * Keeping stored levels and analyses current: after an upgrade of the level model or of the
 * analysis (`LEVEL_MODEL_VERSION`, `STORY_ANALYSIS_VERSION`), `lingwire levels` works them out
 * again for the stories that need it.
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { Store } from '../store/types.js';
import { isCurrentLevel } from './publishing.js';
import { encodeAnalysis, STORY_ANALYSIS_VERSION } from './story-analysis.js';
import type { StoryAnalyzer } from './story-level.js';
import { recordOf } from './story-records.js';

/** Stories re-rated per transaction. */
const LEVEL_BATCH = 500;

/** What `refreshLevels` did. */
export interface LevelRefresh {
  /** Stories in the archive. */
  stories: number;
  /** Level changed (and analysis stored). */
  updated: number;
  /** Level came out the same (the analysis may still have been stored again). */
  unchanged: number;
  /** Could not be rated: no dictionary. */
  unrated: number;
}

export class LevelService {
  private readonly clock: Clock;

  constructor(
    private readonly store: Store,
    private readonly analyze: StoryAnalyzer | null,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Works out again the level and stored analysis of every story whose level is missing or from
   * an older model, or whose analysis is missing or from an older version (`all`: of every
   * story). Writes in transactions of `LEVEL_BATCH` stories, so a large archive does not hold the
   * write lock for minutes and an interruption keeps what was done; a level that comes out the
   * same is not written.
   */
  async refreshLevels(
    options: { all?: boolean; onProgress?: (done: number) => void } = {},
  ): Promise<LevelRefresh> {
    const stale = new Set(await this.store.analysis.findStoryIdsWithoutAnalysis(STORY_ANALYSIS_VERSION));
    const todo: number[] = [];
    let stories = 0;
    for await (const story of this.store.stories.iterateStories()) {
      stories += 1;
      if (options.all || !isCurrentLevel(story.level) || stale.has(story.id)) todo.push(story.id);
    }
    const analyze = this.analyze;
    if (!analyze) return { stories, updated: 0, unchanged: 0, unrated: todo.length };
    const result: LevelRefresh = { stories, updated: 0, unchanged: 0, unrated: 0 };
    for (let start = 0; start < todo.length; start += LEVEL_BATCH) {
      await this.store.transaction(async (tx) => {
        const now = this.clock().toISOString();
        for (const id of todo.slice(start, start + LEVEL_BATCH)) {
          const story = await tx.stories.findStoryById(id);
          if (!story) continue;
          const analyzed = analyze(story.paragraphs);
          if (!analyzed) {
            result.unrated += 1;
            continue;
          }
          await tx.analysis.saveStoryAnalysis(
            id,
            analyzed.analysis.version,
            encodeAnalysis(analyzed.analysis),
          );
          if (JSON.stringify(analyzed.level) === JSON.stringify(story.level)) result.unchanged += 1;
          else {
            await tx.stories.updateStory(id, { ...recordOf(story), level: analyzed.level }, now);
            result.updated += 1;
          }
        }
      });
      options.onProgress?.(Math.min(todo.length, start + LEVEL_BATCH));
    }
    return result;
  }
}
