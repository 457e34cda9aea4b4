/**
 * The learner features' public face: accounts, word statuses, the 生词本 with reviews, and a
 * learner's export, built over one store. `services.ts` builds them once; the web layer and the
 * CLI reach them through `Services.learner`.
 */
import type { StoryAnalyzer } from '../articles/story-level.js';
import type { Clock } from '../core/clock.js';
import type { Dictionary } from '../dictionary/types.js';
import type { Store } from '../store/types.js';
import { AccountService } from './accounts.js';
import { ForMeService } from './for-me.js';
import { GlossService } from './glosses.js';
import type { User } from './model.js';
import { ProgressService } from './progress.js';
import type { ScryptCost } from './secrets.js';
import { StoryMarksService } from './story-marks.js';
import { entryJson, WordbookService } from './wordbook.js';
import { WordService } from './words.js';

export interface LearnerServices {
  accounts: AccountService;
  words: WordService;
  wordbook: WordbookService;
  /** A learner's marks on a story page, and 读完了. */
  storyMarks: StoryMarksService;
  /** 为我推荐: stories by the share of their words the learner knows. */
  forMe: ForMeService;
  /** 注释模式: short meanings of a story's lemmas. */
  glosses: GlossService;
  /** Words known over time, reviews per day, stories finished per week. */
  progress: ProgressService;
  /** Everything stored about a learner, as JSON (`GET /api/me/export`). */
  exportData(user: User): Promise<LearnerExport>;
}

/** A learner's data as `GET /api/me/export` gives it. */
export interface LearnerExport {
  exportedAt: string;
  user: User;
  words: Array<{ lemma: string; status: string; stage: number | null }>;
  wordbook: ReturnType<typeof entryJson>[];
  reviews: Array<{ entryId: number; rating: string; reviewedAt: string; due: string }>;
  storiesRead: Array<{ storyId: number; readAt: string }>;
}

/** Options of `learnerServices`. */
export interface LearnerOptions {
  clock?: Clock;
  /** scrypt's cost for new password hashes (tests use a cheap one). Default `DEFAULT_SCRYPT_COST`. */
  scryptCost?: ScryptCost;
  /** Analyses a story that has no current stored analysis (its marks then match the page). */
  analyze?: StoryAnalyzer;
}

export function learnerServices(
  store: Store,
  dictionary: () => Dictionary | null,
  options: LearnerOptions = {},
): LearnerServices {
  const { clock } = options;
  const words = new WordService(store, dictionary, { clock });
  const storyMarks = new StoryMarksService(store, options.analyze ?? null, { clock });
  return {
    accounts: new AccountService(store, { clock, scryptCost: options.scryptCost }),
    words,
    wordbook: new WordbookService(store, words, dictionary, { clock }),
    storyMarks,
    glosses: new GlossService(storyMarks, dictionary),
    forMe: new ForMeService(store),
    progress: new ProgressService(store, clock),
    async exportData(user) {
      const all = [];
      for (let offset = 0; ; offset += 10_000) {
        const page = await store.learning.findWordStatuses(user.id, { limit: 10_000, offset });
        all.push(...page);
        if (page.length < 10_000) break;
      }
      return {
        exportedAt: (clock?.() ?? new Date()).toISOString(),
        user,
        words: all,
        wordbook: (await store.learning.listWordbook(user.id)).map(entryJson),
        reviews: await store.learning.listReviews(user.id),
        storiesRead: await store.learning.listStoryReads(user.id),
      };
    },
  };
}

export type { AccountService } from './accounts.js';
export type { ForMeService, StoryForMe } from './for-me.js';
export type { Progress, ProgressService } from './progress.js';
export type { StoryMarksService } from './story-marks.js';
export type { WordbookService } from './wordbook.js';
export type { WordService } from './words.js';
