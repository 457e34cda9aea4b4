/** The contract of `StoryGroupRepo`: duplicate groups, story families, finding a story by URL. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import { addSection, addStory, type StoreContractAdapter, useStores } from './fixtures.js';

const canonicalOf = async (store: Store, id: number) => (await store.stories.findStoryById(id))!.duplicateOf;

async function tagsOf(store: Store, write: () => Promise<unknown>): Promise<string[]> {
  const before = await store.changes.latestChange();
  await write();
  return (await store.changes.findChangesSince(before))!.tags;
}

export function storyGroupsContract(adapter: StoreContractAdapter): void {
  describe('story groups', () => {
    const stores = useStores(adapter);

    async function world() {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const ids = [];
      for (const n of [1, 2, 3, 4]) ids.push(await addStory(store, section.id, n));
      return { store, section, ids: ids as [number, number, number, number] };
    }

    it('records a copy: lists and counts show only the canonical story', async () => {
      const { store, section, ids } = await world();
      const [a, b, c] = ids;
      expect(await canonicalOf(store, b)).toBeNull();
      await store.stories.markDuplicate(b, a);
      await store.stories.markDuplicate(c, a);
      expect(await canonicalOf(store, b)).toBe(a);
      expect((await store.stories.findCopies(a)).map((s) => s.id)).toEqual([b, c]);
      expect(await store.stories.findCopies(b)).toEqual([]);
      const listed = await store.stories.listStories({ limit: 10, offset: 0 });
      expect(listed.map((r) => r.id).sort()).toEqual([a, ids[3]].sort());
      expect(
        (await store.stories.listStories({ sectionId: section.id, limit: 10, offset: 0 })).map((r) => r.id),
      ).not.toContain(b);
      expect(await store.stories.countStories()).toBe(2);
      expect(await store.stories.countStories(section.id)).toBe(2);
      const all = await store.stories.listStories({ limit: 10, offset: 0, includeCopies: true });
      expect(all).toHaveLength(4);
    });

    it('never chains: a copy of a copy names the canonical story, and copies follow their story', async () => {
      const { store, ids } = await world();
      const [a, b, c, d] = ids;
      await store.stories.markDuplicate(b, a);
      await store.stories.markDuplicate(c, b);
      expect(await canonicalOf(store, c)).toBe(a);
      await store.stories.markDuplicate(a, d);
      expect([a, b, c].map((id) => id)).toEqual([a, b, c]);
      for (const id of [a, b, c]) expect(await canonicalOf(store, id)).toBe(d);
      expect(await canonicalOf(store, d)).toBeNull();
    });

    it('refuses a copy of its own group and a missing story', async () => {
      const { store, ids } = await world();
      const [a, b] = ids;
      await store.stories.markDuplicate(b, a);
      await expect(store.stories.markDuplicate(a, b)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(store.stories.markDuplicate(a, a)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(store.stories.markDuplicate(a, 9999)).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
      await expect(store.stories.markDuplicate(9999, a)).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
      await expect(store.stories.setCanonical(9999)).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
      expect(await canonicalOf(store, a)).toBeNull();
    });

    it('lets an editor choose another canonical story: the old one and the others become its copies', async () => {
      const { store, section, ids } = await world();
      const [a, b, c] = ids;
      await store.stories.markDuplicate(b, a);
      await store.stories.markDuplicate(c, a);
      const tags = await tagsOf(store, () => store.stories.setCanonical(c));
      expect(await canonicalOf(store, c)).toBeNull();
      expect(await canonicalOf(store, a)).toBe(c);
      expect(await canonicalOf(store, b)).toBe(c);
      expect((await store.stories.findCopies(c)).map((s) => s.id)).toEqual([a, b]);
      expect(tags).toEqual(
        expect.arrayContaining([`story:${a}`, `story:${c}`, `section:${section.id}`, 'stories']),
      );
      // Already canonical: nothing changes, nothing is recorded.
      expect(await tagsOf(store, () => store.stories.setCanonical(c))).toEqual([]);
    });

    it('records the change tags of the group and of the related lists that hold it', async () => {
      const { store, ids } = await world();
      const [a, b, , d] = ids;
      await store.related.replaceRelatedList(d, [{ relatedId: b, score: 0.5 }]);
      const tags = await tagsOf(store, () => store.stories.markDuplicate(b, a));
      expect(tags).toEqual(
        expect.arrayContaining([`story:${a}`, `story:${b}`, `related:${d}`, 'stories', 'title:story 2']),
      );
      // The related list shows what the page needs to map a copy to its canonical story.
      expect(await store.related.findRelatedList(d)).toEqual([
        expect.objectContaining({ id: b, duplicateOf: a, source: 'wire', group: null }),
      ]);
      expect(await tagsOf(store, () => store.stories.markDuplicate(b, a))).toEqual([]);
    });

    it('a canonical story deleted leaves its copies canonical', async () => {
      const { store, ids } = await world();
      const [a, b] = ids;
      await store.stories.markDuplicate(b, a);
      await store.stories.deleteStory(a);
      expect(await canonicalOf(store, b)).toBeNull();
    });

    it('finds the first stored story with a URL', async () => {
      const { store, section } = await world();
      const first = await addStory(store, section.id, 5, { url: 'https://example.com/x' });
      await addStory(store, section.id, 6, { url: 'https://example.com/x' });
      expect((await store.stories.findStoryByUrl('https://example.com/x'))?.id).toBe(first);
      expect(await store.stories.findStoryByUrl('https://example.com/y')).toBeNull();
    });

    it("lists a family's canonical versions with their levels, by source and group", async () => {
      const store = await stores.open();
      const section = await addSection(store, 'w');
      const family = { source: 'ose', group: 'ose/Syria' };
      const e = await addStory(store, section.id, 1, { ...family, groupLevel: 'elementary' });
      const i = await addStory(store, section.id, 2, { ...family, groupLevel: 'intermediate' });
      await addStory(store, section.id, 3, { source: 'other', group: 'ose/Syria', groupLevel: 'advanced' });
      const copy = await addStory(store, section.id, 4, { ...family, groupLevel: 'advanced' });
      await store.stories.markDuplicate(copy, i);
      expect(await store.stories.findFamily('ose', 'ose/Syria')).toEqual([
        { id: e, slug: 's1', title: 'Story 1', groupLevel: 'elementary' },
        { id: i, slug: 's2', title: 'Story 2', groupLevel: 'intermediate' },
      ]);
      expect(await store.stories.findStoryById(e)).toMatchObject({
        group: 'ose/Syria',
        groupLevel: 'elementary',
      });
      expect(await store.stories.findFamily('ose', 'nope')).toEqual([]);
    });
  });
}
