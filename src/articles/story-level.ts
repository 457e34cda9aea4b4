/**
 * A story's level from its paragraphs: the dictionary analysis (`dictionary/analyze.ts`) feeds the
 * pure estimator (`text/level.ts`); this is the glue, kept out of both so that neither knows about
 * stories.
 */
import { analyzeText, type Dictionary } from '../dictionary/index.js';
import { estimateLevel } from '../text/level.js';
import type { StoryLevel } from './model.js';
import type { LevelEstimator } from './service.js';

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

export function levelOfParagraphs(paragraphs: string[], dictionary: Dictionary): StoryLevel {
  // One paragraph a line; every line break ends a sentence, as on the page.
  const { tokens } = analyzeText(paragraphs.join('\n'), dictionary, { phrases: false, lineBreaks: 'every' });
  const level = estimateLevel(tokens);
  return {
    score: round(level.score, 2),
    band: level.band,
    runningWords: level.profile.runningWords,
    bands: Object.fromEntries(
      Object.entries(level.profile.bands).map(([band, share]) => [band, round(share)]),
    ),
    offList: round(level.profile.offList),
    fleschKincaid: round(level.readability.fleschKincaidGrade, 1),
    colemanLiau: round(level.readability.colemanLiauIndex, 1),
  };
}

/** An estimator that opens the dictionary on first use; without one, stories get no level. */
export function lazyLevelEstimator(open: () => Dictionary, warn: (message: string) => void): LevelEstimator {
  let dictionary: Dictionary | null | undefined;
  return (paragraphs) => {
    if (dictionary === undefined) {
      try {
        dictionary = open();
      } catch (error) {
        dictionary = null;
        warn(
          `the dictionary is unavailable, stories are stored without a level: ${(error as Error).message}`,
        );
      }
    }
    return dictionary ? levelOfParagraphs(paragraphs, dictionary) : null;
  };
}
