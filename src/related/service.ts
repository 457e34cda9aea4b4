/**
 * Keeps every story's 相关文章 list in the store, using the in-memory `RelatedIndex`.
 *
 * The web pages only read stored lists (one indexed query); the index lives in the process that
 * writes (`lingwire import`, `lingwire related --rebuild`). It is loaded from the store on first
 * use (vectors, fitted model and lists: no text is re-analysed), updated as stories are saved,
 * and dropped when a transaction rolls back so memory never disagrees with the database.
 *
 * Two ways a batch of saved stories is indexed:
 * - incrementally (a few stories into a large archive): each new story gets its list and enters
 *   the lists of older stories where it ranks (bounded work in the engine: `updateFanout`);
 * - in bulk (a batch that is large next to the archive): all are added without lists, the
 *   engine rebuilds once (refitting the latent space), and every list is rewritten.
 * After an incremental batch, a rebuild also runs when the archive has grown enough since the
 * last fit (`RelatedIndex.needsRebuild`).
 */
import { createHash } from 'node:crypto';
import type { Story } from '../articles/model.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { SavedStory, StoryIndexer } from '../ingest/pipeline.js';
import { ALL_TAG, RELATED_MODEL_TAG } from '../store/change-tags.js';
import type { Store, StoreTx } from '../store/types.js';
import { tokenize } from '../text/tokenize.js';
import { type ExportedStory, RelatedIndex, type RelatedStory, type StoryInput } from './engine.js';
import type { ExportedLatentModel } from './latent-space.js';
import { type RelatedOptions, resolveOptions } from './options.js';
import { ANALYZER_VERSION, type StoryTerms, storyTermsFromTokens, type TermOptions } from './story-terms.js';

/** More changed tags than this since the index was loaded make a writer reload it rather than catch up. */
const CATCH_UP_LIMIT = 5000;

/** A batch counts as bulk when it has more than this many stories and … */
const BULK_MIN_STORIES = 200;
/** … is at least this share of the archive. */
const BULK_SHARE = 0.2;

export interface RelatedServiceOptions {
  /** Engine settings; defaults in `DEFAULT_RELATED_OPTIONS`. */
  engine?: Partial<Omit<RelatedOptions, 'analyze'>>;
  clock?: Clock;
  /** Progress lines for long work (rebuilds). */
  onProgress?: (line: string) => void;
}

/** The latent model as text: its matrix as base64 of the float bytes (JSON would spell every float out). */
function serializeModel(model: ExportedLatentModel): string {
  const bytes = Buffer.from(model.matrix.buffer, model.matrix.byteOffset, model.matrix.byteLength);
  return JSON.stringify({ dims: model.dims, terms: model.terms, matrix: bytes.toString('base64') });
}

function parseModel(text: string): ExportedLatentModel {
  const parsed = JSON.parse(text) as { dims: number; terms: string[]; matrix: string };
  const bytes = Buffer.from(parsed.matrix, 'base64');
  const matrix = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { dims: parsed.dims, terms: parsed.terms, matrix };
}

function vectorHash(data: string): string {
  return createHash('sha1').update(data).digest('base64');
}

function engineInput(story: Story, terms?: StoryTerms): StoryInput {
  return {
    id: String(story.id),
    title: story.title,
    body: story.paragraphs.join('\n'),
    publishedAt: story.publishedAt ?? undefined,
    ...(terms ? { terms } : {}),
  };
}

export class RelatedService implements StoryIndexer {
  readonly name = 'related';
  /** Terms of the stories saved in the current batch, from their analysis (see `storySaved`). */
  private readonly pendingTerms = new Map<number, StoryTerms>();
  private readonly termOptions: TermOptions;
  private index: RelatedIndex | null = null;
  /** The newest change in the store's change log that the in-memory index reflects. */
  private seen = 0;
  /**
   * Hashes of the vectors this writer stored in its last incremental batch, by story id, for its
   * next catch-up, which meets them in the change log: they need not be applied again.
   */
  private readonly ownVectors = new Map<number, string>();
  /** A `warm` in progress. */
  private warming: Promise<void> | null = null;
  /** Set by `warm`: the next batch also indexes stories stored without a vector. */
  private scanMissing = false;
  /** Full loads of the index from the store, and catch-ups that applied others' changes instead. */
  readonly stats = { loads: 0, catchUps: 0, ownChangesSkipped: 0 };
  private readonly clock: Clock;

