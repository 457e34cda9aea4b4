/**
 * "Store a batch of stories": the one write path every source uses (`lingwire import` of files,
 * feed polling, a single web page, an editor's save). One transaction per batch: each story is
 * analysed once (level, the stored reader analysis, the tokens indexers need), saved by the
 * publishing rules, and then every `StoryIndexer` (related stories now, search next) updates
 * its index inside the same transaction. A failure anywhere rolls everything back, and indexers
 * are told so they drop in-memory state that no longer matches the database.
 */
import type { Story, StoryInput } from '../articles/model.js';
import {
  isCurrentLevel,
  type PublishingService,
  type SaveOutcome,
  sameText,
} from '../articles/publishing.js';
import { encodeAnalysis } from '../articles/story-analysis.js';
import type { AnalyzedStory, StoryAnalyzer } from '../articles/story-level.js';
import type { Store, StoreTx } from '../store/types.js';
import { BatchPins, type UnresolvedPin } from './batch-pins.js';
import type { ClassifiedCounts, ClassifyMode, FilingSession, SectionFiler } from './classify/filer.js';
import { keepEditorsChanges } from './keep-edits.js';
import { detectLanguage } from './language.js';

/** A story just added or changed, with its fresh analysis when the text was analysed. */
export interface SavedStory {
  story: Story;
  /** Null when the text was unchanged (its stored analysis stands) or no dictionary is available. */
  analyzed: AnalyzedStory | null;
  /** Whether the story is new in this batch or an update of a stored one. */
  outcome?: 'added' | 'updated';
}

/**
 * Something kept up to date with the stories (the related-stories engine, a search index).
 * Called inside the batch's transaction; must write only through `tx`.
 */
export interface StoryIndexer {
  /** Short name, for `without` and messages: `related`. */
  readonly name: string;
  /**
   * Each story added or changed, as soon as it is saved, while its analysis is at hand: keep
   * only what `storiesSaved` will need (the batch can be large).
   */
  storySaved?(saved: SavedStory): void;
  /** Every story the batch added or changed, once, before the transaction commits. */
  storiesSaved(tx: StoreTx, stories: Story[]): Promise<void>;
  /** The batch rolled back: forget what `storySaved`/`storiesSaved` kept. */
  rolledBack(): void;
  /** The batch committed: add what this indexer did to its summary (`copies`). */
  summarize?(summary: BatchSummary): void;
}

/** What a batch did. */
export interface BatchSummary {
  added: number;
  /** Of the added stories, how many were recorded as copies of stories already stored. */
  copies?: number;
  updated: number;
  unchanged: number;
  skipped: SkippedRecord[];
  /** What the section classifier did; absent when the pipeline has no classifier. */
  classified?: ClassifiedCounts;
  /** Pins (JSON Lines `pinned`) naming a story that is stored nowhere: left out. Absent: none. */
  unresolvedPins?: UnresolvedPin[];
}

export interface SkippedRecord {
  /** `file:line`, a feed item's link, or the file for one-story formats. */
  where: string;
  message: string;
}

/** What a batch's producer is handed: save a story, or record one that could not be read. */
export interface BatchWriter {
  save(input: StoryInput): Promise<{ outcome: SaveOutcome; story: Story }>;
  skip(record: SkippedRecord): void;
}

/** Options of `saveBatch`. */
export interface BatchOptions {
  /** Names of indexers to leave out of this batch (`related` for `import --no-related`). Default none. */
  without?: readonly string[];
  /** When stories without a section are classified (`classify/filer.ts`). Default `auto`. */
  classify?: ClassifyMode;
}

export class StoryPipeline {
  constructor(
    private readonly store: Store,
    private readonly publishing: PublishingService,
    private readonly analyze: StoryAnalyzer | null,
    private readonly indexers: readonly StoryIndexer[],
    private readonly filer: SectionFiler | null = null,
  ) {}

