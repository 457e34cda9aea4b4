/** 为我推荐's index built in a worker thread (as `serve` does) is the index built here. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnerServices, learnerStory as story } from '../../test/learner.js';
import { openDictionary } from '../dictionary/index.js';
import { FOR_ME_THREAD_PATH, loadInWorker, loadStoryLemmaIndex } from './for-me-index.js';
import { StoryLemmaIndex } from './story-lemma-index.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-for-me-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the for-me index in a worker thread', () => {
  // `npm test` builds dist/ before running the tests.
  it.skipIf(!existsSync(FOR_ME_THREAD_PATH))(
    'gives the same figures as the index built on this thread',
    async () => {
      const dbPath = join(dir, 'site.db');
      const services = learnerServices({ dictionary: openDictionary(), dbPath });
      await services.pipeline.saveStories([
        story('Cats', '2026-01-01T00:00:00Z', 'The cat sat on the mat in Paris.'),
        story('Dogs', '2026-01-02T00:00:00Z', 'The dog sat on the mat.'),
        story(
          'Envoys',
          '2026-01-03T00:00:00Z',
          'Envoys discussed the cessation of hostilities on 12 fronts.',
        ),
      ]);
      const here = await loadStoryLemmaIndex(services.store);
      const load = loadInWorker(dbPath);
      expect(load).not.toBeNull();
      const there = StoryLemmaIndex.fromExport(await load!());
      expect(there.size).toBe(3);
      for (const known of [
        [],
        ['the', 'cat', 'sit', 'on'],
        ['the', 'dog', 'sit', 'on', 'mat', 'cat', 'in'],
      ]) {
        expect(there.newestInRange(there.knownFlags(known), 0, 1, 10)).toEqual(
          here.newestInRange(here.knownFlags(known), 0, 1, 10),
        );
      }
      // The learner's list through the service, loading in the worker.
      const ann = await services.learner.accounts.register('ann@example.com', 'correct horse');
      // As `serve` sets it up: nothing loaded until the first list, which loads in the worker.
      services.learner.forMe.useWorker(dbPath);
      expect(services.learner.forMe.stats.loadedIn).toBeNull();
      const titles = (
        await services.learner.forMe.list(ann.id, { min: 0, max: 1, limit: 10, offset: 0 })
      ).map((s) => s.title);
      expect(titles).toEqual(['Envoys', 'Dogs', 'Cats']);
      expect(services.learner.forMe.stats.loadedIn).toBe('worker');
      await services.close();
    },
  );

  it('seals stories stored after loading into postings after the request, the lists the same before and after', async () => {
    let now = 0;
    const services = learnerServices({ dictionary: openDictionary() });
    const { ForMeService } = await import('./for-me.js');
    const forMe = new ForMeService(services.store, { refreshMs: 1, now: () => now, sealAt: 3 });
    await services.pipeline.saveStories([story('Cats', '2026-01-01T00:00:00Z', 'The cat sat on the mat.')]);
    const ann = await services.learner.accounts.register('ann@example.com', 'correct horse');
    await services.store.learning.markKnown(ann.id, ['the', 'cat', 'sit', 'on', 'mat', 'dog'], [], 'x');
    const list = async () =>
      (await forMe.list(ann.id, { min: 0, max: 0.99, limit: 10, offset: 0 })).map((s) => [
        s.title,
        s.knownShare,
      ]);
    expect(await list()).toEqual([]);
    const index = await forMe.storyIndex();
    await services.pipeline.saveStories([
      story('Dogs', '2026-01-02T00:00:00Z', 'The dog sat on the mat in Rome today.'),
      story('Birds', '2026-01-03T00:00:00Z', 'The bird sat on the cat.'),
      story('Envoys', '2026-01-04T00:00:00Z', 'Envoys discussed the cessation of hostilities.'),
    ]);
    now = 10;
    // What an index loaded afresh from the store gives.
    const fresh = new ForMeService(services.store);
    const expected = (await fresh.list(ann.id, { min: 0, max: 0.99, limit: 10, offset: 0 })).map((s) => [
      s.title,
      s.knownShare,
    ]);
    expect(expected.map(([title]) => title)).toEqual(['Envoys', 'Birds', 'Dogs']);
    // The request that found them scans them one by one; the seal comes after it.
    expect(await list()).toEqual(expected);
    expect(index.pendingCount).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(index.pendingCount).toBe(0);
    expect(index.segmentCount).toBe(2);
    expect(await list()).toEqual(expected);
    await services.close();
  });

  it('is not used for an in-memory database', () => {
    expect(loadInWorker(':memory:')).toBeNull();
  });
});
