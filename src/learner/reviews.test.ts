/** FSRS scheduling: the schedule after a restart is exactly the schedule without one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnerServices } from '../../test/learner.js';
import type { Services } from '../services.js';
import type { ReviewRating } from './model.js';
import { newCard, reviewCard } from './reviews.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-reviews-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RATINGS: ReviewRating[] = ['good', 'good', 'again', 'hard', 'good', 'easy', 'good'];

describe('reviews', () => {
  it('schedules a card later after good than after hard, and soonest after again', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const { card } = newCard(now);
    const first = reviewCard(card, 'good', now);
    const later = new Date(first.due);
    const dues = (['again', 'hard', 'good', 'easy'] as const).map((r) =>
      Date.parse(reviewCard(first.card, r, later).due),
    );
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(dues).size).toBe(4);
  });

  it('survives restarts exactly: the same answers at the same times give the same due dates', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const clock = () => now;
    const run = async (restartEachTime: boolean) => {
      const dbPath = join(dir, `${restartEachTime}.db`);
      const open = () => learnerServices({ dbPath, clock });
      let services: Services = open();
      now = new Date('2026-03-01T08:00:00Z');
      const user = await services.learner.accounts.register('ann@example.com', 'correct horse');
      const entry = await services.store.learning.addWordbookEntry(
        user.id,
        {
          word: 'truce',
          lemma: 'truce',
          sentence: 'A truce.',
          storyId: null,
          meaning: 'n. 休战',
          note: '',
          ...newCard(now),
        },
        now.toISOString(),
      );
      const dues: string[] = [];
      for (const rating of RATINGS) {
        if (restartEachTime) {
          await services.close();
          services = open();
        }
        const reviewed = await services.learner.wordbook.review(user.id, entry.id, rating);
        dues.push(reviewed.due);
        now = new Date(Date.parse(reviewed.due) + 3_600_000);
      }
      const card = (await services.store.learning.findWordbookEntry(user.id, entry.id))?.card;
      await services.close();
      return { dues, card };
    };
    const straight = await run(false);
    const restarted = await run(true);
    expect(restarted).toEqual(straight);
    expect(new Set(straight.dues).size).toBe(RATINGS.length);
  });
});