  constructor(
    private readonly store: Store,
    private readonly options: RelatedServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.termOptions = resolveOptions(options.engine).terms;
  }

  /**
   * The index as stored: vectors, model and lists, without re-reading any text. Stories that have
   * no vector yet (stored before related lists existed, or imported with `--no-related`) are
   * returned as `missing`, to be indexed with the next batch. Vectors written by another analyzer
   * version are not mixed in: everything is indexed again from the text.
   */
  private async load(tx: StoreTx): Promise<{ index: RelatedIndex; missing: Story[] }> {
    // A warm-up still reading: wait for it rather than read everything a second time.
    await this.warming?.catch(() => {});
    if (this.index) {
      const missing = await this.catchUp(tx, this.index);
      if (missing) {
        if (this.scanMissing) {
          // Loaded by `warm`, which left stories without a vector for the first batch.
          this.scanMissing = false;
          const known = new Set(missing.map((s) => s.id));
          for (const story of await this.storiesWithoutVector(tx))
            if (!known.has(story.id)) missing.push(story);
        }
        return { index: this.index, missing };
      }
      this.index = null;
    }
    const read = await this.readIndex(tx);
    let { index } = read;
    if (read.stale) {
      this.options.onProgress?.(
        'related: stored vectors come from another analyzer version; indexing every story again…',
      );
      await tx.related.clearRelated();
      index = new RelatedIndex(this.options.engine);
    }
    this.seen = read.seen;
    this.index = index;
    this.scanMissing = false;
    return { index, missing: await this.storiesWithoutVector(tx) };
  }

  /**
   * Loads the index ahead of the first batch, so the first story a feed poll or an editor brings
   * does not wait for a full load (a minute at 100,000 stories): the writer calls it when it
   * starts, in the background. It reads outside any transaction, so it never holds the write
   * lock; what other writers store meanwhile is past `seen` in the change log and is caught up
   * at the next batch, like any other writer's changes. Vectors of another analyzer version are
   * left for the first batch, which re-indexes inside its transaction.
   */
  warm(): Promise<void> {
    if (this.index) return Promise.resolve();
    this.warming ??= this.readIndex(this.store)
      .then((read) => {
        if (read.stale || this.index) return;
        this.seen = read.seen;
        this.index = read.index;
        this.scanMissing = true;
      })
      .finally(() => {
        this.warming = null;
      });
    return this.warming;
  }

  /** The index as stored (see `load`), and the change it reflects. */
  private async readIndex(reader: StoreTx): Promise<{ index: RelatedIndex; seen: number; stale: boolean }> {
    const seen = await reader.changes.latestChange();
    this.stats.loads++;
    const index = new RelatedIndex(this.options.engine);
    const model = await reader.related.findRelatedModel();
    const saved: ExportedStory[] = [];
    for await (const { data } of reader.related.iterateRelatedVectors()) {
      const vector = JSON.parse(data) as ExportedStory & { analyzer?: number };
      if (vector.analyzer !== ANALYZER_VERSION) return { index, seen, stale: true };
      saved.push(vector);
    }
    if (model) index.importModel(parseModel(model.data));
    index.importStories(saved);
    index.reweigh(model?.stories ?? 0);
    for (const [storyId, list] of await reader.related.findAllRelatedLists()) {
      index.setList(
        String(storyId),
        list.map((r) => ({ id: String(r.relatedId), score: r.score })),
      );
    }
    return { index, seen, stale: false };
  }

  private async storiesWithoutVector(tx: StoreTx): Promise<Story[]> {
    const missing: Story[] = [];
    for (const id of await tx.related.findStoryIdsWithoutVector()) {
      const story = await tx.stories.findStoryById(id);
      if (story) missing.push(story);
    }
    return missing;
  }

