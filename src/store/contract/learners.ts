/** The contract of `AccountRepo` and `LearningRepo`: accounts, sessions, tokens, words, 生词本, reviews. */
import { describe, expect, it } from 'vitest';
import type { NewWordbookEntry } from '../../learner/model.js';
import type { Store } from '../types.js';
import {
  addSection,
  addStory,
  HASH,
  LATER,
  NOW,
  type StoreContractAdapter,
  twoUsers as twoAccounts,
  useStores,
} from './fixtures.js';

/** ann and bob, bob an editor. */
const twoUsers = (store: Store) => twoAccounts(store, NOW, 'editor');

function entry(overrides: Partial<NewWordbookEntry> = {}): NewWordbookEntry {
  return {
    word: 'hostilities',
    lemma: 'hostility',
    sentence: 'They discussed a cessation of hostilities.',
    storyId: null,
    meaning: 'n. 战争行动',
    note: '',
    card: '{"state":0}',
    due: NOW,
    ...overrides,
  };
}

export function learnersContract(adapter: StoreContractAdapter): void {
  describe('accounts', () => {
    const stores = useStores(adapter);

    it('creates accounts, finds them by id and email with the hash, lists them without it', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      expect(ann).toEqual({ id: ann.id, email: 'ann@example.com', role: 'reader', createdAt: NOW });
      expect(await store.accounts.findUserByEmail('bob@example.com')).toEqual({ ...bob, passwordHash: HASH });
      expect(await store.accounts.findUserById(ann.id)).toEqual({ ...ann, passwordHash: HASH });
      expect(await store.accounts.findUserByEmail('nobody@example.com')).toBeNull();
      expect(await store.accounts.listUsers()).toEqual([ann, bob]);
      await expect(
        store.accounts.createUser({ email: 'ann@example.com', passwordHash: HASH, role: 'admin' }, NOW),
      ).rejects.toMatchObject({ code: 'USER_EXISTS' });
      expect(await store.accounts.setPassword(ann.id, 'new')).toBe(true);
      expect(await store.accounts.setPassword(9999, 'new')).toBe(false);
      expect((await store.accounts.findUserById(ann.id))?.passwordHash).toBe('new');
    });

    it('keeps sessions until they expire or are deleted, one account at a time', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const session = { idHash: 'h1', userId: ann.id, csrfToken: 'c1', createdAt: NOW, expiresAt: LATER };
      await store.accounts.createSession(session);
      await store.accounts.createSession({ ...session, idHash: 'h2', csrfToken: 'c2' });
      await store.accounts.createSession({ ...session, idHash: 'h3', userId: bob.id, expiresAt: NOW });
      expect(await store.accounts.findSession('h1', NOW)).toEqual(session);
      expect(await store.accounts.findSession('h1', LATER)).toBeNull();
      expect(await store.accounts.findSession('h3', NOW)).toBeNull();
      expect(await store.accounts.deleteExpiredSessions(NOW)).toBe(1);
      expect(await store.accounts.deleteSession('h2')).toBe(true);
      expect(await store.accounts.deleteSession('h2')).toBe(false);
      await store.accounts.createSession({ ...session, idHash: 'h4', userId: bob.id });
      expect(await store.accounts.deleteSessionsOf(ann.id)).toBe(1);
      expect(await store.accounts.findSession('h1', NOW)).toBeNull();
      expect(await store.accounts.findSession('h4', NOW)).not.toBeNull();
    });

    it('finds an account by a token hash until its tokens are revoked', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      await store.accounts.createApiToken(ann.id, 't1', NOW);
      await store.accounts.createApiToken(ann.id, 't2', NOW);
      await store.accounts.createApiToken(bob.id, 't3', NOW);
      expect(await store.accounts.findUserIdByToken('t2')).toBe(ann.id);
      expect(await store.accounts.findUserIdByToken('t3')).toBe(bob.id);
      expect(await store.accounts.findUserIdByToken('nope')).toBeNull();
      expect(await store.accounts.deleteApiTokensOf(ann.id)).toBe(2);
      expect(await store.accounts.findUserIdByToken('t1')).toBeNull();
      expect(await store.accounts.findUserIdByToken('t3')).toBe(bob.id);
    });

    it('deletes an account with everything in it, and nothing of another', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const story = await addStory(store, (await addSection(store, 'x')).id, 1);
      for (const user of [ann, bob]) {
        await store.accounts.createSession({
          idHash: `s${user.id}`,
          userId: user.id,
          csrfToken: 'c',
          createdAt: NOW,
          expiresAt: LATER,
        });
        await store.accounts.createApiToken(user.id, `t${user.id}`, NOW);
        await store.learning.saveWordStatus(
          user.id,
          { lemma: 'cessation', status: 'learning', stage: 1 },
          NOW,
        );
        const kept = await store.learning.addWordbookEntry(user.id, entry({ storyId: story }), NOW);
        await store.learning.recordReview(user.id, kept.id, '{}', {
          entryId: kept.id,
          rating: 'good',
          reviewedAt: NOW,
          due: LATER,
        });
        await store.learning.recordStoryRead(user.id, story, NOW);
      }
      expect(await store.accounts.deleteUser(ann.id)).toBe(true);
      expect(await store.accounts.deleteUser(ann.id)).toBe(false);
      expect(await store.accounts.findSession(`s${ann.id}`, NOW)).toBeNull();
      expect(await store.accounts.findUserIdByToken(`t${ann.id}`)).toBeNull();
      expect(await store.learning.countWordStatuses(ann.id)).toBe(0);
      expect(await store.learning.listWordbook(ann.id)).toEqual([]);
      expect(await store.learning.listReviews(ann.id)).toEqual([]);
      expect(await store.learning.listStoryReads(ann.id)).toEqual([]);
      expect(await store.learning.countWordStatuses(bob.id)).toBe(1);
      expect(await store.learning.listWordbook(bob.id)).toHaveLength(1);
      expect(await store.learning.listReviews(bob.id)).toHaveLength(1);
      expect(await store.accounts.findUserIdByToken(`t${bob.id}`)).toBe(bob.id);
    });
  });

  describe('learning', () => {
    const stores = useStores(adapter);

    it("sets and replaces word statuses, lists them by lemma and status, never another learner's", async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      expect(await l.saveWordStatus(ann.id, { lemma: 'discuss', status: 'learning', stage: 2 }, NOW)).toEqual(
        {
          lemma: 'discuss',
          status: 'learning',
          stage: 2,
        },
      );
      await l.saveWordStatus(ann.id, { lemma: 'discuss', status: 'known', stage: null }, LATER);
      await l.saveWordStatus(ann.id, { lemma: 'cessation', status: 'learning', stage: 1 }, NOW);
      await l.saveWordStatus(ann.id, { lemma: 'Zebra', status: 'ignored', stage: null }, NOW);
      await l.saveWordStatus(bob.id, { lemma: 'apple', status: 'known', stage: null }, NOW);
      expect(await l.findWordStatuses(ann.id, { limit: 10, offset: 0 })).toEqual([
        { lemma: 'Zebra', status: 'ignored', stage: null },
        { lemma: 'cessation', status: 'learning', stage: 1 },
        { lemma: 'discuss', status: 'known', stage: null },
      ]);
      expect(await l.findWordStatuses(ann.id, { status: 'known', limit: 10, offset: 0 })).toEqual([
        { lemma: 'discuss', status: 'known', stage: null },
      ]);
      expect(await l.findWordStatuses(ann.id, { limit: 1, offset: 1 })).toHaveLength(1);
      expect(await l.countWordStatuses(ann.id)).toBe(3);
      expect(await l.countWordStatuses(ann.id, 'learning')).toBe(1);
      expect(await l.countWordStatuses(bob.id)).toBe(1);
      const of = await l.findStatusesOf(ann.id, ['discuss', 'apple', 'cessation', 'discuss']);
      expect(of.map((s) => s.lemma).sort()).toEqual(['cessation', 'discuss']);
      expect((await l.findLemmasWithStatus(ann.id, ['known', 'ignored'])).sort()).toEqual([
        'Zebra',
        'discuss',
      ]);
      expect(await l.findLemmasWithStatus(ann.id, ['learning', 'learning'])).toEqual(['cessation']);
      expect(await l.findLemmasWithStatus(ann.id, ['unknown'])).toEqual([]);
      expect(await l.findLemmasWithStatus(bob.id, ['known'])).toEqual(['apple']);
    });

    it("moves a learner's words version on every status change, and only theirs", async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      const v0 = await l.wordsVersion(ann.id);
      await l.saveWordStatus(ann.id, { lemma: 'a', status: 'known', stage: null }, NOW);
      const v1 = await l.wordsVersion(ann.id);
      await l.markKnown(ann.id, ['b'], [], NOW);
      const v2 = await l.wordsVersion(ann.id);
      expect(new Set([v0, v1, v2]).size).toBe(3);
      expect(await l.wordsVersion(bob.id)).toBe(v0);
      expect(await l.wordsVersion(9999)).toBe(0);
    });

    it('marks lemmas known in one step, replacing only the statuses it is told to', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      await l.saveWordStatus(ann.id, { lemma: 'b', status: 'learning', stage: 3 }, NOW);
      await l.saveWordStatus(ann.id, { lemma: 'c', status: 'unknown', stage: null }, NOW);
      await l.saveWordStatus(bob.id, { lemma: 'a', status: 'unknown', stage: null }, NOW);
      expect(await l.markKnown(ann.id, ['a', 'b', 'c', 'a'], [], NOW)).toBe(1);
      expect(await l.markKnown(ann.id, ['a', 'b', 'c', 'd'], ['unknown'], NOW)).toBe(2);
      expect(await l.findWordStatuses(ann.id, { limit: 10, offset: 0 })).toEqual([
        { lemma: 'a', status: 'known', stage: null },
        { lemma: 'b', status: 'learning', stage: 3 },
        { lemma: 'c', status: 'known', stage: null },
        { lemma: 'd', status: 'known', stage: null },
      ]);
      expect(await l.findStatusesOf(bob.id, ['a'])).toEqual([{ lemma: 'a', status: 'unknown', stage: null }]);
      expect(await l.markKnown(ann.id, [], [], NOW)).toBe(0);
    });

    it("keeps 生词本 entries per learner: one per lemma, due order, no reaching another's by id", async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const story = await addStory(store, (await addSection(store, 'x')).id, 1);
      const l = store.learning;
      const first = await l.addWordbookEntry(ann.id, entry({ storyId: story, due: LATER }), NOW);
      expect(first).toEqual({
        ...entry({ storyId: story, due: LATER }),
        id: first.id,
        userId: ann.id,
        createdAt: NOW,
      });
      const second = await l.addWordbookEntry(ann.id, entry({ word: 'ceased', lemma: 'cease' }), LATER);
      await expect(l.addWordbookEntry(ann.id, entry(), NOW)).rejects.toMatchObject({
        code: 'ALREADY_IN_WORDBOOK',
      });
      const bobs = await l.addWordbookEntry(bob.id, entry(), NOW);
      expect((await l.listWordbook(ann.id)).map((e) => e.id)).toEqual([second.id, first.id]);
      expect(await l.findWordbookEntry(ann.id, first.id)).toEqual(first);
      expect(await l.findWordbookEntry(ann.id, bobs.id)).toBeNull();
      expect((await l.findDueEntries(ann.id, LATER, 10)).map((e) => e.id)).toEqual([second.id, first.id]);
      expect((await l.findDueEntries(ann.id, NOW, 10)).map((e) => e.id)).toEqual([second.id]);
      expect(await l.findDueEntries(ann.id, LATER, 1)).toHaveLength(1);
      expect(await l.countDueEntries(ann.id, LATER)).toBe(2);
      expect(await l.deleteWordbookEntry(ann.id, bobs.id)).toBe(false);
      expect(await l.deleteWordbookEntry(ann.id, second.id)).toBe(true);
      expect(await l.findWordbookEntry(bob.id, bobs.id)).toEqual(bobs);
      await store.stories.deleteStory(story);
      expect((await l.findWordbookEntry(ann.id, first.id))?.storyId).toBeNull();
    });

    it('records a review with the new card and due, only on the learner’s own entry', async () => {
      const store = await stores.open();
      const { ann, bob } = await twoUsers(store);
      const l = store.learning;
      const kept = await l.addWordbookEntry(ann.id, entry(), NOW);
      const review = { entryId: kept.id, rating: 'good' as const, reviewedAt: NOW, due: LATER };
      expect(await l.recordReview(bob.id, kept.id, '{"x":1}', review)).toBeNull();
      const after = await l.recordReview(ann.id, kept.id, '{"state":2}', review);
      expect(after).toEqual({ ...kept, card: '{"state":2}', due: LATER });
      expect(await l.listReviews(ann.id)).toEqual([review]);
      expect(await l.listReviews(bob.id)).toEqual([]);
      expect(await l.countDueEntries(ann.id, NOW)).toBe(0);
    });

    it('records finished stories once each, the newest time kept', async () => {
      const store = await stores.open();
      const { ann } = await twoUsers(store);
      const section = await addSection(store, 'x');
      const one = await addStory(store, section.id, 1);
      const two = await addStory(store, section.id, 2);
      await store.learning.recordStoryRead(ann.id, two, NOW);
      await store.learning.recordStoryRead(ann.id, one, NOW);
      await store.learning.recordStoryRead(ann.id, two, LATER);
      expect(await store.learning.listStoryReads(ann.id)).toEqual([
        { storyId: one, readAt: NOW },
        { storyId: two, readAt: LATER },
      ]);
    });

    it('records no change tag: learner writes leave every cached page warm', async () => {
      const store = await stores.open();
      const { ann } = await twoUsers(store);
      const before = await store.changes.latestChange();
      await store.learning.saveWordStatus(ann.id, { lemma: 'a', status: 'known', stage: null }, NOW);
      await store.learning.addWordbookEntry(ann.id, entry(), NOW);
      expect(await store.changes.latestChange()).toBe(before);
    });
  });
}
