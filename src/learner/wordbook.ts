/**
 * The 生词本: keeping a word with the sentence and story it was met in and the meaning that fits
 * there, and reviewing it on the FSRS schedule (`reviews.ts`). A word kept that the learner had not
 * marked becomes learning, stage 1.
 */
import { decodeAnalysis, readerParagraphs } from '../articles/story-analysis.js';
import { type Clock, systemClock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Dictionary } from '../dictionary/types.js';
import type { Store } from '../store/types.js';
import type { Upos } from '../text/pos.js';
import type { ReviewRating, WordbookEntry } from './model.js';
import { newCard, reviewCard } from './reviews.js';
import type { ExportRow } from './wordbook-export.js';
import type { WordService } from './words.js';

/** What an entry says in place of its story's title once the story was deleted. */
export const STORY_GONE = '（原文已删除 the story was deleted）';

/** A 生词本 entry as the API shows it. */
export interface WordbookEntryJson {
  id: number;
  word: string;
  lemma: string;
  sentence: string;
  storyId: number | null;
  /** The story the sentence came from was deleted (the sentence stays). */
  storyGone: boolean;
  meaning: string;
  note: string;
  due: string;
}

export function entryJson(entry: WordbookEntry): WordbookEntryJson {
  const { id, word, lemma, sentence, storyId, meaning, note, due } = entry;
  return { id, word, lemma, sentence, storyId, storyGone: storyId === null, meaning, note, due };
}

/** What `add` takes. */
export interface NewEntryInput {
  word: string;
  /** The story's id. */
  story: number;
  /** The sentence; found in the story when absent. */
  sentence?: string;
  /** The meaning to keep; the one that fits the sentence when absent. */
  meaning?: string;
  note?: string;
}

/** Cards at most in one `due` answer. */
const DUE_BATCH = 50;

export class WordbookService {
  private readonly clock: Clock;

  constructor(
    private readonly store: Store,
    private readonly words: WordService,
    private readonly dictionary: () => Dictionary | null,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Where `form` first appears in the story (else a form of the same lemma): its sentence, part of
   * speech and lemma as the story's analysis has it (so statuses match the story's words); null
   * when it does not appear.
   */
  private async findInStory(
    storyId: number,
    form: string,
    lemma: string,
  ): Promise<{ sentence: string; pos: Upos | null; lemma: string } | null> {
    const story = await this.store.stories.findStoryById(storyId);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${storyId}.`);
    const analysis = decodeAnalysis((await this.store.analysis.findStoryAnalysis(storyId))?.data);
    const lower = form.toLowerCase();
    const dictionary = this.dictionary();
    if (analysis) {
      let byLemma: { sentence: string; pos: Upos | null; lemma: string } | null = null;
      for (const paragraph of readerParagraphs(story.paragraphs, analysis)) {
        for (const sentence of paragraph.sentences) {
          const text = paragraph.text.slice(sentence.start, sentence.end).trim();
          for (const w of sentence.words) {
            const written = paragraph.text.slice(w.start, w.end);
            const found = { sentence: text, pos: w.pos, lemma: w.lemma ?? lemma };
            if (written.toLowerCase() === lower) return found;
            if (!byLemma && (w.lemma === lemma || dictionary?.wordInfo(written)?.lemma === lemma))
              byLemma = found;
          }
        }
      }
      return byLemma;
    }
    // No stored analysis (stored before the dictionary was installed): the first sentence holding it.
    const pattern = new RegExp(`\\b${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    for (const paragraph of story.paragraphs) {
      for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
        if (pattern.test(sentence)) return { sentence: sentence.trim(), pos: null, lemma };
      }
    }
    return null;
  }

  /** The short Chinese meaning of `word` as used (its part of speech first); '' when the dictionary has none. */
  meaningOf(word: string, pos: Upos | null): string {
    const entry = this.dictionary()?.lookup(word, { pos });
    if (!entry) return '';
    const first = entry.ownSense?.translations[0] ?? entry.translations[0];
    return first ? `${first.pos ? `${first.pos} ` : ''}${first.text}`.trim() : '';
  }

