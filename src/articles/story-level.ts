/**
 * A story's level from its paragraphs: the text analysis (`text/analyze.ts`, with the dictionary as its lexicon) feeds the
 * pure estimator (`text/level.ts`); this is the glue, kept out of both so that neither knows about
 * stories.
 */
import type { Dictionary } from '../dictionary/index.js';
import { loadPosModel } from '../dictionary/pos-model.js';
import { type AnalyzedText, analyzeText } from '../text/analyze.js';
import { estimateLevel, LEVEL_MODEL_VERSION, type Level } from '../text/level.js';
import type { StoryLevel } from './model.js';
import { analysedText, compactAnalysis, type StoryAnalysis } from './story-analysis.js';

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The analysis and level of a story's paragraphs, exactly as import, `lingwire analyze` and
 * `bench/levels.ts` compute them: one paragraph a line, every line break ends a sentence (as on
 * the page), phrases found (the level counts them), every token tagged with its part of speech
 * (the shipped model, `dictionary/pos-model.ts`).
 */
export function analyzeStory(
  paragraphs: readonly string[],
  dictionary: Dictionary,
): { analysis: AnalyzedText; level: Level } {
  const analysis = analyzeText(analysedText(paragraphs), dictionary, {
    phrases: true,
    lineBreaks: 'every',
    posModel: loadPosModel(),
  });
  // The level model was fitted on tagged tokens (lemmas moved by the tags, part of speech a feature).
  return { analysis, level: estimateLevel(analysis) };
}

/** The level as stored with a story, rounded. */
export function storyLevelOf(level: Level): StoryLevel {
  return {
    score: level.score === null ? null : round(level.score, 2),
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

/** A story's text analysed once, for everything that needs it. */
export interface AnalyzedStory {
  level: StoryLevel;
  /** What is stored with the story for the reader and later for learners and search. */
  analysis: StoryAnalysis;
  /** The full token analysis, for indexers in the same write (related stories). */
  text: AnalyzedText;
}

/** Analyses a story's paragraphs; null when no dictionary is available. */
export type StoryAnalyzer = (paragraphs: readonly string[]) => AnalyzedStory | null;

export function storyAnalyzer(dictionary: Dictionary): StoryAnalyzer {
  return (paragraphs) => {
    const { analysis, level } = analyzeStory(paragraphs, dictionary);
    return { level: storyLevelOf(level), analysis: compactAnalysis(paragraphs, analysis), text: analysis };
  };
}
