/**
 * Copies at import: a new story that the near-duplicate engine (`near-duplicates.ts`) finds to be
 * the same as a story already stored (the same wire story from another outlet, a re-headlined
 * edition) is recorded as a copy of it (`StoryGroupRepo.markDuplicate`). The first stored is
 * canonical; an editor can choose another later (`setCanonical`). Copies keep their own row (URL,
 * source, provenance) but are not listed, searched or related on their own.
 *
 * A `StoryIndexer` placed after `RelatedService` in the pipeline: it reads the related index that
 * service has just brought up to date in the same transaction, so there is no second index. An
 * import with `--no-related` leaves the index alone and so records no copies.
 *
 * Only stories new in the batch are grouped (an updated story keeps its standing), and never with
 * another version of their own family (the same article at another level is not a copy).
 */
import type { Story } from '../articles/model.js';
import type { BatchSummary, SavedStory, StoryIndexer } from '../ingest/pipeline.js';
import type { StoreTx } from '../store/types.js';

/** What the grouper asks of the related index. */
export interface NearDuplicateSource {
  nearDuplicatesOf(storyId: number): number[];
}

export class DuplicateGrouper implements StoryIndexer {
  readonly name = 'duplicates';
  private readonly added = new Set<number>();
  private copies = 0;

  constructor(private readonly index: NearDuplicateSource) {}

  storySaved({ story, outcome }: SavedStory): void {
    if (outcome === 'added') this.added.add(story.id);
  }

  async storiesSaved(tx: StoreTx, stories: Story[]): Promise<void> {
    this.copies = 0;
    try {
      for (const story of stories) {
        if (!this.added.has(story.id)) continue;
        const canonical = await this.canonicalFor(tx, story);
        if (canonical === null) continue;
        await tx.stories.markDuplicate(story.id, canonical);
        this.copies++;
      }
    } finally {
      this.added.clear();
    }
  }

  /** The earliest stored canonical story `story` copies, or null. */
  private async canonicalFor(tx: StoreTx, story: Story): Promise<number | null> {
    let best: number | null = null;
    for (const id of this.index.nearDuplicatesOf(story.id)) {
      if (id >= story.id) continue;
      const other = await tx.stories.findStoryById(id);
      if (!other) continue;
      if (story.group !== null && other.group === story.group && other.source === story.source) continue;
      const canonical = other.duplicateOf ?? other.id;
      if (best === null || canonical < best) best = canonical;
    }
    return best;
  }

  rolledBack(): void {
    this.added.clear();
    this.copies = 0;
  }

  summarize(summary: BatchSummary): void {
    summary.copies = (summary.copies ?? 0) + this.copies;
    this.copies = 0;
  }
}
