/**
 * Automatic sections in the write pipeline: a story that arrives without a section gets one from
 * the classifier (`model.ts`) trained on the stories an editor or a feed filed, or goes to 待分类
 * (unsorted) when the classifier is not sure. `ClassifyMode` says when:
 *
 * - `auto` (default): once the site has at least two sections of at least 20 filed stories each;
 *   before that, today's default section;
 * - `always`: the best section whatever the confidence (still needs two sections to tell apart);
 * - `never`: today's behaviour, the default section.
 *
 * A story that names its section is never classified; it is recorded as its `editor`'s (a file) or
 * its `feed`'s choice. A re-imported story without a section keeps the section it has (and how it
 * got it) unless the mode is `never`, which keeps today's behaviour (the default section).
 *
 * **Retraining**: the model is kept in the database (`FilingRepo.saveSectionModel`), so every
 * process and every restart uses the same one. A batch that needs it checks how many filed stories
 * there are now; when they grew by 10 % or by `retrainAfter` (default 100) stories, whichever comes
 * first, or a section appeared or disappeared, the batch retrains on the newest 2,000 filed stories
 * of each section (bounded work however large the archive) and saves the model with its batch.
 * Classifier-filed stories are never training data (the model would learn its own mistakes).
 */
import type { SectionFiling, Story, StoryInput } from '../../articles/model.js';
import { UNSORTED_SECTION } from '../../articles/sections.js';
import type { StoreTx } from '../../store/types.js';
import type { ClassifyMode } from './mode.js';
import {
  classifyText,
  type LabelledText,
  parseSectionModel,
  type SectionModel,
  serializeSectionModel,
  trainSectionModel,
} from './model.js';

export { CLASSIFY_MODES, type ClassifyMode } from './mode.js';

export interface FilerOptions {
  /** Below this probability a story goes to 待分类 (`auto` only). Default 0.6; 0–1. */
  threshold?: number;
  /** Sections needed before `auto` classifies. Default 2. */
  minSections?: number;
  /** Filed stories each of those sections needs. Default 20. */
  minStoriesPerSection?: number;
  /** Retrain after this many new filed stories at most. Default 100. */
  retrainAfter?: number;
  /** Newest filed stories a section contributes to training. Default 2,000. */
  maxPerSection?: number;
}

/** What the classifier did in a batch, for the import and poll summaries. */
export interface ClassifiedCounts {
  /** Stories filed into a section by the classifier. */
  filed: number;
  /** Stories put in 待分类 because the classifier was unsure. */
  unsorted: number;
}

/** A section a story can be trained on: sections with fewer filed stories are left out. */
const MIN_TRAINING_STORIES = 3;

export class SectionFiler {
  private readonly threshold: number;
  private readonly minSections: number;
  private readonly minStories: number;
  private readonly retrainAfter: number;
  private readonly maxPerSection: number;
  /** The last model read or trained, by its stored `updatedAt`, so a batch does not parse it again. */
  private cached: { key: string; model: SectionModel } | null = null;

  constructor(options: FilerOptions = {}) {
    this.threshold = options.threshold ?? 0.6;
    this.minSections = options.minSections ?? 2;
    this.minStories = options.minStoriesPerSection ?? 20;
    this.retrainAfter = options.retrainAfter ?? 100;
    this.maxPerSection = options.maxPerSection ?? 2000;
  }

  /** The filing work of one batch (one transaction). */
  session(tx: StoreTx, mode: ClassifyMode): FilingSession {
    return new FilingSession(this, tx, mode);
  }

  /** @internal The model to classify with now, retrained when stale; null when there is too little to train on. */
  async modelFor(
    tx: StoreTx,
    counts: Map<number, number>,
    unsortedId: number | null,
  ): Promise<SectionModel | null> {
    const trainable = [...counts]
      .filter(([id, n]) => id !== unsortedId && n >= MIN_TRAINING_STORIES)
      .sort((a, b) => a[0] - b[0]);
    if (trainable.length < 2) return null;
    const total = trainable.reduce((sum, [, n]) => sum + Math.min(n, this.maxPerSection), 0);
    // The model keeps its labels sorted as strings ("10" before "9"): compare them the same way.
    const labels = trainable
      .map(([id]) => String(id))
      .sort()
      .join(',');
    const stored = await tx.filing.findSectionModel();
    if (stored) {
      const key = `${stored.updatedAt}/${stored.trainedOn}`;
      const model = this.cached?.key === key ? this.cached.model : parseSectionModel(stored.data);
      if (model) this.cached = { key, model };
      const grown = total - stored.trainedOn;
      const fresh = grown < Math.min(this.retrainAfter, Math.max(1, Math.ceil(stored.trainedOn / 10)));
      if (model && fresh && model.labels.join(',') === labels) return model;
    }
    const docs: LabelledText[] = [];
    for (const [sectionId] of trainable) {
      for (const story of await tx.filing.findFiledStories(sectionId, this.maxPerSection)) {
        docs.push({ title: story.title, paragraphs: story.paragraphs, label: String(sectionId) });
      }
    }
    const model = trainSectionModel(docs);
    await tx.filing.saveSectionModel(serializeSectionModel(model), docs.length);
    this.cached = null;
    return model;
  }

