/**
 * 注释模式's short meanings: for every lemma of a story page, the first Chinese meaning the
 * dictionary gives, cut to a few characters to fit above the word as ruby text. The same for every
 * reader (it is the learner's own statuses, in their marks, that choose which words get one), so
 * it is kept per story and may be cached by browsers.
 */
import type { Dictionary } from '../dictionary/types.js';
import type { StoryLemmas, StoryMarksService } from './story-marks.js';

/** Characters a gloss keeps at most (ruby text over one English word). */
export const GLOSS_MAX = 8;
const CACHE_SIZE = 300;

/** The first meaning of a dictionary line, short: `n. 停止, 中止` → `停止`; '' when none. */
export function shortGloss(text: string): string {
  const first = text
    .replace(/\[[^\]]*\]|【[^】]*】|\([^)]*\)|（[^）]*）|<[^>]*>/g, '')
    .split(/[,，;；、]/)
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  if (!first) return '';
  const chars = [...first];
  return chars.length > GLOSS_MAX ? `${chars.slice(0, GLOSS_MAX - 1).join('')}…` : first;
}

/** What `GET /api/stories/:ref/glosses` answers. */
export interface StoryGlosses {
  storyId: number;
  /** Lemma → short Chinese meaning, for the lemmas of the story the dictionary has one for. */
  glosses: Record<string, string>;
}

export class GlossService {
  /** By story, with the lemmas they were made from (a changed story has new ones). */
  private readonly cache = new Map<number, { from: StoryLemmas; result: StoryGlosses }>();

  constructor(
    private readonly storyMarks: StoryMarksService,
    private readonly dictionary: () => Dictionary | null,
  ) {}

  /** The story's glosses; `STORY_NOT_FOUND` when there is no story `ref`. */
  async glosses(ref: string): Promise<StoryGlosses> {
    const story = await this.storyMarks.storyLemmas(ref);
    const cached = this.cache.get(story.storyId);
    if (cached?.from === story) return cached.result;
    const dictionary = this.dictionary();
    // No prototype: a lemma is any word, `__proto__` included.
    const glosses: Record<string, string> = Object.create(null);
    for (const lemma of story.lemmas) {
      const line = dictionary?.lookup(lemma)?.translations[0];
      const gloss = line ? shortGloss(line.text) : '';
      if (gloss) glosses[lemma] = gloss;
    }
    const result = { storyId: story.storyId, glosses };
    // An empty answer (no dictionary yet) is not kept.
    if (dictionary) {
      this.cache.delete(story.storyId);
      this.cache.set(story.storyId, { from: story, result });
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    }
    return result;
  }
}
