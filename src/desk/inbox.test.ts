import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedInbox, topicStory } from '../../test/desk.js';
import { learnerServices } from '../../test/learner.js';
import type { Services } from '../services.js';

let services: Services;
beforeEach(() => {
  services = learnerServices();
});
afterEach(() => services.close());

describe('the 待分类 inbox', () => {
  it('lists the stories the classifier was unsure of, with its guesses from the stored model', async () => {
    const [id] = await seedInbox(services);
    const page = await services.desk.inbox.list(10, 0);
    expect(page.total).toBe(1);
    expect(page.stories.map((s) => s.id)).toEqual([id]);
    const [story] = page.stories;
    expect(story!.filing).toMatchObject({ source: 'classifier' });
    expect(story!.filing!.confidence).toBeLessThan(0.6);
    // Both sections guessed, most likely first, probabilities that add up to 1.
    expect(story!.guesses.map((g) => g.section.slug).sort()).toEqual(['business', 'sports']);
    expect(story!.guesses[0]!.confidence).toBeGreaterThanOrEqual(story!.guesses[1]!.confidence);
    expect(story!.guesses[0]!.confidence + story!.guesses[1]!.confidence).toBeCloseTo(1, 3);
    // 待分类 itself is never offered as a place to file into.
    expect(page.sections.map((s) => s.slug)).not.toContain('unsorted');
  });

  it('files a story as an editor’s choice, and the next retrain learns from it', async () => {
    const ids = await seedInbox(services, 4);
    const before = await services.store.filing.findSectionModel();
    expect(before?.trainedOn).toBe(40);
    for (const id of ids) await services.desk.inbox.file(id, 'sports');
    expect((await services.desk.inbox.list(10, 0)).total).toBe(0);
    const sports = (await services.store.sections.findSectionBySlug('sports'))!;
    const story = (await services.store.stories.findStoryById(ids[0]!))!;
    expect(story.sectionId).toBe(sports.id);
    expect((await services.store.filing.findFilings([story.id])).get(story.id)).toEqual({
      source: 'editor',
      confidence: null,
    });
    // The next batch that needs the classifier retrains on the filed stories, the 4 filed here included.
    await services.pipeline.saveStories([topicStory(200, 'sports', null)]);
    expect((await services.store.filing.findSectionModel())?.trainedOn).toBe(44);
  });

  it('refuses 待分类 itself, a missing section and a missing story, changing nothing', async () => {
    const [id] = await seedInbox(services);
    await expect(services.desk.inbox.file(id!, 'unsorted')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(services.desk.inbox.file(id!, 'nope')).rejects.toMatchObject({ code: 'SECTION_NOT_FOUND' });
    await expect(services.desk.inbox.file(9999, 'sports')).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
    expect((await services.desk.inbox.list(10, 0)).total).toBe(1);
  });
});