  /** @internal */
  settings() {
    return { threshold: this.threshold, minSections: this.minSections, minStories: this.minStories };
  }
}

/** One batch's filing: decides each unsectioned story's section and records every story's filing. */
export class FilingSession {
  /** Filed stories per section id, loaded on first need and kept current through the batch. */
  private counts: Map<number, number> | null = null;
  private unsortedId: number | null | undefined;
  private model: SectionModel | null | undefined;
  private modelAt = -1;
  private readonly slugs = new Map<number, string>();
  readonly classified: ClassifiedCounts = { filed: 0, unsorted: 0 };

  constructor(
    private readonly filer: SectionFiler,
    private readonly tx: StoreTx,
    private readonly mode: ClassifyMode,
  ) {}

  /**
   * The story to save (with the section chosen for it) and its filing; `keep` when a re-import
   * leaves the stored section and filing as they are.
   */
  async file(
    input: StoryInput,
    existing: Story | null,
  ): Promise<{ input: StoryInput; filing: SectionFiling | null | 'keep' }> {
    if (input.section) {
      // Absent: the file (or person) importing named the section. Null: an export of a story nobody filed.
      const filing =
        input.sectionFiling === undefined
          ? { source: 'editor' as const, confidence: null }
          : input.sectionFiling;
      return { input, filing };
    }
    if (this.mode === 'never') return { input, filing: null };
    if (existing) {
      const section = await this.tx.sections.findSectionById(existing.sectionId);
      return { input: { ...input, section: section?.slug ?? null }, filing: 'keep' };
    }
    const counts = await this.loadCounts();
    const { threshold, minSections, minStories } = this.filer.settings();
    if (this.mode === 'auto') {
      const ready = [...counts].filter(([id, n]) => id !== this.unsortedId && n >= minStories).length;
      if (ready < minSections) return { input, filing: null };
    }
    const model = await this.currentModel(counts);
    if (!model) return { input, filing: null };
    const guess = classifyText(model, input);
    const confidence = Number(guess.confidence.toFixed(4));
    if (this.mode === 'auto' && guess.confidence < threshold) {
      this.classified.unsorted++;
      return {
        input: { ...input, section: UNSORTED_SECTION.slug },
        filing: { source: 'classifier', confidence },
      };
    }
    this.classified.filed++;
    return {
      input: { ...input, section: await this.slugOf(Number(guess.label)) },
      filing: { source: 'classifier', confidence },
    };
  }

  /** Records `story`'s filing (when it changed) and counts it towards the training set. */
  async record(story: Story, filing: SectionFiling | null | 'keep', before: Story | null): Promise<void> {
    if (filing === 'keep') return;
    // A new story has nothing recorded yet: no need to ask.
    const [stored = null] = before ? (await this.tx.filing.findFilings([story.id])).values() : [];
    if (JSON.stringify(stored) !== JSON.stringify(filing)) await this.tx.filing.saveFiling(story.id, filing);
    if (!this.counts) return;
    const trains = (f: SectionFiling | null) => f !== null && f.source !== 'classifier';
    if (before && trains(stored))
      this.counts.set(before.sectionId, (this.counts.get(before.sectionId) ?? 1) - 1);
    if (trains(filing)) this.counts.set(story.sectionId, (this.counts.get(story.sectionId) ?? 0) + 1);
  }

  private async loadCounts(): Promise<Map<number, number>> {
    if (!this.counts) {
      this.counts = new Map((await this.tx.filing.countFiledStories()).map((c) => [c.sectionId, c.stories]));
      this.unsortedId = (await this.tx.sections.findSectionBySlug(UNSORTED_SECTION.slug))?.id ?? null;
    }
    return this.counts;
  }

  /** The model, re-checked for staleness only when filed stories were added since it was loaded. */
  private async currentModel(counts: Map<number, number>): Promise<SectionModel | null> {
    let total = 0;
    for (const n of counts.values()) total += n;
    const recheck =
      this.model === undefined || (this.model === null ? total !== this.modelAt : total - this.modelAt >= 10);
    if (recheck) {
      this.model = await this.filer.modelFor(this.tx, counts, this.unsortedId ?? null);
      this.modelAt = total;
    }
    return this.model ?? null;
  }

  private async slugOf(sectionId: number): Promise<string | null> {
    let slug = this.slugs.get(sectionId);
    if (slug === undefined) {
      slug = (await this.tx.sections.findSectionById(sectionId))?.slug ?? '';
      this.slugs.set(sectionId, slug);
    }
    return slug || null;
  }
}
