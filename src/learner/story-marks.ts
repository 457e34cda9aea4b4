/**
 * A learner's marks for a story page: the lemma of every word span the page shows (`.w`, in page
 * order, from the same stored analysis the page was rendered from) and the learner's status of
 * each. The page's HTML is the same for everyone; this arrives as JSON. A story's word lemmas are
 * worked out once and kept (a small LRU), so a learner's marks cost one indexed query.
 *
 * Also "读完了 finished": every lemma of the story the learner has not marked (or marked unknown)
 * becomes known, and the story is recorded as read.
 */

import { analysisFits, decodeAnalysis, readerParagraphs } from '../articles/story-analysis.js';
import type { StoryAnalyzer } from '../articles/story-level.js';
import { type Clock, systemClock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Store } from '../store/types.js';

/** The word lemmas of a story page. */
export interface StoryLemmas {
  storyId: number;
  /** Distinct lemmas learners may mark (names and numbers left out), in order of first use. */
  lemmas: string[];
  /** For each word span of the page, in order: its index in `lemmas`, or -1 (a name, or no lemma). */
  words: number[];
}

/** What `GET /api/me/story-marks/:ref` answers. */
export interface StoryMarks extends StoryLemmas {
  /** The learner's status of each lemma that has one: `[status, stage]`. */
  statuses: Record<string, [string, number | null]>;
  /** Lemmas of the story that count as unknown (no status, or `unknown`). */
  unknown: number;
}

/** Stories whose lemmas are kept in memory. */
const CACHE_SIZE = 500;

/** Letters, apostrophes, hyphens: a word worth marking (not `12`, not `%`). */
const MARKABLE = /\p{L}/u;

export class StoryMarksService {
  private readonly cache = new Map<string, StoryLemmas>();
  private readonly clock: Clock;

  constructor(
    private readonly store: Store,
    private readonly analyze: StoryAnalyzer | null,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** The word lemmas of the story `ref` (id or slug); `STORY_NOT_FOUND` when there is none. */
  async storyLemmas(ref: string): Promise<StoryLemmas> {
    const story = /^\d+$/.test(ref)
      ? await this.store.stories.findStoryById(Number(ref))
      : await this.store.stories.findStoryBySlug(ref);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story "${ref}".`);
    const key = `${story.id}:${story.updatedAt}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const stored = decodeAnalysis((await this.store.analysis.findStoryAnalysis(story.id))?.data);
    const analysis = analysisFits(story.paragraphs, stored)
      ? stored
      : (this.analyze?.(story.paragraphs)?.analysis ?? null);
    const lemmas: string[] = [];
    const words: number[] = [];
    if (analysis) {
      const index = new Map<string, number>();
      for (const paragraph of readerParagraphs(story.paragraphs, analysis)) {
        for (const sentence of paragraph.sentences) {
          for (const w of sentence.words) {
            if (w.properNoun || !w.lemma || !MARKABLE.test(w.lemma)) {
              words.push(-1);
              continue;
            }
            let i = index.get(w.lemma);
            if (i === undefined) {
              i = lemmas.length;
              lemmas.push(w.lemma);
              index.set(w.lemma, i);
            }
            words.push(i);
          }
        }
      }
    }
    const result = { storyId: story.id, lemmas, words };
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  async marks(userId: number, ref: string): Promise<StoryMarks> {
    const story = await this.storyLemmas(ref);
    // No prototype: a lemma is any word, `__proto__` included.
    const statuses: Record<string, [string, number | null]> = Object.create(null);
    let known = 0;
    for (const s of await this.store.learning.findStatusesOf(userId, story.lemmas)) {
      statuses[s.lemma] = [s.status, s.stage];
      if (s.status !== 'unknown') known++;
    }
    return { ...story, statuses, unknown: story.lemmas.length - known };
  }

  /** 读完了: marks the story's unmarked and unknown lemmas known, records the read; how many changed. */
  async finish(userId: number, ref: string): Promise<{ storyId: number; marked: number }> {
    const story = await this.storyLemmas(ref);
    const now = this.clock().toISOString();
    const marked = await this.store.learning.markKnown(userId, story.lemmas, ['unknown'], now);
    await this.store.learning.recordStoryRead(userId, story.storyId, now);
    return { storyId: story.storyId, marked };
  }
}
