/** An editor's level override (`Story.levelOverride`) laid over the computed level, as readers see it. */
import type { Story, StoryLevel } from './model.js';

/** The level a story shows: the computed one, its band replaced by the editor's override when there is one. */
export function effectiveLevel(story: Pick<Story, 'level' | 'levelOverride'>): StoryLevel | null {
  if (story.levelOverride === null) return story.level;
  if (story.level) return { ...story.level, band: story.levelOverride };
  return {
    score: null,
    band: story.levelOverride,
    runningWords: 0,
    bands: {},
    offList: 0,
    fleschKincaid: 0,
    colemanLiau: 0,
  };
}
