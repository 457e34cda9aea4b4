/**
 * Issue #16: concurrent reviews of one 生词本 entry (two tabs, a double-click) each count. Before,
 * a review read the card, scheduled and wrote it back in separate store calls, so reviews that
 * read the same card lost all but one update. On SQLite and, when `TEST_DATABASE_URL` is set,
 * PostgreSQL; through the service and through `POST /api/me/reviews`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHEAP_SCRYPT, learnerApp, registerLearner } from '../../test/learner.js';
import { dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../../test/postgres.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import { type Services, servicesOver } from '../services.js';
import { openStore } from '../store/open-store.js';
import type { ReviewRating } from './model.js';
import { newCard, reviewCard } from './reviews.js';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const RATINGS: ReviewRating[] = ['good', 'again', 'hard', 'easy', 'good', 'good', 'hard', 'good'];

const SETUPS: Array<{ name: string; database: (dir: string) => Promise<string> }> = [
  { name: 'SQLite', database: async (dir) => join(dir, 'site.db') },
];
if (TEST_DATABASE_URL) SETUPS.push({ name: 'PostgreSQL', database: () => freshSchemaUrl() });
afterAll(dropTestSchemas);

describe.each(SETUPS)('concurrent reviews of one entry on $name', (setup) => {
  let dir: string;
  let services: Services;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingwire-review-race-'));
    const db = await setup.database(dir);
    services = servicesOver(
      await openStore(db),
      { ...DEFAULT_CONFIG, dbPath: db },
      { dictionary: null, warn: () => {}, clock: () => NOW, learner: { scryptCost: CHEAP_SCRYPT } },
    );
    app = await learnerApp(services);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let learners = 0;
  /** A new learner with one 生词本 entry due now: its id, the learner's, and headers. */
  async function learnerWithEntry() {
    const learner = await registerLearner(app, `ann${++learners}@example.com`);
    const user = (await services.store.accounts.findUserByEmail(learner.email))!;
    const { card, due } = newCard(NOW);
    const entry = await services.store.learning.addWordbookEntry(
      user.id,
      {
        word: 'hostilities',
        lemma: 'hostilities',
        sentence: 'A cessation of hostilities.',
        storyId: null,
        meaning: '战争行动',
        note: '',
        card,
        due,
      },
      NOW.toISOString(),
    );
    return { learner, userId: user.id, entry };
  }

  /** Every review is in the log, and the card is the log's reviews applied one after another. */
  async function expectAllCounted(userId: number, entryId: number, start: string) {
    const log = await services.store.learning.listReviews(userId);
    expect(log.map((r) => r.rating).sort()).toEqual([...RATINGS].sort());
    let card = start;
    for (const r of log) card = reviewCard(card, r.rating, NOW).card;
    const stored = (await services.store.learning.findWordbookEntry(userId, entryId))!;
    expect(JSON.parse(stored.card)).toMatchObject({ reps: RATINGS.length });
    expect(stored.card).toBe(card);
    expect(stored.due).toBe(log.at(-1)!.due);
  }

  it('through the service: every review counts, in turn', async () => {
    const { userId, entry } = await learnerWithEntry();
    await Promise.all(RATINGS.map((rating) => services.learner.wordbook.review(userId, entry.id, rating)));
    await expectAllCounted(userId, entry.id, entry.card);
  });

  it('through POST /api/me/reviews: every review counts, in turn', async () => {
    const { learner, userId, entry } = await learnerWithEntry();
    const answers = await Promise.all(
      RATINGS.map((rating) =>
        app.inject({
          method: 'POST',
          url: '/api/me/reviews',
          headers: learner.headers,
          payload: { entry: entry.id, rating },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(RATINGS.map(() => 200));
    await expectAllCounted(userId, entry.id, entry.card);
  });
});
