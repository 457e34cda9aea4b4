import { afterEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import type { StoryInput } from '../articles/model.js';
import { parseQuery } from '../search/query.js';
import { SEARCH_CACHE_ENTRIES } from '../search/service.js';
import type { Services } from '../services.js';
import { AnswerCache } from './answer-cache.js';
import { gate, record } from './contract/fixtures.js';
import type { SearchPage } from './types.js';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
});

const story = (n: number, title: string): StoryInput => ({
  source: 'desk',
  externalId: `${n}`,
  section: 'world',
  title,
  dateline: null,
  publishedAt: `2030-01-0${n}`,
  url: null,
  tags: [],
  paragraphs: [`${title}. Prices moved on the oil market.`],
  pinnedRelated: [],
});

const titles = async (s: Services, q: string) => {
  const answer = await s.search.search({ q, page: 1, limit: 10 });
  return answer.ok ? answer.results.map((r) => r.title) : [];
};

describe('cached search answers', () => {
  it('answer a repeated query from memory until a story changes, and never stale after', async () => {
    services = memoryServices();
    await services.pipeline.saveStories([story(1, 'Oil prices rise')]);
    const cache = new AnswerCache<SearchPage>(services.store, SEARCH_CACHE_ENTRIES);
    const ask = async () => (await services!.store.search.searchStories(request)).hits.map((h) => h.title);
    const parsed = parseQuery('oil');
    if (!parsed.ok) throw new Error(parsed.message);
    const request = { terms: parsed.query, limit: 10, offset: 0 };
    const cached = async () =>
      (await cache.get('oil', () => services!.store.search.searchStories(request))).hits;
    expect((await cached()).map((h) => h.title)).toEqual(await ask());
    await cached();
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
    // A write no result shows (it records no change tag) keeps the answer.
    await services.store.meta.saveMeta('heartbeat', 'now');
    await cached();
    expect(cache.stats.hits).toBe(2);
    // A new story drops it: the next answer has the story.
    await services.pipeline.saveStories([story(2, 'Oil exporters meet')]);
    expect((await cached()).map((h) => h.title).sort()).toEqual(['Oil exporters meet', 'Oil prices rise']);
    expect(cache.stats.misses).toBe(2);
  });

  it('does not keep an answer found while a transaction was open: it may show rows that are rolled back', async () => {
    services = memoryServices();
    await services.pipeline.saveStories([story(1, 'Oil prices rise')]);
    const store = services.store;
    const cache = new AnswerCache<SearchPage>(store, SEARCH_CACHE_ENTRIES);
    const parsed = parseQuery('oil');
    if (!parsed.ok) throw new Error(parsed.message);
    const request = { terms: parsed.query, limit: 10, offset: 0 };
    const cached = async () =>
      (await cache.get('oil', () => store.search.searchStories(request))).hits.map((h) => h.title);
    const sectionId = (await store.sections.listSections())[0]!.id;
    const { opened: failed, open: fail } = gate();
    const { opened: written, open: wrote } = gate();
    const action = store.transaction(async (tx) => {
      await tx.stories.insertStory(
        record({
          sectionId,
          slug: 'draft',
          externalId: 'd',
          title: 'Oil draft',
          titleKey: 'oil draft',
          paragraphs: ['Oil.'],
        }),
        '2030-01-05T00:00:00Z',
      );
      wrote();
      await failed;
      throw new Error('rolled back');
    });
    await written;
    // SQLite's one connection shows the uncommitted story to this search.
    expect((await cached()).sort()).toEqual(['Oil draft', 'Oil prices rise']);
    fail();
    await expect(action).rejects.toThrow('rolled back');
    expect(await cached()).toEqual(['Oil prices rise']);
    expect(cache.stats.misses).toBe(2);
    // A transaction that starts and rolls back while a search runs: that answer is not kept either.
    await cache.get('other', async () => {
      const answer = await store.search.searchStories(request);
      await store
        .transaction(async (tx) => {
          await tx.meta.saveMeta('draft', 'x');
          throw new Error('rolled back');
        })
        .catch(() => {});
      return answer;
    });
    await cache.get('other', () => store.search.searchStories(request));
    expect(cache.stats.misses).toBe(4);
  });

  it('the search service uses it: a repeated search is the same answer, a changed story shows at once', async () => {
    services = memoryServices();
    await services.pipeline.saveStories([story(1, 'Oil prices rise')]);
    expect(await titles(services, 'oil')).toEqual(['Oil prices rise']);
    expect(await titles(services, 'oil')).toEqual(['Oil prices rise']);
    await services.pipeline.saveStories([{ ...story(1, 'Gas prices rise'), paragraphs: ['Gas only.'] }]);
    expect(await titles(services, 'oil')).toEqual([]);
    expect(await titles(services, 'gas')).toEqual(['Gas prices rise']);
  });
});