  /**
   * Runs `produce` in one transaction, saving what it hands over. If `produce` throws, nothing
   * is stored.
   */
  async saveBatch(
    produce: (batch: BatchWriter) => Promise<void>,
    options: BatchOptions = {},
  ): Promise<BatchSummary> {
    const indexers = this.indexers.filter((indexer) => !options.without?.includes(indexer.name));
    const summary: BatchSummary = { added: 0, updated: 0, unchanged: 0, skipped: [] };
    try {
      await this.store.transaction(async (tx) => {
        const saved: Story[] = [];
        const pins = new BatchPins();
        const filing = this.filer?.session(tx, options.classify ?? 'auto') ?? null;
        await produce({
          save: async (input) => {
            const { pinned, ...result } = await this.saveOne(tx, input, indexers, filing);
            summary[result.outcome]++;
            if (result.outcome !== 'unchanged') saved.push(result.story);
            pins.saved(input, result.outcome, result.story, pinned);
            return result;
          },
          skip: (record) => summary.skipped.push(record),
        });
        // Once every story is stored, so a pin may name one later in the batch.
        await pins.apply(tx, this.publishing.now(), summary);
        for (const indexer of indexers) await indexer.storiesSaved(tx, saved);
        if (filing) summary.classified = { ...filing.classified };
      });
    } catch (error) {
      for (const indexer of indexers) indexer.rolledBack();
      throw error;
    }
    for (const indexer of indexers) indexer.summarize?.(summary);
    return summary;
  }

  /**
   * An editor's change of stored stories (`editing/`), in one transaction through the same
   * indexers as a batch: `work` writes through `tx` and hands every story whose text or title it
   * changed to `saved` (with its fresh analysis), so related lists follow as after an import.
   */
  async edit<T>(work: (tx: StoreTx, saved: (story: SavedStory) => void) => Promise<T>): Promise<T> {
    const indexers = this.indexers;
    try {
      return await this.store.transaction(async (tx) => {
        const changed: Story[] = [];
        const result = await work(tx, (story) => {
          changed.push(story.story);
          for (const indexer of indexers) indexer.storySaved?.({ ...story, outcome: 'updated' });
        });
        for (const indexer of indexers) await indexer.storiesSaved(tx, changed);
        return result;
      });
    } catch (error) {
      for (const indexer of indexers) indexer.rolledBack();
      throw error;
    }
  }

  /** Saves `inputs` as one batch. */
  async saveStories(inputs: Iterable<StoryInput>, options: BatchOptions = {}): Promise<BatchSummary> {
    return this.saveBatch(async (batch) => {
      for (const input of inputs) await batch.save(input);
    }, options);
  }

  private async saveOne(
    tx: StoreTx,
    given: StoryInput,
    indexers: readonly StoryIndexer[],
    filing: FilingSession | null,
  ) {
    // Every story keeps its language; a source that did not say gets the detected one.
    const withLanguage =
      given.language === undefined
        ? { ...given, language: detectLanguage(given.paragraphs.join('\n')) }
        : given;
    const existing = await this.publishing.findExisting(tx, withLanguage);
    // What an editor changed since the last import stays as they left it (`keep-edits.ts`).
    const fromSource = existing ? await keepEditorsChanges(tx, withLanguage, existing) : withLanguage;
    // A story without a section may get one from the classifier (or keep the one it has).
    const filed = filing ? await filing.file(fromSource, existing) : null;
    const input = filed?.input ?? fromSource;
    const unchangedText = sameText(existing, input);
    // An unchanged text with a level from the current model keeps its level and stored analysis.
    const analyzed =
      unchangedText && isCurrentLevel(existing?.level ?? null)
        ? null
        : (this.analyze?.(input.paragraphs) ?? null);
    // Without a dictionary an unchanged text keeps its (older) level; a changed one has none.
    const level = analyzed?.level ?? (unchangedText ? (existing?.level ?? null) : null);
    const result = {
      ...(await this.publishing.saveStory(tx, input, existing, level)),
      pinned: input.pinnedStories,
    };
    if (filing && filed) await filing.record(result.story, filed.filing, existing);
    if (result.outcome === 'unchanged' && !analyzed) return result;
    if (analyzed) {
      await tx.analysis.saveStoryAnalysis(
        result.story.id,
        analyzed.analysis.version,
        encodeAnalysis(analyzed.analysis),
      );
    }
    if (result.outcome !== 'unchanged') {
      for (const indexer of indexers)
        indexer.storySaved?.({ story: result.story, analyzed, outcome: result.outcome });
    }
    return result;
  }
}
