/** The contract of `SearchRepo`: both stores find, rank, filter and highlight alike. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../search/query.js';
import { COUNT_LIMIT } from '../search-ranking.js';
import { type SearchRequest, SNIPPET_CLOSE, SNIPPET_OPEN, type Store } from '../types.js';
import { addSection, addStory, LATER, LEVEL, type StoreContractAdapter, useStores } from './fixtures.js';

function request(q: string, more: Partial<SearchRequest> = {}): SearchRequest {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return { terms: parsed.query, limit: 10, offset: 0, ...more };
}

const titlesOf = async (store: Store, q: string, more: Partial<SearchRequest> = {}) =>
  (await store.search.searchStories(request(q, more))).hits.map((h) => h.title);

export function searchContract(adapter: StoreContractAdapter): void {
  describe('search', () => {
    const stores = useStores(adapter);

    /** A small archive: talks in Syria, a museum, a market report. */
    async function archive() {
      const store = await stores.open();
      const world = await addSection(store, 'world');
      const business = await addSection(store, 'business');
      await addStory(store, world.id, 1, {
        title: 'Lavrov, Kerry discuss ceasefire in Syria',
        paragraphs: ['The ministers held a discussion on the cessation of hostilities.', 'Talks go on.'],
        publishedAt: '2016-02-21T08:00:00.000Z',
        level: { ...LEVEL, band: 'B2' },
      });
      await addStory(store, world.id, 2, {
        title: 'Museum opens a new wing',
        paragraphs: ['Visitors saw paintings. Nobody mentioned Syria or a ceasefire there.'],
        publishedAt: '2016-03-01T08:00:00.000Z',
        level: { ...LEVEL, band: 'A2' },
      });
      await addStory(store, business.id, 3, {
        source: 'market',
        title: 'Oil prices fall',
        paragraphs: ['Hostilities and the cessation of trade hit prices; oil fell.'],
        publishedAt: '2016-04-01T08:00:00.000Z',
      });
      return { store, world, business };
    }

    it('finds words in any form, in titles and texts, with the total', async () => {
      const { store } = await archive();
      // discussed → discuss, the stem of "discussion" (text) and "discuss" (title).
      const page = await store.search.searchStories(request('discussed'));
      expect(page.total).toBe(1);
      expect(page.hits.map((h) => h.title)).toEqual(['Lavrov, Kerry discuss ceasefire in Syria']);
      expect(page.hits[0]).toMatchObject({ slug: 's1', externalId: '1', source: 'wire', levelBand: 'B2' });
      expect(await titlesOf(store, 'painting visitor')).toEqual(['Museum opens a new wing']);
      expect(await titlesOf(store, 'volcano')).toEqual([]);
    });

    it('ranks a title match above a text match', async () => {
      const { store } = await archive();
      expect(await titlesOf(store, 'ceasefire Syria')).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
        'Museum opens a new wing',
      ]);
    });

    it('matches a quoted phrase only with its words side by side, and ranks side by side first', async () => {
      const { store } = await archive();
      expect(await titlesOf(store, '"cessation of hostilities"')).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
      ]);
      // Unquoted, both match; the one holding the words in that order comes first.
      expect(await titlesOf(store, 'cessation of hostilities')).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
        'Oil prices fall',
      ]);
    });

    it('leaves out stories with an excluded word or phrase', async () => {
      const { store } = await archive();
      expect(await titlesOf(store, 'ceasefire -museum')).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
      ]);
      expect(await titlesOf(store, 'cessation -"oil fell"')).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
      ]);
    });

    it('filters by section, dates, source and level band', async () => {
      const { store, business } = await archive();
      expect(await titlesOf(store, 'cessation', { sectionId: business.id })).toEqual(['Oil prices fall']);
      expect(await titlesOf(store, 'cessation', { source: 'market' })).toEqual(['Oil prices fall']);
      expect(await titlesOf(store, 'cessation', { levels: ['B1', 'B2'] })).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
      ]);
      // Both ends are inclusive days.
      expect(await titlesOf(store, 'ceasefire', { from: '2016-03-01' })).toEqual(['Museum opens a new wing']);
      expect(await titlesOf(store, 'ceasefire', { to: '2016-02-21' })).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
      ]);
      const none = await store.search.searchStories(
        request('ceasefire', { from: '2016-02-22', to: '2016-02-28' }),
      );
      expect(none).toEqual({ hits: [], total: 0, totalExact: true });
    });

    it('gives a snippet of the text with the matched words marked', async () => {
      const { store } = await archive();
      const [hit] = (await store.search.searchStories(request('"cessation of hostilities"'))).hits;
      // Marked spans: one per word (PostgreSQL) or one for the phrase (SQLite).
      const marked = [...hit!.snippet.matchAll(/\uE000([^\uE001]*)\uE001/g)].map((m) => m[1]).join(' ');
      expect(marked).toMatch(/^cessation (of )?hostilities$/);
      expect(hit!.snippet.replaceAll(SNIPPET_OPEN, '').replaceAll(SNIPPET_CLOSE, '')).toContain(
        'discussion on the cessation of hostilities',
      );
    });

    it('pages through the results in one order', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      for (let n = 1; n <= 7; n++) {
        await addStory(store, section.id, n, {
          title: `Harbour report ${n}`,
          paragraphs: ['harbour '.repeat(n)],
        });
      }
      const all = (await store.search.searchStories(request('harbour', { limit: 7 }))).hits.map((h) => h.id);
      expect(new Set(all).size).toBe(7);
      const pages = [];
      for (let offset = 0; offset < 7; offset += 3) {
        const page = await store.search.searchStories(request('harbour', { limit: 3, offset }));
        expect(page.total).toBe(7);
        pages.push(...page.hits.map((h) => h.id));
      }
      expect(pages).toEqual(all);
    });

    it('counts a broad search to COUNT_LIMIT and ranks it by phrase, title and date', async () => {
      const store = await stores.open();
      const section = await addSection(store, 'world');
      const stories = COUNT_LIMIT + 5;
      await store.transaction(async (tx) => {
        for (let n = 1; n <= stories; n++) {
          const [title, text] =
            n === 2
              ? ['Port news', 'The harbour master resigned.']
              : n === 3
                ? ['Harbour master honoured', 'The master walked along the harbour.']
                : n === 4
                  ? ['Master of the harbour', 'Old paintings.']
                  : [`Report ${n}`, 'The master left the harbour.'];
          await addStory(tx, section.id, n, { title, paragraphs: [text] });
        }
      });
      const first = await store.search.searchStories(request('harbour master', { limit: 5 }));
      expect(first).toMatchObject({ total: COUNT_LIMIT, totalExact: false });
      // The phrase in the title, the phrase, every word in the title, then the newest.
      expect(first.hits.map((h) => h.slug)).toEqual(['s3', 's2', 's4', `s${stories}`, `s${stories - 1}`]);
      const seen: string[] = [];
      for (let offset = 0; offset < 120; offset += 40) {
        const page = await store.search.searchStories(request('harbour master', { limit: 40, offset }));
        seen.push(...page.hits.map((h) => h.slug));
      }
      expect(new Set(seen).size).toBe(120);
      expect(seen.slice(0, 5)).toEqual(first.hits.map((h) => h.slug));
      // A narrow search among them still counts exactly.
      expect(await store.search.searchStories(request('resigned'))).toMatchObject({
        total: 1,
        totalExact: true,
      });
    });

    it('follows updates and deletes in the same transaction', async () => {
      const { store, world } = await archive();
      const museum = (await store.stories.findStoryBySlug('s2'))!;
      await store.transaction(async (tx) => {
        await tx.stories.updateStory(
          museum.id,
          { ...museum, titleKey: 'x', title: 'Gallery reopens', level: null, paragraphs: ['Sculptures.'] },
          LATER,
        );
        // Inside the transaction, before it commits, the index already says so.
        expect((await tx.search.searchStories(request('sculpture'))).total).toBe(1);
      });
      expect(await titlesOf(store, 'museum')).toEqual([]);
      expect(await titlesOf(store, 'gallery sculptures')).toEqual(['Gallery reopens']);
      const lavrov = await addStory(store, world.id, 9, { title: 'Lavrov again', paragraphs: ['Lavrov.'] });
      expect(await titlesOf(store, 'lavrov')).toHaveLength(2);
      await store.stories.deleteStory(lavrov);
      expect(await titlesOf(store, 'lavrov')).toEqual(['Lavrov, Kerry discuss ceasefire in Syria']);
      await expect(
        store.transaction(async (tx) => {
          await addStory(tx, world.id, 10, { title: 'Rolled back volcano', paragraphs: ['Lava.'] });
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await titlesOf(store, 'volcano')).toEqual([]);
    });

    it('rebuilds the index from the stories', async () => {
      const { store } = await archive();
      expect(await store.search.rebuildSearchIndex()).toBe(3);
      expect(await titlesOf(store, 'discussed')).toEqual(['Lavrov, Kerry discuss ceasefire in Syria']);
    });
    it('never lists a copy, and lists a family of level versions once (its best version)', async () => {
      const { store, world } = await archive();
      const copy = await addStory(store, world.id, 4, {
        source: 'other-wire',
        title: 'Lavrov and Kerry discuss a ceasefire in Syria',
        paragraphs: ['The ministers held a discussion on the cessation of hostilities.'],
      });
      expect(await titlesOf(store, 'Lavrov ceasefire')).toHaveLength(2);
      await store.stories.markDuplicate(copy, 1);
      const page = await store.search.searchStories(request('Lavrov ceasefire'));
      expect(page.hits.map((h) => h.title)).toEqual(['Lavrov, Kerry discuss ceasefire in Syria']);
      // Unfiltered and filtered matches take different paths in SQLite: both leave the copy out.
      expect(await titlesOf(store, 'Lavrov ceasefire', { sectionId: world.id })).toEqual([
        'Lavrov, Kerry discuss ceasefire in Syria',
      ]);

      for (const [n, level] of [
        [5, 'elementary'],
        [6, 'intermediate'],
        [7, 'advanced'],
      ] as const) {
        await addStory(store, world.id, n, {
          source: 'osE',
          group: 'volcano-1',
          groupLevel: level,
          title: `Volcano erupts in Iceland (${level})`,
          paragraphs: ['A volcano erupted; ash closed airports across Europe.'],
        });
      }
      const volcano = await titlesOf(store, 'volcano ash');
      expect(volcano).toHaveLength(1);
      expect(volcano[0]).toMatch(/^Volcano erupts in Iceland/);
    });
  });
}
