/**
 * A story page's reader markup, built so that no story holds the event loop for long: the body
 * HTML and the vocabulary list are built in slices (`story-html.ts`), and a story without a
 * current stored analysis is analysed on the request only when it is short.
 */
import type { StoryPage } from '../../articles/reading.js';
import type { StoryAnalysis } from '../../articles/story-analysis.js';
import { type ReaderParagraph, readerParagraphsOf } from '../../articles/story-analysis.js';
import type { StoryAnalyzer } from '../../articles/story-level.js';
import type { Dictionary } from '../../dictionary/index.js';
import type { ReaderData } from '../views/story-page.js';
import { storyNameKinds } from './names.js';
import { RENDER_SLICE_MS, runSliced, storyBodyBytes } from './story-html.js';
import { type VocabularyItem, vocabularySteps } from './vocabulary.js';

/**
 * Longest text (characters) analysed on a request when the stored analysis is missing or stale:
 * about 30 ms of analysis and tagging. A longer story shows plain paragraphs until it is
 * re-analysed (`lingwire levels`, or its next import).
 */
export const ANALYZE_ON_REQUEST_MAX_CHARS = 20_000;

/** Words looked at between two looks at the clock. */
const WORDS_PER_CHECK = 256;

async function collectVocabularySliced(
  paragraphs: Iterable<ReaderParagraph>,
  dictionary: Dictionary,
): Promise<VocabularyItem[]> {
  const items: VocabularyItem[] = [];
  const steps = vocabularySteps(paragraphs, dictionary);
  await runSliced(() => {
    for (let n = 0; n < WORDS_PER_CHECK; n++) {
      const next = steps.next();
      if (next.done) return false;
      if (next.value) items.push(next.value);
    }
    return true;
  }, RENDER_SLICE_MS);
  return items;
}

/**
 * The reader markup of `page`: the body as bytes for the page to splice in place of
 * `STORY_BODY_MARKER`, and the vocabulary list. Null without a dictionary or an analysis (plain
 * paragraphs then).
 */
export async function buildReaderData(
  page: StoryPage,
  dictionary: Dictionary | null,
  analyze: StoryAnalyzer | null,
  scripts: string[],
): Promise<ReaderData | null> {
  if (!dictionary) return null;
  let analysis: StoryAnalysis | null = page.analysis;
  if (!analysis) {
    const chars = page.story.paragraphs.reduce((n, p) => n + p.length, 0);
    if (chars > ANALYZE_ON_REQUEST_MAX_CHARS) return null;
    analysis = analyze?.(page.story.paragraphs)?.analysis ?? null;
  }
  if (!analysis) return null;
  // Laid out once: the name kinds are decided over the whole story (a kind found once holds for
  // later mentions), and the body and the vocabulary list read the same words.
  const paragraphs = [...readerParagraphsOf(page.story.paragraphs, analysis)];
  const names = storyNameKinds(paragraphs, dictionary);
  const body = await storyBodyBytes(paragraphs, names);
  const vocabulary = await collectVocabularySliced(paragraphs, dictionary);
  return { paragraphs: [], body, vocabulary, names, scripts };
}