  /**
   * Applies to the loaded index what other writers (a `lingwire import` while the site serves)
   * stored since it was loaded or last caught up: their stories' vectors and the lists they
   * rewrote, read through the store's change log. One indexed query when nothing changed.
   * Returns the changed stories that have no vector (stored with `--no-related`), to be indexed
   * with this batch, or null when the index must be reloaded instead (a rebuild elsewhere, a
   * pruned log, or more changes than `CATCH_UP_LIMIT`).
   */
  private async catchUp(tx: StoreTx, index: RelatedIndex): Promise<Story[] | null> {
    const changes = await tx.changes.findChangesSince(this.seen);
    if (!changes) return null;
    const { tags } = changes;
    if (tags.length > CATCH_UP_LIMIT || tags.includes(ALL_TAG) || tags.includes(RELATED_MODEL_TAG))
      return null;
    const missing: Story[] = [];
    const lists: number[] = [];
    for (const tag of tags) {
      const [kind, value] = tag.split(':');
      const id = Number(value);
      if (kind === 'related') lists.push(id);
      if (kind !== 'story') continue;
      const data = await tx.related.findRelatedVector(id);
      if (data && this.ownVectors.get(id) === vectorHash(data)) {
        // This writer's own last write: the index already holds it (re-inserting it would
        // recompute the lists that hold the story, tens of milliseconds each at 100,000 stories).
        this.ownVectors.delete(id);
        this.stats.ownChangesSkipped++;
        continue;
      }
      if (data) {
        const vector = JSON.parse(data) as ExportedStory & { analyzer?: number };
        if (vector.analyzer !== ANALYZER_VERSION) return null;
        // A story already indexed is replaced without recomputing lists; its stored list follows.
        if (index.has(vector.id)) index.importStories([vector]);
        else index.importStory(vector);
        continue;
      }
      const story = await tx.stories.findStoryById(id);
      if (story) missing.push(story);
      else if (index.has(String(id))) index.remove(String(id));
    }
    for (const id of lists) {
      const list = await tx.related.findRelatedList(id);
      index.setList(
        String(id),
        list.map((r) => ({ id: String(r.id), score: r.score })),
      );
    }
    if (tags.length > 0) this.stats.catchUps++;
    this.seen = changes.latest;
    // Only the last batch's writes can be met again; whatever is left had no change tag.
    this.ownVectors.clear();
    return missing;
  }

  /** Forget the in-memory index (after a rollback): the next use reloads it from the store. */
  invalidate(): void {
    this.index = null;
  }

  /** The batch rolled back: the in-memory index may hold stories the store does not. */
  /**
   * A story was just saved and analysed: its terms come from the tokens of that one analysis
   * (the text of `analysedText(paragraphs)`, the body the engine reads), so the batch does not
   * tokenize it again. Terms are small; the tokens are not kept.
   */
  storySaved({ story, analyzed }: SavedStory): void {
    if (!analyzed) return;
    this.pendingTerms.set(
      story.id,
      storyTermsFromTokens(tokenize(story.title), analyzed.text.tokens, this.termOptions),
    );
  }

  rolledBack(): void {
    this.pendingTerms.clear();
    this.ownVectors.clear();
    this.invalidate();
  }

  /**
   * Index stories just saved in `tx` and store their lists and the lists they changed. Call inside
   * the transaction that saved them; on rollback call `invalidate()`.
   */
  async storiesSaved(tx: StoreTx, saved: Story[]): Promise<void> {
    try {
      await this.indexSaved(tx, saved);
    } finally {
      this.pendingTerms.clear();
    }
  }

