/**
 * A story's level from its paragraphs: the text analysis (`text/analyze.ts`, with the dictionary as its lexicon) feeds the
 * pure estimator (`text/level.ts`); this is the glue, kept out of both so that neither knows about
 * stories.
 */
import type { Dictionary } from '../dictionary/index.js';
import { type AnalyzedText, analyzeText } from '../text/analyze.js';
import { estimateLevel, LEVEL_MODEL_VERSION, type Level } from '../text/level.js';
import type { StoryLevel } from './model.js';
import type { LevelEstimator } from './service.js';

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The analysis and level of a story's paragraphs, exactly as import, `lingwire analyze` and
 * `bench/levels.ts` compute them: one paragraph a line, every line break ends a sentence (as on
 * the page), phrases found (the level counts them).
 */
export function analyzeStory(
  paragraphs: readonly string[],
  dictionary: Dictionary,
): { analysis: AnalyzedText; level: Level } {
  const analysis = analyzeText(paragraphs.join('\n'), dictionary, { phrases: true, lineBreaks: 'every' });
  return { analysis, level: estimateLevel(analysis) };
}

export function levelOfParagraphs(paragraphs: string[], dictionary: Dictionary): StoryLevel {
  const { level } = analyzeStory(paragraphs, dictionary);
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
    model: LEVEL_MODEL_VERSION,
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
        warn(`the dictionary is unavailable, so no story gets a new level: ${(error as Error).message}`);
      }
    }
    return dictionary ? levelOfParagraphs(paragraphs, dictionary) : null;
  };
}
