/**
 * The write path every source uses: one transaction per batch, each story analysed once, indexers
 * told what was saved (or that nothing was).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import type { StoryInput } from '../articles/model.js';
import { PublishingService } from '../articles/publishing.js';
import { analysisFits, decodeAnalysis } from '../articles/story-analysis.js';
import { type StoryAnalyzer, storyAnalyzer } from '../articles/story-level.js';
import { type Dictionary, openDictionary } from '../dictionary/index.js';
import { storyTerms, storyTermsFromTokens } from '../related/story-terms.js';
import type { Services } from '../services.js';
import { tokenize } from '../text/tokenize.js';
import { type StoryIndexer, StoryPipeline } from './pipeline.js';

let dictionary: Dictionary;
beforeAll(() => {
  dictionary = openDictionary();
});
afterAll(() => dictionary.close());

function input(id: string, paragraphs: string[], title = `Story ${id}`): StoryInput {
  return {
    source: 'test',
    externalId: id,
    section: '国际英语新闻',
    title,
    dateline: null,
    publishedAt: '2024-01-02',
    url: null,
    tags: [],
    paragraphs,
    pinnedRelated: [],
  };
}

/** An indexer that records what it is told, and fails on demand. */
function recorder(failOn?: string) {
  const seen = { perStory: [] as string[], batches: [] as string[][], rolledBack: 0 };
  const indexer: StoryIndexer = {
    name: 'recorder',
    storySaved: ({ story, analyzed }) =>
      seen.perStory.push(`${story.externalId}:${analyzed ? 'analysed' : 'kept'}`),
    async storiesSaved(_tx, stories) {
      seen.batches.push(stories.map((s) => s.externalId));
      if (failOn && stories.some((s) => s.externalId === failOn)) throw new Error('index full');
    },
    rolledBack: () => {
      seen.rolledBack++;
    },
  };
  return { indexer, seen };
}

function pipelineWith(services: Services, analyze: StoryAnalyzer | null, indexers: StoryIndexer[]) {
  return new StoryPipeline(services.store, new PublishingService(), analyze, indexers);
}

