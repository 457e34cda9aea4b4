/**
 * A story's copies and its family on the desk. Copies (the same story from other outlets,
 * `duplicate_of`) are shown through their canonical story; an editor chooses which copy is the
 * canonical one. A family (the same article at several levels: `source` + `group`) is joined or
 * split here: joining gives two canonical stories of one source the same group, splitting takes a
 * version out of its family.
 */
import type { Story } from '../articles/model.js';
import { recordOf } from '../articles/story-records.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { FamilyMember, Store, StoreTx } from '../store/types.js';

/** A family version's level name: `elementary`, `intermediate`, `advanced` or another short word. */
export const GROUP_LEVEL = /^[a-z][a-z0-9-]{0,29}$/;

export interface CopiesView {
  story: Story;
  /** The canonical story of the story's group (the story itself when it is canonical). */
  canonical: Story;
  /** The canonical story's copies, oldest first. */
  copies: Story[];
  /** The canonical story's family versions (empty when it has none). */
  family: FamilyMember[];
}

export class CopiesDesk {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async view(id: number): Promise<CopiesView> {
    const story = await this.find(this.store, id);
    const canonical = story.duplicateOf === null ? story : await this.find(this.store, story.duplicateOf);
    const copies = await this.store.stories.findCopies(canonical.id);
    const family = canonical.group
      ? await this.store.stories.findFamily(canonical.source, canonical.group)
      : [];
    return { story, canonical, copies, family };
  }

  /** Makes story `id` the canonical one of its copies. */
  async setCanonical(id: number): Promise<void> {
    await this.find(this.store, id);
    await this.store.stories.setCanonical(id);
  }

  /**
   * Joins story `otherId` (and its family, if it has one) to story `id`'s family; a story without
   * one gets a new family. Both must be canonical stories of the same source. `level` names
   * `otherId`'s level in the family (kept when absent).
   */
  async joinFamily(id: number, otherId: number, level?: string | null): Promise<void> {
    if (id === otherId) throw new AppError('BAD_INPUT', 'A story is already in its own family.');
    if (level && !GROUP_LEVEL.test(level)) {
      throw new AppError(
        'BAD_INPUT',
        `A version's level is a short lower-case word (elementary…), not "${level}".`,
      );
    }
    await this.store.transaction(async (tx) => {
      const story = await this.find(tx, id);
      const other = await this.find(tx, otherId);
      for (const s of [story, other]) {
        if (s.duplicateOf !== null) {
          throw new AppError(
            'BAD_INPUT',
            `Story ${s.id} is a copy of story ${s.duplicateOf}: join its canonical story.`,
          );
        }
      }
      if (story.source !== other.source) {
        throw new AppError(
          'BAD_INPUT',
          `Versions of one family come from one source; story ${id} is from "${story.source}", story ${otherId} from "${other.source}".`,
        );
      }
      const group = story.group ?? other.group ?? `desk-${story.id}`;
      if (story.group !== group) await this.save(tx, story, { group });
      const members =
        other.group && other.group !== group ? await tx.stories.findFamily(other.source, other.group) : [];
      for (const member of members) {
        if (member.id === other.id) continue;
        await this.save(tx, await this.find(tx, member.id), { group });
      }
      await this.save(tx, other, { group, groupLevel: level ?? other.groupLevel });
    });
  }

  /** Takes story `id` out of its family. */
  async splitFromFamily(id: number): Promise<void> {
    await this.store.transaction(async (tx) => {
      const story = await this.find(tx, id);
      if (story.group === null) throw new AppError('BAD_INPUT', `Story ${id} is in no family.`);
      await this.save(tx, story, { group: null, groupLevel: null });
    });
  }

  private async save(
    tx: StoreTx,
    story: Story,
    change: { group: string | null; groupLevel?: string | null },
  ) {
    await tx.stories.updateStory(story.id, { ...recordOf(story), ...change }, this.clock().toISOString());
  }

  private async find(store: StoreTx, id: number): Promise<Story> {
    const story = await store.stories.findStoryById(id);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
    return story;
  }
}
