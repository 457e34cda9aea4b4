/**
 * `kill -9` of `lingwire serve` while a learner reviews: every review the server acknowledged (a
 * 200 with the card's next due date) is in the database after a restart, exactly once, and the
 * card is where the last stored review put it; a review in flight when the server died is stored
 * whole or not at all. The learner's session (acknowledged by registration) survives too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../shared-data.js';
import { inspectDatabase, killHard, runLingwire, type Serving, startServe } from './processes.js';

let dir: string;
let db: string;
const running: Serving[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-review-kill-'));
  db = join(dir, 'site.db');
  const imported = await runLingwire([
    '--db',
    db,
    'import',
    join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl'),
  ]);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(async () => {
  for (const serving of running) if (serving.child.exitCode === null) await killHard(serving);
  rmSync(dir, { recursive: true, force: true });
});

interface Who {
  headers: Record<string, string>;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

function storedReviews(): Array<{ rating: string; due: string }> {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT rating, due FROM reviews ORDER BY id').all() as Array<{
      rating: string;
      due: string;
    }>;
  } finally {
    sqlite.close();
  }
}

describe('kill -9 of the server during a learner’s reviews', () => {
  it('loses no acknowledged review and stores the one in flight whole or not at all', async () => {
    let serving = await startServe(db);
    running.push(serving);
    const registered = await fetch(`${serving.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kim@example.com', password: 'correct horse battery' }),
    });
    expect(registered.status).toBe(201);
    const cookie = (registered.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const who: Who = {
      headers: {
        cookie,
        'x-csrf-token': String((await json(registered)).csrfToken),
        'content-type': 'application/json',
      },
    };
    const stories = (await json(await fetch(`${serving.url}/api/stories?limit=1`))).stories as Array<{
      id: number;
    }>;
    const added = await fetch(`${serving.url}/api/me/wordbook`, {
      method: 'POST',
      headers: who.headers,
      body: JSON.stringify({ word: 'harbour', story: stories[0]?.id, sentence: 'The harbour reopened.' }),
    });
    expect(added.status).toBe(201);
    const entry = (await json(added)).id as number;

    const acknowledged: Array<{ rating: string; due: string }> = [];
    const ratings = ['good', 'again', 'hard', 'easy', 'good'];
    const review = (url: string, rating: string) =>
      fetch(`${url}/api/me/reviews`, {
        method: 'POST',
        headers: who.headers,
        body: JSON.stringify({ entry, rating }),
      });

    // Three rounds: reviews one after another, as a learner gives them, then a kill while one is
    // in flight (sent, then 0, 3 or 15 ms later), then a restart.
    for (const delay of [0, 3, 15]) {
      for (let i = 0; i < 8; i++) {
        const rating = ratings[(acknowledged.length + i) % ratings.length] as string;
        const res = await review(serving.url, rating);
        expect(res.status).toBe(200);
        acknowledged.push({ rating, due: String((await json(res)).due) });
      }
      const rating = ratings[acknowledged.length % ratings.length] as string;
      const inFlight = review(serving.url, rating).then(
        async (res) => ({ status: res.status, due: String((await json(res)).due) }),
        () => null,
      );
      await new Promise((r) => setTimeout(r, delay));
      await killHard(serving);
      const answer = await inFlight;
      if (answer?.status === 200) acknowledged.push({ rating, due: answer.due });

      expect(inspectDatabase(db).integrity).toBe('ok');
      const stored = storedReviews();
      // Every acknowledged review, in order; at most the one in flight besides.
      expect(stored.slice(0, acknowledged.length)).toEqual(acknowledged);
      expect(stored.length - acknowledged.length).toBeLessThanOrEqual(1);
      if (stored.length > acknowledged.length) acknowledged.push(stored[stored.length - 1]!);

      serving = await startServe(db);
      running.push(serving);
      // The session survived the crash, and the card is where the last stored review put it.
      const entries = (await json(await fetch(`${serving.url}/api/me/wordbook`, { headers: who.headers })))
        .entries as Array<{ id: number; due: string }>;
      expect(entries).toEqual([expect.objectContaining({ id: entry, due: acknowledged.at(-1)?.due })]);
    }
    const exported = await json(await fetch(`${serving.url}/api/me/export`, { headers: who.headers }));
    expect(exported.reviews).toHaveLength(acknowledged.length);
    await killHard(serving);
  }, 240_000);
});