describe('the write pipeline', () => {
  it('analyses each new or changed story once, stores its level and analysis, and skips unchanged texts', async () => {
    const services = memoryServices();
    let analyses = 0;
    const analyze = storyAnalyzer(dictionary);
    const counting: StoryAnalyzer = (paragraphs) => {
      analyses++;
      return analyze(paragraphs);
    };
    const { indexer, seen } = recorder();
    const pipeline = pipelineWith(services, counting, [indexer]);
    const texts = ['The envoys discussed a truce on Sunday.', 'Talks will resume next week.'];
    expect(await pipeline.saveStories([input('a', texts), input('b', ['Markets rose.'])])).toMatchObject({
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(analyses).toBe(2);
    const story = await services.store.stories.findStoryByExternalId('test', 'a');
    // Worked out, and too short to rate (two sentences of 7 and 4 words).
    expect(story?.level).toMatchObject({ band: null, score: null, runningWords: 11 });
    const stored = decodeAnalysis((await services.store.analysis.findStoryAnalysis(story!.id))?.data);
    expect(analysisFits(texts, stored)).toBe(true);

    // The same text again (a new title only): no analysis, the level and analysis stand.
    expect(await pipeline.saveStories([input('a', texts, 'Envoys discuss a truce')])).toMatchObject({
      updated: 1,
    });
    expect(await pipeline.saveStories([input('b', ['Markets rose.'])])).toMatchObject({ unchanged: 1 });
    expect(analyses).toBe(2);
    expect(seen.perStory).toEqual(['a:analysed', 'b:analysed', 'a:kept']);
    expect(seen.batches).toEqual([['a', 'b'], ['a'], []]);
    await services.close();
  });

  it('stores nothing of a batch an indexer fails, and tells every indexer to forget it', async () => {
    const services = memoryServices();
    const first = recorder();
    const failing = recorder('bad');
    const pipeline = pipelineWith(services, storyAnalyzer(dictionary), [first.indexer, failing.indexer]);
    await expect(pipeline.saveStories([input('ok', ['Fine.']), input('bad', ['Not fine.'])])).rejects.toThrow(
      'index full',
    );
    expect(await services.store.stories.countStories()).toBe(0);
    expect(await services.store.analysis.findStoryIdsWithoutAnalysis(1)).toEqual([]);
    expect(first.seen.rolledBack).toBe(1);
    expect(failing.seen.rolledBack).toBe(1);
    await services.close();
  });

  it('leaves named indexers out of a batch', async () => {
    const services = memoryServices();
    const { indexer, seen } = recorder();
    await pipelineWith(services, null, [indexer]).saveStories([input('x', ['Text.'])], {
      without: ['recorder'],
    });
    expect(seen.batches).toEqual([]);
    expect(await services.store.stories.countStories()).toBe(1);
    await services.close();
  });

  it('without a dictionary, a changed text loses its level and its stored analysis no longer fits', async () => {
    const services = memoryServices();
    await pipelineWith(services, storyAnalyzer(dictionary), []).saveStories([input('a', ['Old text here.'])]);
    await pipelineWith(services, null, []).saveStories([input('a', ['New text here.'])]);
    const story = await services.store.stories.findStoryByExternalId('test', 'a');
    expect(story?.level).toBeNull();
    const page = await services.reading.storyPage(story!.slug);
    expect(page?.analysis).toBeNull();
    await services.close();
  });

  it('gives the related engine the same terms from the one analysis as from the text', () => {
    const paragraphs = [
      'WASHINGTON, March 3 (Reuters) - The U.S. Federal Reserve Board raised rates by 0.25 pct.',
      'Fed Chairman Alan Greenspan said the economy\'s growth was "solid" -- analysts agreed.',
    ];
    const title = 'Fed raises rates as Greenspan sees solid growth';
    const analyzed = storyAnalyzer(dictionary)(paragraphs)!;
    expect(storyTermsFromTokens(tokenize(title), analyzed.text.tokens)).toEqual(
      storyTerms({ title, body: paragraphs.join('\n') }),
    );
  });
});

describe('pins an import carries (JSON Lines `pinned`)', () => {
  const pinning = (id: string, pins: string[], paragraphs = [`Text of ${id}.`]): StoryInput => ({
    ...input(id, paragraphs),
    pinnedStories: pins.map((externalId) => ({ source: 'test', externalId })),
  });
  const pinsOf = async (services: Services, id: string) => {
    const story = await services.store.stories.findStoryByExternalId('test', id);
    const ids = story?.pinnedIds ?? [];
    return Promise.all(
      ids.map(async (pinned) => (await services.store.stories.findStoryById(pinned))?.externalId),
    );
  };

  it('resolves a pin to a story later in the batch, and counts a story saved twice once as added', async () => {
    const services = memoryServices();
    const pipeline = pipelineWith(services, null, []);
    const summary = await pipeline.saveStories([
      pinning('a', ['b', 'a']),
      input('b', ['B.']),
      pinning('a', ['b']),
    ]);
    // The repeated record of `a` is unchanged; setting its pins does not make it "updated" too.
    expect(summary).toMatchObject({ added: 2, updated: 0, unchanged: 1 });
    expect(summary.unresolvedPins).toBeUndefined();
    expect(await pinsOf(services, 'a')).toEqual(['b']);
    // Again with other pins: the story's text is unchanged, its pins are not.
    const again = await pipeline.saveStories([pinning('a', ['c', 'b']), input('c', ['C.'])]);
    expect(again).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
    expect(await pinsOf(services, 'a')).toEqual(['c', 'b']);
    await services.close();
  });

  it('finds a pinned story stored under another id (found by its URL) and names pins to nothing', async () => {
    const services = memoryServices();
    const pipeline = pipelineWith(services, null, []);
    await pipeline.saveStories([{ ...input('old', ['Old.']), url: 'https://example.org/x' }]);
    const summary = await pipeline.saveStories([
      { ...input('new', ['Old.']), url: 'https://example.org/x' },
      pinning('p', ['new', 'gone']),
    ]);
    expect(await pinsOf(services, 'p')).toEqual(['old']);
    expect(summary.unresolvedPins).toEqual([
      { story: 'story-p', pinned: { source: 'test', externalId: 'gone' } },
    ]);
    await services.close();
  });
});
