/**
 * Editors' changes: checked, written through the pipeline's indexers, the text analysed again by
 * the one analysis path, the permalink kept, each change in the history.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import type { StoryInput } from '../articles/model.js';
import { analysisFits, decodeAnalysis } from '../articles/story-analysis.js';
import { type Dictionary, openDictionary } from '../dictionary/index.js';
import type { Services } from '../services.js';

let dictionary: Dictionary;
beforeAll(() => {
  dictionary = openDictionary();
});
afterAll(() => dictionary.close());

const EASY = [
  'The cat sat on the mat. The dog ran to the park. It was a good day.',
  'The boy and the girl ate an apple. They were happy. The sun was hot.',
  'Mum made a cake. Dad read a book. We all had fun at home.',
];
const HARD = [
  'Parliamentary deliberations concerning the constitutional amendment were protracted, as legislators scrutinised its ramifications for jurisdictional sovereignty.',
  'Economists contended that the unprecedented fiscal consolidation would exacerbate unemployment and precipitate deflationary pressures throughout the eurozone.',
  'Notwithstanding vociferous opposition, the administration promulgated regulations circumscribing the prerogatives of autonomous regulatory commissions.',
];

function input(id: string, title: string, paragraphs: string[], section = 'world'): StoryInput {
  return {
    source: 'test',
    externalId: id,
    section,
    title,
    dateline: null,
    publishedAt: '2024-01-02',
    url: null,
    tags: [],
    paragraphs,
    pinnedRelated: [],
  };
}

describe('story editing', () => {
  let services: Services;
  let id: number;
  beforeEach(async () => {
    services = memoryServices({ dictionary });
    await services.pipeline.saveStories([
      input('1', 'Cats and dogs', EASY),
      input('2', 'Markets fall', HARD, 'business'),
    ]);
    id = (await services.store.stories.findStoryByExternalId('test', '1'))!.id;
  });
  afterEach(async () => {
    await services.store.close();
  });

  it('changes the title and keeps the permalink, recording who changed what', async () => {
    const before = (await services.store.stories.findStoryById(id))!;
    const { story, changes } = await services.editing.edit(
      id,
      { title: '  Cats,  dogs and a cake ' },
      'ed@example.com',
    );
    expect(story.title).toBe('Cats, dogs and a cake');
    expect(story.slug).toBe(before.slug);
    expect(changes).toEqual([{ field: 'title', before: 'Cats and dogs', after: 'Cats, dogs and a cake' }]);
    const [entry] = await services.editing.history(id);
    expect(entry).toMatchObject({ actor: 'ed@example.com', action: 'edit', changes });
    // Found by its new title in search at once.
    const hits = await services.search.search({ q: 'cake', page: 1, limit: 10 });
    expect(hits.ok && hits.results.map((h) => h.id)).toEqual([id]);
  });

  it('analyses edited paragraphs again: a new level and a stored analysis that fits the new text', async () => {
    const easy = (await services.store.stories.findStoryById(id))!.level!;
    const { story } = await services.editing.edit(
      id,
      { paragraphs: HARD.map((p) => p.replace('Economists', 'Analysts')) },
      'cli',
    );
    expect(story.level!.score!).toBeGreaterThan(easy.score!);
    const stored = decodeAnalysis((await services.store.analysis.findStoryAnalysis(id))?.data);
    expect(analysisFits(story.paragraphs, stored)).toBe(true);
  });

  it('moves a story to another section, filed by an editor, and sets status, override and pins', async () => {
    const other = (await services.store.stories.findStoryByExternalId('test', '2'))!.id;
    const { story, changes } = await services.editing.edit(
      id,
      { section: 'business', status: 'draft', level: 'C1', pinned: [other, 999] },
      'ed@example.com',
    );
    expect(changes.map((c) => c.field)).toEqual(['section', 'level', 'pinned', 'status']);
    expect(story.status).toBe('draft');
    expect((await services.store.filing.findFilings([id])).get(id)).toEqual({
      source: 'editor',
      confidence: null,
    });
    expect(await services.editing.pins(story)).toEqual([
      { id: other, title: 'Markets fall', slug: expect.any(String), missing: false },
      { id: 999, title: null, slug: null, missing: true },
    ]);
    expect(await services.reading.findStory(String(id))).toBeNull();
    expect((await services.reading.findStory(String(id), { includeHidden: true }))?.level?.band).toBe('C1');
  });

  it('refuses bad values with INVALID_STORY and an unknown section, writing nothing', async () => {
    for (const bad of [
      { title: '  ' },
      { paragraphs: [' '] },
      { level: 'D9' },
      { publishedAt: 'yesterday' },
      { pinned: [id] },
    ]) {
      await expect(services.editing.edit(id, bad, 'cli')).rejects.toMatchObject({ code: 'INVALID_STORY' });
    }
    await expect(services.editing.edit(id, { section: 'nowhere' }, 'cli')).rejects.toMatchObject({
      code: 'SECTION_NOT_FOUND',
    });
    await expect(services.editing.edit(999, { title: 'x' }, 'cli')).rejects.toMatchObject({
      code: 'STORY_NOT_FOUND',
    });
    expect(await services.editing.history(id)).toEqual([]);
    expect((await services.store.stories.findStoryById(id))!.title).toBe('Cats and dogs');
  });

  it('records nothing when an edit changes nothing', async () => {
    const { changes } = await services.editing.edit(
      id,
      { title: 'Cats and dogs', status: 'published' },
      'cli',
    );
    expect(changes).toEqual([]);
    expect(await services.editing.history(id)).toEqual([]);
  });

  it('deletes a story, keeping its history', async () => {
    await services.editing.remove(id, 'cli');
    expect(await services.store.stories.findStoryById(id)).toBeNull();
    expect((await services.editing.history(id)).map((e) => e.action)).toEqual(['delete']);
    await expect(services.editing.remove(id, 'cli')).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
  });
  it("keeps an editor's changes when the source is imported again, and takes the source's other changes", async () => {
    await services.editing.edit(
      id,
      { title: 'Cats and dogs, corrected', section: 'business' },
      'ed@example.com',
    );
    // The feed polls again: same story, a new last paragraph, its original title and section.
    const again = input('1', 'Cats and dogs', [...EASY.slice(0, 2), 'We all went to bed early.']);
    const summary = await services.pipeline.saveStories([again]);
    expect(summary.updated).toBe(1);
    const story = (await services.store.stories.findStoryById(id))!;
    expect(story.title).toBe('Cats and dogs, corrected');
    expect((await services.store.sections.findSectionById(story.sectionId))!.slug).toBe('business');
    expect(story.paragraphs.at(-1)).toBe('We all went to bed early.');
    // A story no editor touched still follows its source entirely.
    await services.pipeline.saveStories([input('2', 'Markets fall again', HARD, 'world')]);
    const other = (await services.store.stories.findStoryByExternalId('test', '2'))!;
    expect(other.title).toBe('Markets fall again');
    expect((await services.store.sections.findSectionById(other.sectionId))!.slug).toBe('world');
  });
  it('finds a story by its link after an editor changed its source: the next poll updates it, no copy is stored', async () => {
    const linked = { ...input('9', 'Cats and dogs at home', EASY), url: 'https://courier.example/cats' };
    await services.pipeline.saveStories([linked]);
    const stored = (await services.store.stories.findStoryByExternalId('test', '9'))!;
    await services.editing.edit(stored.id, { source: 'The Test Courier' }, 'ed@example.com');
    const count = await services.store.stories.countStories();
    // The feed polls again: its source and id, the same link, a new last paragraph.
    const summary = await services.pipeline.saveStories([
      { ...linked, paragraphs: [...EASY.slice(0, 2), 'We all went to bed early.'] },
    ]);
    expect(summary).toMatchObject({ added: 0, updated: 1 });
    expect(await services.store.stories.countStories()).toBe(count);
    const story = (await services.store.stories.findStoryById(stored.id))!;
    expect(story.source).toBe('The Test Courier');
    expect(story.paragraphs.at(-1)).toBe('We all went to bed early.');
    // Another source's story with that link is still a story of its own.
    const other = await services.pipeline.saveStories([{ ...linked, source: 'elsewhere' }]);
    expect(other.added).toBe(1);
  });

  it("keeps an editor's status and level when an export that says otherwise is imported again", async () => {
    // Exported while unpublished at C1; since then an editor published it and cleared the level.
    await services.pipeline.saveStories([
      { ...input('1', 'Cats and dogs', EASY), status: 'unpublished', levelOverride: 'C1' },
    ]);
    expect((await services.store.stories.findStoryById(id))!.status).toBe('unpublished');
    await services.editing.edit(id, { status: 'published', level: null }, 'ed@example.com');
    await services.pipeline.saveStories([
      { ...input('1', 'Cats and dogs', EASY), status: 'unpublished', levelOverride: 'C1' },
    ]);
    const story = (await services.store.stories.findStoryById(id))!;
    expect(story.status).toBe('published');
    expect(story.levelOverride).toBeNull();
  });
});
