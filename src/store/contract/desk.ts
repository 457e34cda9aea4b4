/**
 * The contract of what the editors' desk (issue #15) writes: section rename, order and merge with
 * the redirects they leave, feed settings and pausing, account roles.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import { addSection, addStory, NOW, type StoreContractAdapter, useStores } from './fixtures.js';

async function tagsOf(store: Store, write: () => Promise<unknown>): Promise<string[]> {
  const before = await store.changes.latestChange();
  await write();
  return (await store.changes.findChangesSince(before))!.tags;
}

export function deskContract(adapter: StoreContractAdapter): void {
  describe('desk: sections', () => {
    const stores = useStores(adapter);

    it('renames a section; its old slug redirects to it, and feeds naming it follow', async () => {
      const store = await stores.open();
      const world = await addSection(store, 'world');
      const feed = await store.feeds.createFeed(
        {
          url: 'https://x.example/f',
          title: '',
          section: 'world',
          language: 'en',
          intervalMinutes: 30,
          allowPrivate: false,
        },
        NOW,
      );
      const tags = await tagsOf(store, async () => {
        const renamed = await store.sections.updateSection(world.id, {
          slug: 'global',
          nameZh: '全球',
          nameEn: 'Global',
        });
        expect(renamed).toEqual({ id: world.id, slug: 'global', nameZh: '全球', nameEn: 'Global' });
      });
      expect(tags).toEqual(expect.arrayContaining(['sections', `section:${world.id}`]));
      expect(await store.sections.findSectionBySlug('world')).toBeNull();
      expect((await store.sections.findSectionRedirect('world'))?.id).toBe(world.id);
      expect(await store.sections.findSectionRedirect('global')).toBeNull();
      expect((await store.feeds.findFeedById(feed.id))?.section).toBe('global');
      // Renaming back drops the redirect from the live slug.
      await store.sections.updateSection(world.id, { slug: 'world' });
      expect(await store.sections.findSectionRedirect('world')).toBeNull();
      expect((await store.sections.findSectionRedirect('global'))?.id).toBe(world.id);
      // A new section with a redirected slug takes the slug over.
      const fresh = await addSection(store, 'global');
      expect(await store.sections.findSectionRedirect('global')).toBeNull();
      expect((await store.sections.findSectionBySlug('global'))?.id).toBe(fresh.id);
    });

    it('refuses a slug or Chinese name another section has, and a missing section is null', async () => {
      const store = await stores.open();
      const a = await addSection(store, 'a');
      const b = await addSection(store, 'b');
      await expect(store.sections.updateSection(a.id, { slug: 'b' })).rejects.toMatchObject({
        code: 'SECTION_EXISTS',
      });
      await expect(store.sections.updateSection(a.id, { nameZh: b.nameZh })).rejects.toMatchObject({
        code: 'SECTION_EXISTS',
      });
      expect(await store.sections.findSectionById(a.id)).toEqual(a);
      expect(await store.sections.updateSection(9999, { nameEn: 'x' })).toBeNull();
    });

    it('reorders the navigation: the named sections first, the rest as they were', async () => {
      const store = await stores.open();
      const [a, b, c, d] = [
        await addSection(store, 'a'),
        await addSection(store, 'b'),
        await addSection(store, 'c'),
        await addSection(store, 'd'),
      ];
      const tags = await tagsOf(store, () => store.sections.reorderSections([c.id, a.id, 9999, c.id]));
      expect(tags).toContain('sections');
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['c', 'a', 'b', 'd']);
      expect(d).toBeDefined();
      expect(b).toBeDefined();
      // A section added later comes last.
      await addSection(store, 'e');
      expect((await store.sections.listSections()).map((s) => s.slug)).toEqual(['c', 'a', 'b', 'd', 'e']);
    });

    it('merges a section into another: stories move, both slugs lead to the survivor', async () => {
      const store = await stores.open();
      const tech = await addSection(store, 'tech');
      const science = await addSection(store, 'science');
      const one = await addStory(store, tech.id, 1);
      const two = await addStory(store, science.id, 2);
      await store.sections.updateSection(tech.id, { slug: 'technology' });
      const tags = await tagsOf(store, () => store.sections.mergeSections(tech.id, science.id));
      expect(tags).toEqual(
        expect.arrayContaining([
          'sections',
          'stories',
          `section:${tech.id}`,
          `section:${science.id}`,
          `story:${one}`,
        ]),
      );
      expect(await store.sections.findSectionById(tech.id)).toBeNull();
      expect((await store.stories.findStoryById(one))?.sectionId).toBe(science.id);
      expect((await store.stories.findStoryById(two))?.sectionId).toBe(science.id);
      expect(await store.stories.countStories(science.id)).toBe(2);
      expect((await store.sections.findSectionRedirect('technology'))?.id).toBe(science.id);
      expect((await store.sections.findSectionRedirect('tech'))?.id).toBe(science.id);
    });

    it('refuses to merge a section into itself or a missing one, changing nothing', async () => {
      const store = await stores.open();
      const a = await addSection(store, 'a');
      await expect(store.sections.mergeSections(a.id, a.id)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(store.sections.mergeSections(a.id, 9999)).rejects.toMatchObject({
        code: 'SECTION_NOT_FOUND',
      });
      await expect(store.sections.mergeSections(9999, a.id)).rejects.toMatchObject({
        code: 'SECTION_NOT_FOUND',
      });
      expect(await store.sections.listSections()).toEqual([a]);
    });
  });

  describe('desk: feeds and accounts', () => {
    const stores = useStores(adapter);

    it('changes a feed’s settings; a paused feed is never due until resumed', async () => {
      const store = await stores.open();
      const feed = await store.feeds.createFeed(
        {
          url: 'https://x.example/f',
          title: '',
          section: 'world',
          language: 'en',
          intervalMinutes: 30,
          allowPrivate: false,
        },
        NOW,
      );
      expect(feed.paused).toBe(false);
      const later = '2030-01-01T00:00:00.000Z';
      expect((await store.feeds.findDueFeeds(later)).map((f) => f.id)).toEqual([feed.id]);
      const paused = await store.feeds.updateFeedSettings(feed.id, { paused: true });
      expect(paused).toEqual({ ...feed, paused: true });
      expect(await store.feeds.findDueFeeds(later)).toEqual([]);
      const changed = await store.feeds.updateFeedSettings(feed.id, {
        paused: false,
        section: null,
        language: 'any',
        intervalMinutes: 120,
      });
      expect(changed).toMatchObject({ paused: false, section: null, language: 'any', intervalMinutes: 120 });
      expect(await store.feeds.findFeedById(feed.id)).toEqual(changed);
      expect((await store.feeds.findDueFeeds(later)).map((f) => f.id)).toEqual([feed.id]);
      // Absent settings stay as they are.
      expect(await store.feeds.updateFeedSettings(feed.id, { section: 'china' })).toEqual({
        ...changed,
        section: 'china',
      });
      expect(await store.feeds.updateFeedSettings(9999, { paused: true })).toBeNull();
    });

    it('changes an account’s role', async () => {
      const store = await stores.open();
      const ann = await store.accounts.createUser(
        { email: 'ann@example.com', passwordHash: 'x', role: 'reader' },
        NOW,
      );
      expect(await store.accounts.setRole(ann.id, 'editor')).toBe(true);
      expect((await store.accounts.findUserById(ann.id))?.role).toBe('editor');
      expect(await store.accounts.setRole(9999, 'admin')).toBe(false);
    });
  });
}
