import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../../test/services.js';
import type { StoryInput } from '../../articles/model.js';
import { seededRandom } from '../../core/random.js';
import type { Services } from '../../services.js';
import { SECTION_MODEL_VERSION } from './model.js';

// Two topics with vocabularies of their own, and words both use: stories a person would file at a glance.
const TOPICS = {
  sports:
    'match goal striker league coach season team cup penalty referee stadium fans keeper midfield champions'.split(
      ' ',
    ),
  business:
    'shares profit market investors bank inflation company earnings prices economy bonds revenue merger dividend'.split(
      ' ',
    ),
};
const COMMON = 'said week people year new time plan city report told'.split(' ');

function words(random: () => number, pool: string[], n: number): string {
  return Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]).join(' ');
}

/** An even mix of both topics, word for word: a story nobody could file with confidence. */
function both(n: number): string {
  return Array.from({ length: n }, (_, i) => `${TOPICS.sports[i % 14]} ${TOPICS.business[i % 14]}`).join(' ');
}

function story(n: number, topic: keyof typeof TOPICS | 'both', section: string | null, seed = n): StoryInput {
  const random = seededRandom(seed * 7919 + 1);
  if (topic === 'both') {
    return { ...story(n, 'sports', section, seed), title: `Story ${n}`, paragraphs: [both(14), both(14)] };
  }
  const pool = TOPICS[topic];
  const mixed = [...pool, ...COMMON];
  return {
    source: 'test',
    externalId: `s${n}`,
    section,
    title: `Story ${n} ${words(random, pool, 3)}`,
    dateline: null,
    publishedAt: null,
    url: null,
    tags: [],
    paragraphs: [words(random, mixed, 12), words(random, mixed, 12), words(random, mixed, 12)],
    pinnedRelated: [],
    language: 'en',
  };
}

/** `perSection` sports stories filed under `sports` and as many business ones under `business`. */
function filed(perSection: number): StoryInput[] {
  return Array.from({ length: perSection * 2 }, (_, i) =>
    story(i, i % 2 ? 'business' : 'sports', i % 2 ? 'business' : 'sports'),
  );
}

let services: Services;
beforeEach(() => {
  services = memoryServices();
});
afterEach(() => services.close());

async function sectionOf(externalId: string) {
  const story = await services.store.stories.findStoryByExternalId('test', externalId);
  if (!story) throw new Error(`no story ${externalId}`);
  const section = await services.store.sections.findSectionById(story.sectionId);
  const filing = (await services.store.filing.findFilings([story.id])).get(story.id) ?? null;
  return { section: section?.slug, filing };
}

