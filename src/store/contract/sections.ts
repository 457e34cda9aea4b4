/** The contract of `SectionRepo`. */
import { describe, expect, it } from 'vitest';
import type { Section } from '../../articles/model.js';
import type { Store } from '../types.js';
import { addSection, addStory, type StoreContractAdapter, useStores } from './fixtures.js';

const FINDERS: Array<
  [
    string,
    (store: Store, section: Section) => Promise<Section | null>,
    (store: Store) => Promise<Section | null>,
  ]
> = [
  [
    'findSectionBySlug',
    (s, section) => s.sections.findSectionBySlug(section.slug),
    (s) => s.sections.findSectionBySlug('nope'),
  ],
  [
    'findSectionByNameZh',
    (s, section) => s.sections.findSectionByNameZh(section.nameZh),
    (s) => s.sections.findSectionByNameZh('无'),
  ],
  [
    'findSectionById',
    (s, section) => s.sections.findSectionById(section.id),
    (s) => s.sections.findSectionById(9999),
  ],
];

export function sectionsContract(adapter: StoreContractAdapter): void {
  describe('sections', () => {
    const stores = useStores(adapter);

    it.each(FINDERS)(
      '%s finds a created section, and a missing one is null',
      async (_, find, findMissing) => {
        const store = await stores.open();
        const section = await store.sections.createSection({
          slug: 'world',
          nameZh: '国际英语新闻',
          nameEn: 'International News',
        });
        expect(section).toEqual({
          id: section.id,
          slug: 'world',
          nameZh: '国际英语新闻',
          nameEn: 'International News',
        });
        expect(await find(store, section)).toEqual(section);
        expect(await findMissing(store)).toBeNull();
      },
    );

    it('lists sections in creation order, which a new story does not change', async () => {
      const store = await stores.open();
      expect(await store.sections.listSections()).toEqual([]);
      const [a, b, c] = [
        await addSection(store, 'a'),
        await addSection(store, 'b'),
        await addSection(store, 'c'),
      ];
      await addStory(store, c.id, 1, { publishedAt: '2030-01-01' });
      await addStory(store, a.id, 2, { publishedAt: '2001-01-01' });
      expect(await store.sections.listSections()).toEqual([a, b, c]);
    });
  });
}