  async add(userId: number, input: NewEntryInput): Promise<WordbookEntryJson> {
    const found = await this.findInStory(input.story, input.word, this.words.lemmaFor(input.word));
    const lemma = found?.lemma ?? this.words.lemmaFor(input.word);
    const sentence = input.sentence?.trim() || found?.sentence;
    if (!sentence) {
      throw new AppError(
        'BAD_INPUT',
        `"${input.word}" is not in story ${input.story}; give the sentence it was met in.`,
      );
    }
    const now = this.clock();
    const { card, due } = newCard(now);
    const entry = await this.store.learning.addWordbookEntry(
      userId,
      {
        word: input.word,
        lemma,
        sentence,
        storyId: input.story,
        meaning: input.meaning ?? this.meaningOf(input.word, found?.pos ?? null),
        note: input.note ?? '',
        card,
        due,
      },
      now.toISOString(),
    );
    const [status] = await this.store.learning.findStatusesOf(userId, [lemma]);
    if (!status || status.status === 'unknown') {
      await this.store.learning.saveWordStatus(
        userId,
        { lemma, status: 'learning', stage: 1 },
        now.toISOString(),
      );
    }
    return entryJson(entry);
  }

  async list(userId: number): Promise<WordbookEntryJson[]> {
    return (await this.store.learning.listWordbook(userId)).map(entryJson);
  }

  /** The rows of an Anki or CSV export, newest entry first; `storyUrl` makes a story's link from its slug. */
  async exportRows(userId: number, storyUrl: (slug: string) => string): Promise<ExportRow[]> {
    const rows: ExportRow[] = [];
    for (const entry of await this.store.learning.listWordbook(userId)) {
      const story = entry.storyId === null ? null : await this.store.stories.findStoryById(entry.storyId);
      rows.push({
        word: entry.word,
        phonetic: this.dictionary()?.lookup(entry.word)?.phonetic ?? '',
        meaning: entry.meaning,
        sentence: entry.sentence,
        title: story?.title ?? (entry.storyId === null ? STORY_GONE : ''),
        url: story ? storyUrl(story.slug) : '',
      });
    }
    return rows;
  }

  /** Deletes the learner's entry; `ENTRY_NOT_FOUND` when it is not theirs or not there. */
  async remove(userId: number, id: number): Promise<void> {
    if (!(await this.store.learning.deleteWordbookEntry(userId, id))) throw entryNotFound(id);
  }

  /** How many entries are due now, and the first `limit` of them (longest overdue first; 0–50, default 50). */
  async due(userId: number, limit = DUE_BATCH): Promise<{ due: number; cards: WordbookEntryJson[] }> {
    const now = this.clock().toISOString();
    const [due, cards] = await Promise.all([
      this.store.learning.countDueEntries(userId, now),
      limit > 0 ? this.store.learning.findDueEntries(userId, now, Math.min(limit, DUE_BATCH)) : [],
    ]);
    return { due, cards: cards.map(entryJson) };
  }

  /** Answers a review; the entry with its next due date. */
  async review(userId: number, entryId: number, rating: ReviewRating): Promise<WordbookEntryJson> {
    const now = this.clock();
    // Read, schedule and write in one store write: two concurrent reviews of the entry both count.
    const saved = await this.store.learning.reviewEntry(userId, entryId, (entry) => {
      const next = reviewCard(entry.card, rating, now);
      return { card: next.card, review: { entryId, rating, reviewedAt: now.toISOString(), due: next.due } };
    });
    if (!saved) throw entryNotFound(entryId);
    return entryJson(saved);
  }
}

function entryNotFound(id: number): AppError {
  return new AppError('ENTRY_NOT_FOUND', `There is no entry ${id} in your 生词本.`);
}