describe('automatic sections', () => {
  it('auto: keeps the default section until two sections have 20 filed stories each', async () => {
    await services.pipeline.saveStories(filed(19));
    await services.pipeline.saveStories([story(100, 'sports', null)]);
    expect(await sectionOf('s100')).toEqual({ section: 'news', filing: null });
    expect(await services.store.filing.findSectionModel()).toBeNull();
  });

  it('auto: files a clear story with its confidence, and an unclear one in 待分类', async () => {
    await services.pipeline.saveStories(filed(20));
    const summary = await services.pipeline.saveStories([
      story(100, 'sports', null),
      story(101, 'business', null),
      story(102, 'both', null),
    ]);
    const sports = await sectionOf('s100');
    expect(sports.section).toBe('sports');
    expect(sports.filing?.source).toBe('classifier');
    expect(sports.filing?.confidence).toBeGreaterThan(0.6);
    expect((await sectionOf('s101')).section).toBe('business');
    const unclear = await sectionOf('s102');
    expect(unclear.filing?.source).toBe('classifier');
    expect(unclear.filing?.confidence).toBeLessThan(0.6);
    expect(unclear.section).toBe('unsorted');
    expect(await services.store.sections.findSectionBySlug('unsorted')).toMatchObject({ nameZh: '待分类' });
    expect(summary.classified).toEqual({ filed: 2, unsorted: 1 });
    // 待分类 stories are published like any other: they are listed.
    const listed = await services.reading.listStories({ section: 'unsorted', limit: 10, offset: 0 });
    expect(listed.map((s) => s.title)).toEqual([story(102, 'both', null).title]);
  });

  it('always: files even an unclear story in its best section; never: the default section', async () => {
    await services.pipeline.saveStories(filed(20));
    await services.pipeline.saveStories([story(102, 'both', null)], { classify: 'always' });
    const always = await sectionOf('s102');
    expect(['sports', 'business']).toContain(always.section);
    expect(always.filing?.source).toBe('classifier');
    await services.pipeline.saveStories([story(103, 'sports', null)], { classify: 'never' });
    expect(await sectionOf('s103')).toEqual({ section: 'news', filing: null });
  });

  it('always works from a few filed stories, where auto would not yet', async () => {
    await services.pipeline.saveStories(filed(5));
    await services.pipeline.saveStories([story(100, 'sports', null)]);
    expect((await sectionOf('s100')).section).toBe('news');
    await services.pipeline.saveStories([story(101, 'business', null)], { classify: 'always' });
    expect((await sectionOf('s101')).section).toBe('business');
  });

  it('records who named a section, and never classifies a story that has one', async () => {
    await services.pipeline.saveStories(filed(20));
    await services.pipeline.saveStories([
      story(100, 'sports', 'business'),
      { ...story(101, 'business', 'business'), sectionFiling: { source: 'feed', confidence: null } },
    ]);
    expect(await sectionOf('s100')).toEqual({
      section: 'business',
      filing: { source: 'editor', confidence: null },
    });
    expect((await sectionOf('s101')).filing).toEqual({ source: 'feed', confidence: null });
  });

  it('a re-import without a section keeps the section the story has', async () => {
    await services.pipeline.saveStories(filed(20));
    await services.pipeline.saveStories([story(100, 'sports', null)]);
    const first = await sectionOf('s100');
    const again = await services.pipeline.saveStories([story(100, 'sports', null)]);
    expect(again).toMatchObject({ unchanged: 1 });
    expect(await sectionOf('s100')).toEqual(first);
  });

  it('keeps the model in the database: another process uses it, and it is retrained as filed stories grow', async () => {
    await services.pipeline.saveStories(filed(20));
    await services.pipeline.saveStories([story(100, 'sports', null)]);
    const model = await services.store.filing.findSectionModel();
    expect(model?.trainedOn).toBe(40);
    // A second set of services over the same store (as another process would) classifies with it.
    const { servicesOver } = await import('../../services.js');
    const { DEFAULT_CONFIG } = await import('../../core/config.js');
    const other = servicesOver(
      services.store,
      { ...DEFAULT_CONFIG, dbPath: ':memory:' },
      { dictionary: null, warn: () => {} },
    );
    await other.pipeline.saveStories([story(101, 'business', null)]);
    expect((await sectionOf('s101')).section).toBe('business');
    expect(await services.store.filing.findSectionModel()).toEqual(model);
    // A few more filed stories: not worth retraining; 10 % more: retrained on them.
    await services.pipeline.saveStories([story(200, 'sports', 'sports'), story(201, 'business', 'business')]);
    await services.pipeline.saveStories([story(102, 'sports', null)]);
    expect((await services.store.filing.findSectionModel())?.trainedOn).toBe(40);
    await services.pipeline.saveStories([story(202, 'sports', 'sports'), story(203, 'business', 'business')]);
    await services.pipeline.saveStories([story(103, 'sports', null)]);
    expect((await services.store.filing.findSectionModel())?.trainedOn).toBe(44);
  });

  it('retrains rather than uses a stored model of an older shape (a version-1 softmax model)', async () => {
    await services.pipeline.saveStories(filed(20));
    // What a site that filed these 40 stories before the SVM kept: current by its count, old by its shape.
    const old = JSON.stringify({
      version: 1,
      labels: ['1', '2'],
      terms: [],
      idf: [],
      weights: [],
      bias: [0, 0],
    });
    await services.store.transaction((tx) => tx.filing.saveSectionModel(old, 40));
    await services.pipeline.saveStories([story(100, 'sports', null), story(101, 'business', null)]);
    const stored = await services.store.filing.findSectionModel();
    expect(JSON.parse(stored?.data ?? '{}').version).toBe(SECTION_MODEL_VERSION);
    expect((await sectionOf('s100')).section).toBe('sports');
    expect((await sectionOf('s101')).section).toBe('business');
  });

  it('does not retrain a model that is current, whatever the section ids', async () => {
    // Sections 1–8 first, so the filed ones get ids 9 and 10 (which sort differently as text).
    for (let n = 1; n <= 8; n++)
      await services.store.sections.createSection({ slug: `s${n}`, nameZh: `栏目${n}`, nameEn: '' });
    await services.pipeline.saveStories(filed(20));
    await services.pipeline.saveStories([story(100, 'sports', null)]);
    const model = await services.store.filing.findSectionModel();
    await services.pipeline.saveStories([story(101, 'business', null)]);
    expect(await services.store.filing.findSectionModel()).toEqual(model);
    expect((await sectionOf('s101')).section).toBe('business');
  });

  it('a batch that fails leaves neither the story nor a model behind', async () => {
    await services.pipeline.saveStories(filed(20));
    await expect(
      services.pipeline.saveBatch(async (batch) => {
        await batch.save(story(100, 'sports', null));
        throw new Error('bad record');
      }),
    ).rejects.toThrow('bad record');
    expect(await services.store.stories.findStoryByExternalId('test', 's100')).toBeNull();
    expect(await services.store.filing.findSectionModel()).toBeNull();
  });
});