  private async indexSaved(tx: StoreTx, saved: Story[]): Promise<void> {
    if (saved.length === 0) return;
    const { index, missing } = await this.load(tx);
    const savedIds = new Set(saved.map((s) => s.id));
    // Stories saved in this batch have no vector yet either; they are indexed below anyway.
    const unindexed = missing.filter((s) => !savedIds.has(s.id));
    const stories = [...unindexed, ...saved];
    if (unindexed.length > 0)
      this.options.onProgress?.(`related: indexing ${unindexed.length} stories that had no list yet…`);
    const bulk =
      stories.length > BULK_MIN_STORIES && stories.length >= BULK_SHARE * (index.size + stories.length);
    if (bulk) {
      this.options.onProgress?.(`related: indexing ${stories.length} stories in bulk…`);
      index.addAll(
        stories.map((s) => engineInput(s, this.pendingTerms.get(s.id))),
        { lists: false },
      );
      for (const story of stories) await this.saveVector(tx, index, story.id);
      await this.saveEverything(tx, index);
      return;
    }
    const touched = new Set<string>();
    for (const story of stories) {
      const { affected } = index.add(engineInput(story, this.pendingTerms.get(story.id)));
      await this.saveVector(tx, index, story.id, true);
      touched.add(String(story.id));
      for (const id of affected) touched.add(id);
    }
    if (index.needsRebuild) {
      this.options.onProgress?.(`related: the archive has grown to ${index.size} stories; rebuilding…`);
      index.rebuild({ lists: false });
      await this.saveEverything(tx, index);
      return;
    }
    for (const id of touched) await this.saveList(tx, index, id);
  }

  /**
   * Recomputes everything from the stories' text: after a change of settings, or to repair.
   * Returns the number of stories indexed.
   */
  async rebuildAll(): Promise<number> {
    return this.store.transaction(async (tx) => {
      try {
        await tx.related.clearRelated();
        const index = new RelatedIndex(this.options.engine);
        const stories: Story[] = [];
        for await (const story of tx.stories.iterateStories()) stories.push(story);
        this.options.onProgress?.(`related: indexing ${stories.length} stories…`);
        index.addAll(
          stories.map((story) => engineInput(story)),
          { lists: false },
        );
        for (const story of stories) await this.saveVector(tx, index, story.id);
        await this.saveEverything(tx, index);
        this.index = index;
        return stories.length;
      } catch (error) {
        this.invalidate();
        throw error;
      }
    });
  }

  /**
   * Stories near-duplicate of `storyId` (`near-duplicates.ts`) in the index as loaded by this
   * batch, most similar first; empty when the index is not loaded or does not hold the story.
   */
  nearDuplicatesOf(storyId: number): number[] {
    return (this.index?.nearDuplicatesOf(String(storyId)) ?? []).map(Number);
  }

  /** The stored list of a story, computed by the engine's rules (see `engine.ts`). */
  async listFor(storyId: number) {
    return this.store.related.findRelatedList(storyId);
  }

  /** Lists every story's related list in the index, for `lingwire related --all`. */
  async *allLists(): AsyncIterable<{ storyId: number; related: RelatedStory[] }> {
    for await (const story of this.store.stories.iterateStories()) {
      const list = await this.store.related.findRelatedList(story.id);
      yield { storyId: story.id, related: list.map((r) => ({ id: String(r.id), score: r.score })) };
    }
  }

  private async saveVector(
    tx: StoreTx,
    index: RelatedIndex,
    storyId: number,
    remember = false,
  ): Promise<void> {
    const saved = index.exportStory(String(storyId));
    if (!saved) return;
    const data = JSON.stringify({ ...saved, analyzer: ANALYZER_VERSION });
    await tx.related.saveRelatedVector(storyId, data);
    if (remember) this.ownVectors.set(storyId, vectorHash(data));
  }

  private async saveList(tx: StoreTx, index: RelatedIndex, id: string): Promise<void> {
    const list = index.related(id) ?? [];
    await tx.related.replaceRelatedList(
      Number(id),
      list.map((r) => ({ relatedId: Number(r.id), score: r.score })),
    );
  }

  /** After a rebuild: the model and every list. */
  private async saveEverything(tx: StoreTx, index: RelatedIndex): Promise<void> {
    const model = index.exportModel();
    if (model)
      await tx.related.saveRelatedModel(serializeModel(model), index.size, this.clock().toISOString());
    let done = 0;
    for (const id of index.ids()) {
      await this.saveList(tx, index, id);
      if (++done % 10000 === 0) this.options.onProgress?.(`related: ${done} of ${index.size} lists stored…`);
    }
  }
}
