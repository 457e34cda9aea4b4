/**
 * The related stories an import pins (JSON Lines `pinned`, as `export` writes them: by source and
 * id, since ids are each database's own), set once the whole batch is stored, so a pin may name
 * a story later in the file, in another file of the same import, or stored before.
 */

import type { Story, StoryInput, StoryRef } from '../articles/model.js';
import type { SaveOutcome } from '../articles/publishing.js';
import type { StoreTx } from '../store/types.js';

/** A pin an import could not resolve: the story that carries it, and the story it names. */
export interface UnresolvedPin {
  /** The pinning story's slug. */
  story: string;
  pinned: StoryRef;
}

/** The counts of a batch's summary this changes (`BatchSummary`). */
interface PinCounts {
  updated: number;
  unchanged: number;
  unresolvedPins?: UnresolvedPin[];
}

const refKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

export class BatchPins {
  /** Story id → the story as saved and the pins its record carried (the last record with pins wins). */
  private readonly pending = new Map<number, { story: Story; pins: StoryRef[] }>();
  /**
   * Source and id as the batch's records give them → the story each was saved as: a story found
   * by its URL keeps the id it was stored under, which is not the record's.
   */
  private readonly savedAs = new Map<string, number>();
  /** Stories the batch added or changed (counted `added` or `updated` already). */
  private readonly changed = new Set<number>();

  /** Notes one save: `given` is the record as read, `pins` what it pins after an editor's changes. */
  saved(given: StoryInput, outcome: SaveOutcome, story: Story, pins: StoryRef[] | undefined): void {
    if (given.externalId !== null) this.savedAs.set(refKey(given.source, given.externalId), story.id);
    if (outcome !== 'unchanged') this.changed.add(story.id);
    if (pins) this.pending.set(story.id, { story, pins });
  }

  /**
   * Sets every noted story's pins to the stories they name, in order (a story never pins itself).
   * A pin naming a story stored nowhere is left out and listed in `summary.unresolvedPins`; a
   * story whose saves were all `unchanged` but whose pins change counts as `updated`.
   */
  async apply(tx: StoreTx, now: string, summary: PinCounts): Promise<void> {
    for (const { story, pins } of this.pending.values()) {
      const ids: number[] = [];
      for (const ref of pins) {
        const id =
          this.savedAs.get(refKey(ref.source, ref.externalId)) ??
          (await tx.stories.findStoryByExternalId(ref.source, ref.externalId))?.id;
        if (id === undefined) {
          summary.unresolvedPins ??= [];
          summary.unresolvedPins.push({ story: story.slug, pinned: ref });
        } else if (id !== story.id && !ids.includes(id)) ids.push(id);
      }
      if (JSON.stringify(ids) === JSON.stringify(story.pinnedIds)) continue;
      await tx.stories.updateEditorial(story.id, { pinnedIds: ids }, now);
      if (!this.changed.has(story.id)) {
        summary.unchanged--;
        summary.updated++;
        this.changed.add(story.id);
      }
    }
  }
}
