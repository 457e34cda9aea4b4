/**
 * `lingwire db copy` on the related-stories fixtures (sections, stories with levels and stored
 * analyses, engine vectors, related lists, pinned links, a meta row): SQLite → SQLite always,
 * SQLite → PostgreSQL and back when `TEST_DATABASE_URL` is set. A copy must export the same
 * stories, keep every id (story URLs, related lists), give new rows ids after the copied ones,
 * refuse a non-empty target unless forced, and leave nothing behind when it fails half-way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../../test/postgres.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from '../cli/main.js';
import { LATER, NOW } from './contract/fixtures.js';
import { openStore, openTableAccess } from './open-store.js';
import { copySite } from './site-copy.js';
import type { TableAccess } from './table-access.js';
import { SITE_TABLES } from './tables.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'related');
let dir: string;
let site: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function exported(db: string): Promise<string> {
  const res = await cli('--db', db, 'export');
  expect(res.code).toBe(0);
  return res.out;
}

/**
 * What ids and lists a reader sees: every story's id and slug, with its related list, and what a
 * search finds (the target's search index is built as the copied stories land).
 */
async function snapshot(db: string) {
  const store = await openStore(db, { mustExist: true });
  try {
    const stories = await store.stories.listStories({ limit: 1000, offset: 0 });
    const lists = [];
    for (const s of stories) lists.push([s.id, s.slug, await store.related.findRelatedList(s.id)]);
    const { search } = store;
    const found = async (q: string[][]) =>
      (
        await search.searchStories({
          terms: { include: q, exclude: [], sequence: q.flat() },
          limit: 50,
          offset: 0,
        })
      ).hits
        .map((h) => h.id)
        .sort((a, b) => a - b);
    return {
      lists,
      search: [await found([['ceasefire']]), await found([['foreign', 'ministers']])],
      meta: await store.meta.findMeta('site'),
      vectors: await store.related.countRelatedVectors(),
    };
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-copy-'));
  site = join(dir, 'site.db');
  expect(
    (await cli('--db', site, 'import', join(fixtures, 'archive.jsonl'), join(fixtures, 'pinned.jsonl'))).code,
  ).toBe(0);
  const store = await openStore(site);
  await store.meta.saveMeta('site', 'fixture');
  // An editor made the later copy canonical: an older row now names a newer one (duplicate_of),
  // which a copy made in id order must accept.
  const copy = await store.stories.findStoryByExternalId('written', 'r1-copy');
  expect(copy?.duplicateOf).not.toBeNull();
  await store.stories.setCanonical(copy!.id);
  expect((await store.stories.findStoryByExternalId('written', 'r1'))?.duplicateOf).toBe(copy!.id);
  // A learner: the account, its API token, words and 生词本 move with the site; its session does not.
  const learner = await store.accounts.createUser(
    { email: 'ann@example.com', passwordHash: 'h', role: 'reader' },
    NOW,
  );
  await store.accounts.createApiToken(learner.id, 'token-hash', NOW);
  await store.accounts.createSession({
    idHash: 's',
    userId: learner.id,
    csrfToken: 'c',
    createdAt: NOW,
    expiresAt: LATER,
  });
  await store.learning.saveWordStatus(learner.id, { lemma: 'cessation', status: 'learning', stage: 1 }, NOW);
  await store.close();
});
afterAll(async () => {
  await dropTestSchemas();
  rmSync(dir, { recursive: true, force: true });
});

const targets: Array<[string, () => Promise<string>]> = [
  ['SQLite', async () => join(dir, `copy-${Date.now()}-${Math.random()}.db`)],
];
if (TEST_DATABASE_URL) targets.push(['PostgreSQL', freshSchemaUrl]);

describe.each(targets)('lingwire db copy: SQLite → %s', (_, freshTarget) => {
  it('copies every story with its id, analysis and related list, in batches, and verifies the counts', async () => {
    const target = await freshTarget();
    const res = await cli('db', 'copy', '--from', site, '--to', target, '--batch-size', '4');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(
      /^Copied and verified in [\d.]+ s: sections 5, section_redirects 0, stories 13, story_analysis 13, related_vectors 13, related_lists \d+, related_model \d+, meta 1, feeds \d+, story_filing \d+, section_model \d+, story_edits 0, users 1, api_tokens 1, word_statuses 1, wordbook 0, reviews 0, story_reads 0, known_words_daily 0, feed_tokens 0\.$/,
    );
    const copied = await openStore(target, { mustExist: true });
    expect(await copied.accounts.findUserIdByToken('token-hash')).toBe(1);
    expect(await copied.accounts.findSession('s', NOW)).toBeNull();
    await copied.close();
    expect(res.err.split('\n')).toContain('  stories: 12 of 13 rows');
    expect(await exported(target)).toBe(await exported(site));
    const source = await snapshot(site);
    expect(source.search.map((ids) => ids.length > 0)).toEqual([true, true]);
    expect(await snapshot(target)).toEqual(source);
  });

  it('gives stories stored after the copy ids after the copied ones, and copies back unchanged', async () => {
    const target = await freshTarget();
    expect((await cli('db', 'copy', '--from', site, '--to', target)).code).toBe(0);
    expect((await cli('--db', target, 'import', join(fixtures, 'new-story.jsonl'))).code).toBe(0);
    const { lists } = await snapshot(target);
    expect(Math.max(...lists.map(([id]) => id as number))).toBe(14);

    const back = join(dir, `back-${Date.now()}.db`);
    expect((await cli('db', 'copy', '--from', target, '--to', back)).code).toBe(0);
    expect(await exported(back)).toBe(await exported(target));
    expect(await snapshot(back)).toEqual(await snapshot(target));
  });

  it('refuses a non-empty target, naming what it holds, and replaces it with --force', async () => {
    const target = await freshTarget();
    expect((await cli('--db', target, 'import', join(fixtures, 'new-story.jsonl'))).code).toBe(0);
    const refused = await cli('db', 'copy', '--from', site, '--to', target);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^lingwire: \S+ is not empty \(sections: 1, stories: 1, .*rows\); copy into an empty database, or give --force/,
    );
    const store = await openStore(target);
    const before = await store.changes.latestChange();
    await store.close();

    expect((await cli('db', 'copy', '--force', '--from', site, '--to', target)).code).toBe(0);
    expect(await exported(target)).toBe(await exported(site));
    // A page cache that followed the target's change log drops everything.
    const after = await openStore(target);
    expect(await after.changes.findChangesSince(before)).toMatchObject({ tags: ['all'] });
    await after.close();
  });

  it('leaves the target as it was when a table fails half-way', async () => {
    const target = await freshTarget();
    const source = await openTableAccess(site, { mustExist: true });
    const real = await openTableAccess(target);
    const failing: TableAccess = {
      ...real,
      async insertRows(table, columns, rows) {
        if (table === 'related_lists') throw new Error('disk full (simulated)');
        return real.insertRows(table, columns, rows);
      },
    };
    await expect(copySite(source, failing)).rejects.toThrow('disk full (simulated)');
    for (const { name } of SITE_TABLES) expect(await real.countRows(name), name).toBe(0);
    await source.close();
    await real.close();
  });
});

describe('lingwire db copy: usage', () => {
  it('refuses to copy a database onto itself and a source that does not exist', async () => {
    expect(await cli('db', 'copy', '--from', site, '--to', site)).toMatchObject({
      code: 2,
      err: `lingwire: --from and --to name the same database (sqlite:${site}).`,
    });
    const missing = await cli('db', 'copy', '--from', join(dir, 'absent.db'), '--to', join(dir, 'x.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('there is no database at');
    expect((await cli('db', 'copy', '--from', site)).code).toBe(2);
  });
});
